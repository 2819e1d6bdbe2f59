#pragma once

// Driver: runs one instance of a pipeline — pulls batches from its source,
// pushes them through its operators and hands the results to its sink —
// checking for cancellation between batches.
//
// Ownership: owns its source, operators and sink.
// Thread safety: Run() on one thread; the cancellation flag is read atomically.

#include <atomic>
#include <memory>
#include <vector>

#include "base/result.h"
#include "sql/exec/operator.h"

namespace stratus::sql::exec {

class Driver {
 public:
  /// Any of `interrupts` (null entries are skipped) set ends the run with
  /// USER_CANCELED between batches.
  Driver(std::unique_ptr<Source> source,
         std::vector<std::unique_ptr<Operator>> operators,
         std::unique_ptr<Sink> sink,
         std::vector<const std::atomic<bool>*> interrupts);
  ~Driver();
  Driver(const Driver&) = delete;
  Driver& operator=(const Driver&) = delete;

  /// Runs the pipeline to the end of its source (or until an operator is
  /// done), then finishes every operator and the sink.
  Status Run();

 private:
  // Pushes `batch` into operator `index` (the sink past the last) and drains it.
  Status PushFrom(size_t index, Batch batch);
  // Finishes operator `index` and everything after it.
  Status FinishFrom(size_t index);
  // Drains operator `index` into the next; sets done_at_ on kDone.
  Status Drain(size_t index);

  std::unique_ptr<Source> source_;
  std::vector<std::unique_ptr<Operator>> operators_;
  std::unique_ptr<Sink> sink_;
  bool Interrupted() const;

  std::vector<const std::atomic<bool>*> interrupts_;
  // The first operator that answered kDone (operators_.size() when none).
  size_t done_at_;
};

/// Returns the USER_CANCELED error ("Query was canceled").
Status CancelledError();

}  // namespace stratus::sql::exec
