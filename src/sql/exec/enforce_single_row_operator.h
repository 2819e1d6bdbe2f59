#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sql/exec/operator.h"

namespace stratus::sql::exec {

/// A scalar subquery's input: passes its one row on at the end, a row of
/// NULLs when there was none, and fails with SUBQUERY_MULTIPLE_ROWS on a
/// second row. Runs on one driver.
///
/// Thread safety: none (see Operator).
class EnforceSingleRowOperator final : public Operator {
 public:
  explicit EnforceSingleRowOperator(std::vector<LogicalType> types);

  Status Push(Batch input) override;
  Status Finish() override;
  Result<Flow> Next(Batch* out) override;
  std::string Describe() const override;

 private:
  std::optional<Batch> row_;
  bool finished_ = false;
  bool emitted_ = false;
};

}  // namespace stratus::sql::exec
