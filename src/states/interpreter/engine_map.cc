// Map states: items from ItemsPath/Items, one child frame per iteration run
// by a bounded set of workers (MaxConcurrency), inline or as a DISTRIBUTED
// map run whose iterations are child executions (not in this history; see
// engine_map_run.cc). A failed Map keeps its unsuccessful iterations for a
// redrive.

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "base/format.h"
#include "base/random.h"
#include "states/asl/errors.h"
#include "states/asl/io_processing.h"
#include "states/asl/json_path.h"
#include "states/asl/state_fields.h"
#include "states/interpreter/engine_internal.h"
#include "states/interpreter/result_export.h"

namespace stratus::states::interpreter {
namespace {

// AWS: "Inline mode supports up to 40 concurrent iterations".
constexpr int64_t kMaxInlineConcurrency = 40;

// Splits the items into ItemBatcher batches: at most MaxItemsPerBatch items
// and MaxInputBytesPerBatch bytes of JSON each (a batch holds at least one
// item). Returns the index of each batch's first item.
Result<std::vector<int64_t>> BatchStarts(const asl::ItemBatcher& batcher,
                                         const Json& items,
                                         const asl::StateValues& values,
                                         const asl::EvaluationContext& context) {
  STRATUS_ASSIGN_OR_RETURN(
      std::optional<Json> max_items,
      asl::ResolveDynamicNumber(batcher.max_items_per_batch, "MaxItemsPerBatch", values, context));
  STRATUS_ASSIGN_OR_RETURN(std::optional<Json> max_bytes,
                           asl::ResolveDynamicNumber(batcher.max_input_bytes_per_batch,
                                                     "MaxInputBytesPerBatch", values, context));
  auto item_limit = static_cast<int64_t>(items.size());
  if (max_items.has_value() && max_items->is_number()) {
    item_limit = std::max<int64_t>(1, static_cast<int64_t>(max_items->get<double>()));
  }
  std::optional<int64_t> byte_limit;
  if (max_bytes.has_value() && max_bytes->is_number()) {
    byte_limit = static_cast<int64_t>(max_bytes->get<double>());
  }
  std::vector<int64_t> starts;
  int64_t count = 0;
  int64_t bytes = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    const int64_t size =
        byte_limit.has_value() ? static_cast<int64_t>(DumpJson(items[i]).size()) : 0;
    if (starts.empty() || count >= item_limit ||
        (byte_limit && count > 0 && bytes + size > *byte_limit)) {
      starts.push_back(static_cast<int64_t>(i));
      count = 0;
      bytes = 0;
    }
    ++count;
    bytes += size;
  }
  return starts;
}

bool IsJsonata(const asl::State& state) {
  return state.query_language == asl::QueryLanguage::kJsonata;
}

}  // namespace

Status Engine::PrepareMap(Frame& frame) {
  const auto& map = frame.state->As<asl::MapState>();
  if (IsJsonata(map)) {
    frame.effective = frame.input;
    return Status::Ok();
  }
  asl::EvaluationContext context = Context(frame);
  STRATUS_ASSIGN_OR_RETURN(frame.effective, asl::ApplyInputPath(map, frame.input, context));
  return Status::Ok();
}

Status Engine::StartMap(Frame& frame) {
  const auto& map = frame.state->As<asl::MapState>();
  if (map.item_reader.has_value()) {
    return StartItemReader(frame);
  }
  asl::EvaluationContext context = Context(frame);
  asl::StateValues values{.input = &frame.effective, .result = nullptr, .error_output = nullptr};
  STRATUS_ASSIGN_OR_RETURN(Json items, asl::ResolveMapItems(map, values, context));
  auto progress = std::make_unique<MapProgress>();
  STRATUS_ASSIGN_OR_RETURN(progress->max_concurrency,
                           asl::ResolveMaxConcurrency(map, values, context));
  Emit(frame, HistoryEventType::kMapStateStarted, Json{{"length", items.size()}});
  STRATUS_RETURN_IF_ERROR(ResolveTolerance(frame, *progress));
  frame.map = std::move(progress);
  return LaunchMap(frame, std::move(items));
}

