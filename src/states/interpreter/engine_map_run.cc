// Map Runs and child executions: the published view of DISTRIBUTED Map
// states (map_run.h). Each iteration of a DISTRIBUTED map is a child
// execution with a name, a status and a history of its own, numbered by the
// iteration frame; the Map Run counts its iterations. Both are reported in
// the StepResult of every step that changes them.

#include <algorithm>
#include <utility>

#include "base/format.h"
#include "base/random.h"
#include "states/interpreter/engine_internal.h"

namespace stratus::states::interpreter {
namespace {

// The number of items iteration `index` processes (1 without an ItemBatcher).
int64_t IterationItemCount(const MapProgress& progress, size_t index) {
  if (progress.batch_starts.empty()) {
    return 1;
  }
  const int64_t end = index + 1 < progress.batch_starts.size()
                          ? progress.batch_starts[index + 1]
                          : static_cast<int64_t>(progress.items.size());
  return end - progress.batch_starts[index];
}

void Count(MapRunCounts& counts, IterationStatus status, int64_t n) {
  counts.total += n;
  switch (status) {
    case IterationStatus::kPending:
      counts.pending += n;
      break;
    case IterationStatus::kRunning:
      counts.running += n;
      break;
    case IterationStatus::kSucceeded:
      counts.succeeded += n;
      break;
    case IterationStatus::kFailed:
      counts.failed += n;
      break;
    case IterationStatus::kAborted:
      counts.aborted += n;
      break;
  }
}

}  // namespace

Engine::MapRunSlots& Engine::Slots() {
  if (slots_ == nullptr) {
    slots_ = std::make_unique<MapRunSlots>();
  }
  return *slots_;
}

const Frame* Engine::ChildExecutionOwner(const Frame& frame) {
  for (const Frame* f = &frame; f != nullptr; f = f->parent) {
    if (!f->child_name.empty()) {
      return f;
    }
  }
  return nullptr;
}

Frame* Engine::ChildExecutionOwner(Frame& frame) {
  return const_cast<Frame*>(ChildExecutionOwner(std::as_const(frame)));
}

Frame* Engine::FindMapRun(Frame& frame, std::string_view map_run_arn) {
  if (frame.phase == FramePhase::kChildren && frame.map != nullptr && frame.map->distributed &&
      frame.map->map_run_arn == map_run_arn && frame.map->run_status == MapRunStatus::kRunning) {
    return &frame;
  }
  for (auto& child : frame.children) {
    if (Frame* found = FindMapRun(*child, map_run_arn)) {
      return found;
    }
  }
  return nullptr;
}

ChildExecutionUpdate& Engine::ChildRecord(Frame& owner) {
  // Keyed by the child's name (a UUID): every event of a child execution
  // comes here, and its ARN is built once, with the record.
  auto [slot, inserted] =
      Slots().children.try_emplace(owner.child_name, step_.child_executions.size());
  if (!inserted) {
    return step_.child_executions[slot->second];
  }
  const MapProgress& progress = *owner.parent->map;
  ChildExecutionUpdate& record = step_.child_executions.emplace_back();
  record.arn = MapRunChildExecutionArn(progress.map_run_arn, owner.child_name);
  record.name = owner.child_name;
  record.map_run_arn = progress.map_run_arn;
  record.state_machine_arn = MapRunStateMachineArn(progress.map_run_arn);
  record.item_count = IterationItemCount(progress, static_cast<size_t>(owner.index));
  record.start_time = owner.child_start_time;
  record.redrive_count = owner.child_redrive_count;
  return record;
}

void Engine::StartChildExecution(Frame& child) {
  child.child_name = options_.ids->Uuid();
  child.child_start_time = now_;
  child.child_input = child.input;
  child.cursor = EventCursor{};
  child.silent_next_event_id = 1;
  ChildExecutionUpdate& record = ChildRecord(child);
  record.started = true;
  record.input = PayloadText(child.input);
  Json details;
  if (Recording(child)) {
    details = Json::object();
    details["input"] = record.input;
    details["inputDetails"] = DataDetails();
    details["roleArn"] = run_.context.role_arn;
  }
  Emit(child, HistoryEventType::kExecutionStarted, std::move(details));
}

void Engine::EndChildExecution(Frame& child, ExecutionStatus status) {
  ChildExecutionUpdate& record = ChildRecord(child);
  record.status = status;
  record.stop_time = now_;
  Json details = Json::object();
  switch (status) {
    case ExecutionStatus::kSucceeded:
      record.output = PayloadText(child.output);
      details["output"] = *record.output;
      details["outputDetails"] = DataDetails();
      Emit(child, HistoryEventType::kExecutionSucceeded, std::move(details));
      break;
    case ExecutionStatus::kFailed:
      record.error = child.error;
      record.cause = child.cause;
      if (child.error) {
        details["error"] = *child.error;
      }
      if (child.cause) {
        details["cause"] = *child.cause;
      }
      Emit(child, HistoryEventType::kExecutionFailed, std::move(details));
      break;
    default:
      Emit(child, HistoryEventType::kExecutionAborted, std::move(details));
      break;
  }
}

void Engine::RedriveChildExecution(Frame& child) {
  ++child.child_redrive_count;
  if (run_.context_child == child.child_name) {
    SetExecutionContext(run_, &child);  // $$.Execution.RedriveCount.
  }
  ChildExecutionUpdate& record = ChildRecord(child);
  record.redrive_count = child.child_redrive_count;
  record.redrive_time = now_;
  record.status = ExecutionStatus::kRunning;
  record.stop_time.reset();
  Emit(child, HistoryEventType::kExecutionRedriven,
       Json{{"redriveCount", child.child_redrive_count}});
}

void Engine::PublishMapRun(const Frame& frame) {
  const MapProgress& progress = *frame.map;
  MapRunUpdate update;
  update.arn = progress.map_run_arn;
  update.execution_arn = progress.execution_arn;
  update.state_machine_arn = MapRunStateMachineArn(progress.map_run_arn);
  update.status = progress.run_status;
  update.start_time = progress.start_time;
  update.stop_time = progress.stop_time;
  update.max_concurrency = progress.max_concurrency;
  update.tolerated_failure_count = progress.tolerated_failure_count;
  update.tolerated_failure_percentage = progress.tolerated_failure_percentage;
  update.redrive_count = progress.redrive_count;
  update.redrive_time = progress.redrive_time;
  for (size_t i = 0; i < progress.statuses.size(); ++i) {
    Count(update.item_counts, progress.statuses[i], IterationItemCount(progress, i));
    Count(update.execution_counts, progress.statuses[i], 1);
  }
  for (const auto& child : progress.requeued) {
    const auto index = static_cast<size_t>(child->index);
    update.item_counts.pending_redrive += IterationItemCount(progress, index);
    update.execution_counts.pending_redrive += 1;
  }
  update.item_counts.pending -= update.item_counts.pending_redrive;
  update.execution_counts.pending -= update.execution_counts.pending_redrive;
  PublishMapRun(std::move(update));
}

void Engine::PublishMapRun(MapRunUpdate update) {
  auto [slot, inserted] = Slots().map_runs.try_emplace(update.arn, step_.map_runs.size());
  if (inserted) {
    step_.map_runs.push_back(std::move(update));
  } else {
    step_.map_runs[slot->second] = std::move(update);
  }
}

void Engine::AbortMapRun(Frame& frame) {
  MapProgress& progress = *frame.map;
  if (progress.run_status != MapRunStatus::kRunning) {
    return;
  }
  progress.run_status = MapRunStatus::kAborted;
  progress.stop_time = now_;
  for (auto& child : frame.children) {
    if (child->phase == FramePhase::kSucceeded || child->phase == FramePhase::kFailed ||
        child->phase == FramePhase::kAborted) {
      continue;
    }
    progress.statuses[static_cast<size_t>(child->index)] = IterationStatus::kAborted;
    if (!child->child_name.empty()) {
      EndChildExecution(*child, ExecutionStatus::kAborted);
    }
  }
  PublishMapRun(frame);
}

}  // namespace stratus::states::interpreter
