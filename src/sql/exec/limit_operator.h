#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sql/exec/operator.h"

namespace stratus::sql::exec {

/// Skips `offset` rows, then passes at most `limit` rows and is done.
/// Runs on one driver (the pipeline's order is the rows' order).
///
/// Thread safety: none (see Operator).
class LimitOperator final : public Operator {
 public:
  LimitOperator(std::vector<LogicalType> types, uint64_t offset, std::optional<uint64_t> limit);

  Status Push(Batch input) override;
  Status Finish() override;
  Result<Flow> Next(Batch* out) override;
  std::string Describe() const override;

 private:
  uint64_t offset_left_;
  std::optional<uint64_t> limit_left_;
  std::optional<Batch> pending_;
  bool input_finished_ = false;
};

}  // namespace stratus::sql::exec