Status Engine::ResolveTolerance(Frame& frame, MapProgress& progress) {
  const auto& map = frame.state->As<asl::MapState>();
  asl::EvaluationContext context = Context(frame);
  asl::StateValues values{.input = &frame.effective, .result = nullptr, .error_output = nullptr};
  STRATUS_ASSIGN_OR_RETURN(progress.tolerated_failure_count,
                           asl::ResolveToleratedFailureCount(map, values, context));
  STRATUS_ASSIGN_OR_RETURN(progress.tolerated_failure_percentage,
                           asl::ResolveToleratedFailurePercentage(map, values, context));
  return Status::Ok();
}

void Engine::StartMapRun(Frame& frame) {
  const auto& map = frame.state->As<asl::MapState>();
  MapProgress& progress = *frame.map;
  progress.distributed = true;
  progress.map_run_arn = NewMapRunArn(map);
  progress.start_time = now_;
  Frame* owner = ChildExecutionOwner(frame);
  progress.execution_arn = owner != nullptr ? ChildRecord(*owner).arn : run_.context.execution_arn;
  Emit(frame, HistoryEventType::kMapRunStarted, Json{{"mapRunArn", progress.map_run_arn}});
}

Status Engine::LaunchMap(Frame& frame, Json items) {
  const auto& map = frame.state->As<asl::MapState>();
  MapProgress& progress = *frame.map;
  progress.num_iterations = static_cast<int64_t>(items.size());
  if (map.item_batcher.has_value()) {
    asl::EvaluationContext context = Context(frame);
    asl::StateValues values{.input = &frame.effective, .result = nullptr, .error_output = nullptr};
    STRATUS_ASSIGN_OR_RETURN(progress.batch_starts,
                             BatchStarts(*map.item_batcher, items, values, context));
    progress.num_iterations = static_cast<int64_t>(progress.batch_starts.size());
  }
  progress.items = std::move(items);
  progress.results = Json::array();
  for (int64_t i = 0; i < progress.num_iterations; ++i) {
    progress.results.push_back(nullptr);
  }
  if (map.result_writer.has_value()) {
    progress.records = progress.results;
  }
  progress.statuses.assign(static_cast<size_t>(progress.num_iterations), IterationStatus::kPending);
  if (map.mode == asl::ProcessorMode::kDistributed && progress.map_run_arn.empty()) {
    StartMapRun(frame);
  }
  // AWS: an INLINE map runs at most 40 iterations at once, whatever
  // MaxConcurrency says; a DISTRIBUTED one is bounded by MaxConcurrency only.
  int64_t limit = progress.max_concurrency;
  if (!progress.distributed && (limit == 0 || limit > kMaxInlineConcurrency)) {
    limit = kMaxInlineConcurrency;
  }
  const int64_t num_workers =
      limit == 0 ? progress.num_iterations : std::min(limit, progress.num_iterations);
  progress.workers.assign(
      static_cast<size_t>(num_workers),
      MapWorker{.cursor = EventCursor{.source = frame.cursor.source, .last = frame.cursor.source},
                .busy = false});
  frame.children.clear();
  frame.phase = FramePhase::kChildren;
  LaunchIterations(frame);
  if (progress.distributed) {
    PublishMapRun(frame);
  }
  return Status::Ok();
}

std::string Engine::NewMapRunArn(const asl::MapState& map) {
  std::string arn = run_.context.state_machine_arn;
  const std::string marker = ":stateMachine:";
  if (size_t at = arn.find(marker); at != std::string::npos) {
    arn.replace(at, marker.size(), ":mapRun:");
  }
  return Format("{}/{}:{}", arn, map.label.empty() ? options_.ids->Uuid() : map.label,
                options_.ids->Uuid());
}

bool Engine::HasIterationsToLaunch(const MapProgress& progress) {
  return !progress.requeued.empty() || progress.next_index < progress.num_iterations;
}

bool Engine::CanLaunch(const MapProgress& progress) {
  if (!HasIterationsToLaunch(progress)) {
    return false;
  }
  // UpdateMapRun can lower a DISTRIBUTED map's bound below its number of
  // workers: the busy ones finish, and no more start until fewer run.
  const int64_t limit = progress.distributed && progress.max_concurrency > 0
                            ? progress.max_concurrency
                            : static_cast<int64_t>(progress.workers.size());
  return progress.num_running < limit;
}

void Engine::LaunchIterations(Frame& frame) {
  MapProgress& progress = *frame.map;
  for (size_t worker = 0; worker < progress.workers.size(); ++worker) {
    if (!CanLaunch(progress)) {
      return;
    }
    if (!progress.workers[worker].busy) {
      LaunchIteration(frame, static_cast<int64_t>(worker));
    }
  }
}

