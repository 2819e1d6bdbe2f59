#pragma once

// The private parts of ExecutionEngine shared by its .cc files.

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "states/api/execution_engine.h"
#include "states/api/execution_store.h"
#include "states/api/map_run_store.h"
#include "states/integrations/task_runner.h"
#include "states/interpreter/execution_state.h"
#include "storage/timer_service.h"

namespace stratus::states::api {

/// The owner name of the engine's durable timers.
inline constexpr std::string_view kTimerOwner = "states";

/// One event on its way into an execution's strand.
struct ExecutionEngine::Inbound {
  interpreter::ExecutionEvent event = interpreter::TimerFired{};
  /// The durable timer this event comes from: its row is deleted in the
  /// transaction that commits the step.
  std::optional<storage::Timer> fired = std::nullopt;
  /// The nominal due time of a fired timer (millis), to advance the skew.
  int64_t nominal_due_millis = 0;
  /// Acknowledges the caller after the step committed (SendTask*, Stop, Redrive).
  std::function<void(Status)> done = {};
};

/// A running execution. See execution_engine.h.
struct ExecutionEngine::Live {
  // Set at creation; `id` is set by the start commit's work, before any
  // other access.
  int64_t id = 0;
  bool durable = true;
  std::string arn = {};
  std::shared_ptr<const Revision> revision = nullptr;
  ExecutionRecord record = {};
  integrations::TaskOrigin origin = {};
  HistoryObserver observer = {};
  std::function<void(ExecutionResult)> on_end = {};

  std::mutex mu;
  std::deque<Inbound> inbox = {};  // Guarded by mu.
  bool scheduled = false;          // Guarded by mu. A worker or a commit owns the strand.
  bool finished = false;           // Guarded by mu.
  // Callers of a concurrent identical StartExecution, answered after the
  // start commit. Guarded by mu.
  std::vector<std::function<void(Result<StartOutcome>)>> start_waiters = {};

  // Owned by the strand (the worker draining it, then its commit callback).
  interpreter::ExecutionState state = {};
  HostState host = {};
  std::map<int64_t, std::shared_ptr<std::atomic<bool>>> task_flags = {};
  std::map<int64_t, std::string> task_tokens = {};
  std::map<int64_t, uint64_t> memory_timers = {};  // EXPRESS: timer id → DelayQueue id.
};

/// What one drained batch produced, carried from the worker to the commit
/// callback.
struct ExecutionEngine::Batch {
  std::vector<interpreter::HistoryEvent> events = {};
  /// `events` as rows, serialized on the worker before the commit.
  std::vector<HistoryRow> rows = {};
  std::vector<interpreter::Effect> effects = {};
  std::vector<storage::Timer> new_timers = {};
  std::vector<storage::Timer> fired = {};
  std::vector<std::pair<std::function<void(Status)>, Status>> replies = {};
  ExecutionUpdate update = {};
  /// The Map Runs and child executions the steps started or changed.
  MapRunChanges map_runs = {};
  bool changed = false;
  bool terminal = false;
};

/// Returns the result of an ended execution from its state.
ExecutionResult ResultOf(const ExecutionRecord& record, const interpreter::ExecutionState& state);

}  // namespace stratus::states::api
