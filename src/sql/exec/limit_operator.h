#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "sql/exec/operator.h"

namespace stratus::sql::exec {

/// What the drivers of one LIMIT share: the rows still to skip and to pass.
///
/// Thread safety: guarded by mu.
struct LimitShared {
  std::mutex mu;
  uint64_t offset_left = 0;                           // Guarded by mu.
  std::optional<uint64_t> limit_left = std::nullopt;  // Guarded by mu.
};

/// Skips `offset` rows, then passes at most `limit` rows and is done. The
/// drivers of a pipeline share the counts (LimitShared), so the LIMIT holds
/// across them; which rows pass is then the order they arrive in, which is
/// the rows' order when the pipeline runs on one driver (after a sort).
///
/// Thread safety: none (see Operator); the shared counts are locked.
class LimitOperator final : public Operator {
 public:
  LimitOperator(std::vector<LogicalType> types, std::shared_ptr<LimitShared> shared);

  Status Push(Batch input) override;
  Status Finish() override;
  Result<Flow> Next(Batch* out) override;
  std::string Describe() const override;

 private:
  std::shared_ptr<LimitShared> shared_;
  bool exhausted_ = false;  // The limit is reached.
  std::optional<Batch> pending_;
  bool input_finished_ = false;
};

}  // namespace stratus::sql::exec