Result<Json> Engine::IterationInput(Frame& frame, int64_t index) {
  const auto& map = frame.state->As<asl::MapState>();
  MapProgress& progress = *frame.map;
  asl::EvaluationContext context = Context(frame);
  asl::StateValues values{.input = &frame.effective, .result = nullptr, .error_output = nullptr};
  const bool batched = !progress.batch_starts.empty();
  const auto slot = static_cast<size_t>(index);
  const int64_t first = batched ? progress.batch_starts[slot] : index;
  const int64_t last = !batched ? index + 1
                       : slot + 1 < progress.batch_starts.size()
                           ? progress.batch_starts[slot + 1]
                           : static_cast<int64_t>(progress.items.size());
  Json selected = Json::array();
  for (int64_t i = first; i < last; ++i) {
    const Json& item = progress.items[static_cast<size_t>(i)];
    run_.context_object["Map"] = Json{{"Item", Json{{"Index", i}, {"Value", item}}}};
    Result<Json> input = Json();
    if (IsJsonata(map)) {
      if (map.item_selector_jsonata.has_value()) {
        input = map.item_selector_jsonata->Evaluate(values, context, "ItemSelector");
      } else {
        input = item;
      }
    } else {
      input = asl::ApplyItemSelector(map, frame.effective, item, context);
    }
    run_.context_object.erase("Map");
    STRATUS_RETURN_IF_ERROR(input.status());
    selected.push_back(std::move(*input));
  }
  if (!batched) {
    return std::move(selected[0]);
  }
  Json batch = Json::object();
  if (map.item_batcher->batch_input.has_value()) {
    STRATUS_ASSIGN_OR_RETURN(batch["BatchInput"],
                             map.item_batcher->batch_input->Evaluate(frame.effective, context));
  } else if (map.item_batcher->batch_input_jsonata.has_value()) {
    STRATUS_ASSIGN_OR_RETURN(batch["BatchInput"], map.item_batcher->batch_input_jsonata->Evaluate(
                                                      values, context, "BatchInput"));
  }
  batch["Items"] = std::move(selected);
  return batch;
}

void Engine::LaunchIteration(Frame& frame, int64_t worker) {
  const auto& map = frame.state->As<asl::MapState>();
  MapProgress& progress = *frame.map;
  MapWorker& slot = progress.workers[static_cast<size_t>(worker)];
  slot.busy = true;
  ++progress.num_running;
  if (!progress.requeued.empty()) {
    // A redrive: the iteration continues from where it failed or stopped.
    std::unique_ptr<Frame> child = std::move(progress.requeued.front());
    progress.requeued.erase(progress.requeued.begin());
    child->worker = worker;
    progress.statuses[static_cast<size_t>(child->index)] = IterationStatus::kRunning;
    if (!child->silent) {
      child->cursor = EventCursor{.source = slot.cursor.source, .last = slot.cursor.source};
      Emit(*child, HistoryEventType::kMapIterationStarted,
           Json{{"name", map.name}, {"index", child->index}});
    } else if (!child->child_name.empty()) {
      RedriveChildExecution(*child);
    }
    RedriveFrame(*child);
    frame.children.push_back(std::move(child));
    return;
  }
  const int64_t index = progress.next_index++;
  progress.statuses[static_cast<size_t>(index)] = IterationStatus::kRunning;
  auto child = NewChildFrame(frame, FrameKind::kIteration, *map.processor, index);
  child->worker = worker;
  child->silent = frame.silent || progress.distributed;
  if (!child->silent) {
    child->cursor = EventCursor{.source = slot.cursor.source, .last = slot.cursor.source};
    Emit(*child, HistoryEventType::kMapIterationStarted,
         Json{{"name", map.name}, {"index", index}});
  }
  Result<Json> input = IterationInput(frame, index);
  if (input.ok()) {
    child->input = std::move(*input);
  }
  if (progress.distributed) {
    StartChildExecution(*child);
  }
  if (!input.ok()) {
    Failure failure = Failure::FromStatus(input.status());
    child->phase = FramePhase::kFailed;
    child->error = std::move(failure.error);
    child->cause = std::move(failure.cause);
  }
  frame.children.push_back(std::move(child));
}

bool Engine::WithinTolerance(const MapProgress& progress) const {
  if (!progress.distributed) {
    return false;
  }
  const bool by_count = progress.tolerated_failure_count.has_value() &&
                        progress.num_failed <= *progress.tolerated_failure_count;
  const bool by_percentage = progress.tolerated_failure_percentage.has_value() &&
                             progress.num_iterations > 0 &&
                             100.0 * static_cast<double>(progress.num_failed) /
                                     static_cast<double>(progress.num_iterations) <=
                                 *progress.tolerated_failure_percentage;
  return by_count || by_percentage;
}

void Engine::PumpMap(Frame& frame) {
  const auto& map = frame.state->As<asl::MapState>();
  bool progressed = true;
  // Whether an iteration ended (and maybe another started): only then do
  // the Map Run's counts change.
  bool ended_any = false;
  while (progressed && Running() && frame.map != nullptr) {
    progressed = false;
    MapProgress& progress = *frame.map;
    for (size_t i = 0; i < frame.children.size(); ++i) {
      Frame& child = *frame.children[i];
      Pump(child);
      if (!Running()) {
        return;
      }
      if (child.phase != FramePhase::kSucceeded && child.phase != FramePhase::kFailed) {
        continue;
      }
      progressed = true;
      ended_any = true;
      const bool succeeded = child.phase == FramePhase::kSucceeded;
      const Json details = Json{{"name", map.name}, {"index", child.index}};
      if (!child.silent) {
        EmitFrom(child, child.cursor.source,
                 succeeded ? HistoryEventType::kMapIterationSucceeded
                           : HistoryEventType::kMapIterationFailed,
                 details, false);
      }
      if (!child.child_name.empty()) {
        EndChildExecution(child,
                          succeeded ? ExecutionStatus::kSucceeded : ExecutionStatus::kFailed);
      }
      --progress.num_running;
      MapWorker& worker = progress.workers[static_cast<size_t>(child.worker)];
      worker.busy = false;
      if (!child.silent) {
        worker.cursor.Integrate(child.cursor);
      }
      const auto slot = static_cast<size_t>(child.index);
      RecordIteration(frame, child,
                      succeeded ? ExecutionStatus::kSucceeded : ExecutionStatus::kFailed);
      auto child_it = frame.children.begin() + static_cast<std::ptrdiff_t>(i);
      if (succeeded) {
        ++progress.num_succeeded;
        progress.statuses[slot] = IterationStatus::kSucceeded;
        progress.results[slot] = std::move(child.output);
      } else {
        ++progress.num_failed;
        progress.statuses[slot] = IterationStatus::kFailed;
        progress.results[slot] =
            asl::ErrorOutput(child.error.value_or(""), child.cause.value_or(""));
        if (!WithinTolerance(progress)) {
          if (!child.silent) {
            worker.cursor.source = child.cursor.source;
            frame.cursor.Integrate(worker.cursor);
          }
          Failure failure{.error = child.error, .cause = child.cause};
          progress.unsuccessful.push_back(std::move(*child_it));
          frame.children.erase(child_it);
          FailMap(frame, std::move(failure));
          return;
        }
      }
      const int64_t worker_index = child.worker;
      const int64_t last = child.cursor.last;
      const bool silent = child.silent;
      if (succeeded) {
        frame.children.erase(child_it);
      } else {
        // Kept for a redrive of the execution.
        progress.unsuccessful.push_back(std::move(*child_it));
        frame.children.erase(child_it);
      }
      --i;
      if (CanLaunch(progress)) {
        LaunchIteration(frame, worker_index);
      } else if (!silent) {
        worker.cursor.source = last;
        frame.cursor.Integrate(worker.cursor);
      }
    }
    if (progress.num_running == 0 && !HasIterationsToLaunch(progress)) {
      Status status = FinishMap(frame);
      if (!status.ok()) {
        HandleFailure(frame, Failure::FromStatus(status), FailureOrigin::kState);
      }
      return;
    }
  }
  if (ended_any && Running() && frame.map != nullptr && frame.map->distributed) {
    PublishMapRun(frame);
  }
}

void Engine::FailMap(Frame& frame, Failure failure) {
  MapProgress& progress = *frame.map;
  if (progress.distributed) {
    progress.run_status = MapRunStatus::kFailed;
    progress.stop_time = now_;
  }
  AbortChildren(frame, frame.cursor.source);
  // The map stays on the frame with its unsuccessful iterations: a redrive
  // of the execution reruns only those.
  for (auto& child : frame.children) {
    progress.statuses[static_cast<size_t>(child->index)] = IterationStatus::kAborted;
    RecordIteration(frame, *child, ExecutionStatus::kAborted);
    progress.unsuccessful.push_back(std::move(child));
  }
  frame.children.clear();
  progress.num_running = 0;
  if (progress.distributed) {
    failure = Failure{.error = std::string(asl::kErrorExceedToleratedFailureThreshold),
                      .cause = std::string("The specified tolerated failure threshold was "
                                           "exceeded")};
  }
  if (ExportsToS3(frame)) {
    // AWS: the results of a failed Map Run are exported too (FAILED_n.json,
    // PENDING_n.json), then it fails.
    progress.error = failure.error;
    progress.cause = failure.cause;
    Status status = StartResultWriter(frame, MapStorage::kWritingFailure);
    if (status.ok()) {
      return;
    }
  }
  EndFailedMap(frame, std::move(failure));
}

void Engine::EndFailedMap(Frame& frame, Failure failure) {
  MapProgress& progress = *frame.map;
  progress.storage = MapStorage::kNone;
  if (progress.distributed) {
    Json details = Json::object();
    details["error"] = failure.error_or_empty();
    details["cause"] = failure.cause.value_or("");
    Emit(frame, HistoryEventType::kMapRunFailed, std::move(details));
    PublishMapRun(frame);
  }
  frame.phase = FramePhase::kEnter;
  HandleFailure(frame, std::move(failure), FailureOrigin::kChildren);
}

Status Engine::FinishMap(Frame& frame) {
  if (ExportsToS3(frame)) {
    Status status = StartResultWriter(frame, MapStorage::kWritingResults);
    if (!status.ok()) {
      FailMapRun(frame, Failure::FromStatus(status));
    }
    return Status::Ok();
  }
  const auto& map = frame.state->As<asl::MapState>();
  if (map.result_writer.has_value() && map.result_writer->writer.has_value()) {
    // AWS: a WriterConfig without Resource shapes the Map's own result.
    MapProgress& progress = *frame.map;
    progress.results = TransformResults(map.result_writer->writer->transformation, progress.results,
                                        progress.records, progress.statuses);
  }
  return EndMap(frame);
}

Status Engine::EndMap(Frame& frame) {
  const bool distributed = frame.map->distributed;
  if (distributed) {
    frame.map->storage = MapStorage::kNone;
    frame.map->run_status = MapRunStatus::kSucceeded;
    frame.map->stop_time = now_;
    PublishMapRun(frame);
  }
  Json results = std::move(frame.map->results);
  frame.map.reset();
  frame.children.clear();
  frame.phase = FramePhase::kEnter;
  if (distributed) {
    Emit(frame, HistoryEventType::kMapRunSucceeded, nullptr);
  }
  Emit(frame, HistoryEventType::kMapStateSucceeded, nullptr, /*update_source=*/false);
  Json assigned;
  STRATUS_ASSIGN_OR_RETURN(Json output, ProcessResult(frame, std::move(results), &assigned));
  const asl::State& state = *frame.state;
  ExitState(frame, std::move(output), std::move(assigned), state.end ? nullptr : state.next_state);
  return Status::Ok();
}

Status Engine::OnUpdateMapRun(const UpdateMapRun& update) {
  Frame* frame = FindMapRun(*run_.root, update.map_run_arn);
  if (frame == nullptr) {
    return Status::NotFound(Format("Map Run {} is not running", update.map_run_arn));
  }
  MapProgress& progress = *frame->map;
  if (update.tolerated_failure_count.has_value()) {
    progress.tolerated_failure_count = update.tolerated_failure_count;
  }
  if (update.tolerated_failure_percentage.has_value()) {
    progress.tolerated_failure_percentage = update.tolerated_failure_percentage;
  }
  if (update.max_concurrency.has_value()) {
    progress.max_concurrency = *update.max_concurrency;
    // More workers when the bound rises (0: one per iteration); a lower
    // bound lets the busy workers above it finish and stop.
    const int64_t wanted = progress.max_concurrency <= 0
                               ? progress.num_iterations
                               : std::min(progress.max_concurrency, progress.num_iterations);
    while (static_cast<int64_t>(progress.workers.size()) < wanted) {
      progress.workers.push_back(MapWorker{
          .cursor = EventCursor{.source = frame->cursor.source, .last = frame->cursor.source},
          .busy = false});
    }
  }
  LaunchIterations(*frame);
  PublishMapRun(*frame);
  return Status::Ok();
}

}  // namespace stratus::states::interpreter
