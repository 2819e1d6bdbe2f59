// The S3 side of DISTRIBUTED Map states: the ItemReader that reads the
// items of a Map Run and the ResultWriter that exports its results. Neither
// touches S3 here: each is a RunTask of its own kind (effect.h) that the
// host carries out while the Map's frame waits in kTask, as a Task state
// waits for its integration, so the Map survives a restart mid-read or
// mid-write (the host calls the pending task again). Neither has history
// events of its own; AWS shows the Map Run's.

#include <utility>

#include "base/format.h"
#include "states/asl/errors.h"
#include "states/asl/state_fields.h"
#include "states/interpreter/engine_internal.h"
#include "states/interpreter/item_reader.h"
#include "states/interpreter/result_export.h"

namespace stratus::states::interpreter {
namespace {

// The input of iteration `index` before ItemSelector: its item, or its
// batch's items.
Json RawIterationInput(const MapProgress& progress, size_t index) {
  if (progress.batch_starts.empty()) {
    return progress.items[index];
  }
  const auto first = static_cast<size_t>(progress.batch_starts[index]);
  const size_t last = index + 1 < progress.batch_starts.size()
                          ? static_cast<size_t>(progress.batch_starts[index + 1])
                          : progress.items.size();
  Json items = Json::array();
  for (size_t i = first; i < last; ++i) {
    items.push_back(progress.items[i]);
  }
  return Json{{"Items", std::move(items)}};
}

// A string member of the ResultWriter's parameters; nullopt when absent.
Result<std::optional<std::string>> WriterString(const Json& parameters, std::string_view field) {
  auto it = parameters.find(field);
  if (it == parameters.end()) {
    return std::optional<std::string>();
  }
  if (!it->is_string()) {
    return asl::StatesError(
        asl::kErrorResultWriterFailed,
        Format("The ResultWriter's {} must be a string, not {}.", field, DumpJson(*it)));
  }
  return std::optional<std::string>(it->get<std::string>());
}

}  // namespace

Status Engine::StartItemReader(Frame& frame) {
  const auto& map = frame.state->As<asl::MapState>();
  asl::EvaluationContext context = Context(frame);
  asl::StateValues values{.input = &frame.effective, .result = nullptr, .error_output = nullptr};
  auto progress = std::make_unique<MapProgress>();
  STRATUS_ASSIGN_OR_RETURN(progress->max_concurrency,
                           asl::ResolveMaxConcurrency(map, values, context));
  // AWS (recorded, every ItemReader snapshot): the Map does not know its
  // length when it starts. A MaxItemsPath that is no integer fails the state
  // before its Map Run starts; a negative one fails the Map Run.
  Emit(frame, HistoryEventType::kMapStateStarted, Json{{"length", 0}});
  STRATUS_ASSIGN_OR_RETURN(progress->max_items, asl::ResolveReaderMaxItems(map, values, context));
  STRATUS_ASSIGN_OR_RETURN(Json parameters, MapResourceParameters(frame, *map.item_reader));
  STRATUS_RETURN_IF_ERROR(ResolveTolerance(frame, *progress));
  frame.map = std::move(progress);
  StartMapRun(frame);
  if (frame.map->max_items.has_value() && *frame.map->max_items < 0) {
    // AWS (recorded, test_map_item_reader_csv_max_items_paths[-1]).
    FailMapRun(frame, Failure{.error = std::string(asl::kErrorItemReaderFailed),
                              .cause = std::string("field MaxItems must be positive"),
                              .location = std::nullopt});
    return Status::Ok();
  }
  PublishMapRun(frame);
  ScheduleMapStorage(frame, TaskKind::kItemReader, map.item_reader->resource, std::move(parameters),
                     MapStorage::kReadingItems);
  return Status::Ok();
}

Result<Json> Engine::MapResourceParameters(Frame& frame, const asl::MapResource& resource) {
  asl::EvaluationContext context = Context(frame);
  if (resource.arguments.has_value()) {
    asl::StateValues values{.input = &frame.effective, .result = nullptr, .error_output = nullptr};
    return resource.arguments->Evaluate(values, context, "Arguments");
  }
  if (resource.parameters.has_value()) {
    return resource.parameters->Evaluate(frame.effective, context);
  }
  return Json::object();
}

void Engine::ScheduleMapStorage(
    Frame& frame, TaskKind kind, const std::string& resource, Json parameters, MapStorage storage) {
  const int64_t task_id = run_.next_task_id++;
  RunTask run{.task_id = task_id,
              .kind = kind,
              .state_name = frame.state->name,
              .resource = resource,
              .pattern = IntegrationPattern::kRequestResponse,
              .parameters = std::move(parameters),
              .credentials = std::nullopt,
              .timeout_seconds = std::nullopt,
              .heartbeat_seconds = std::nullopt,
              .task_token = {},
              .attempt = frame.retry_count};
  run_.pending_tasks[task_id] = run;
  step_.effects.emplace_back(std::move(run));
  frame.task_id = task_id;
  frame.resource = resource;
  frame.phase = FramePhase::kTask;
  frame.map->storage = storage;
}

bool Engine::ExportsToS3(const Frame& frame) {
  const auto& map = frame.state->As<asl::MapState>();
  return frame.map != nullptr && frame.map->distributed && map.result_writer.has_value() &&
         !map.result_writer->resource.empty();
}

Status Engine::StartResultWriter(Frame& frame, MapStorage storage) {
  const auto& map = frame.state->As<asl::MapState>();
  const asl::MapResource& writer = *map.result_writer;
  STRATUS_ASSIGN_OR_RETURN(Json parameters, MapResourceParameters(frame, writer));
  if (!parameters.is_object()) {
    return asl::StatesError(
        asl::kErrorResultWriterFailed,
        Format("The ResultWriter's parameters must be an object, not {}.", DumpJson(parameters)));
  }
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> bucket, WriterString(parameters, "Bucket"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> prefix, WriterString(parameters, "Prefix"));
  if (!bucket.has_value() || bucket->empty()) {
    return asl::StatesError(asl::kErrorResultWriterFailed,
                            "The ResultWriter's parameters name no Bucket.");
  }
  MapProgress& progress = *frame.map;
  for (size_t i = 0; i < progress.statuses.size(); ++i) {
    const IterationStatus status = progress.statuses[i];
    if (status == IterationStatus::kPending || status == IterationStatus::kRunning) {
      progress.records[i] = PendingRecord(RawIterationInput(progress, i));
    }
  }
  // AWS: exporting without a WriterConfig writes Transformation NONE, JSON.
  ResultExport plan = PlanResultExport(*bucket, prefix.value_or(""), progress.map_run_arn,
                                       writer.writer.value_or(asl::WriterConfig{}),
                                       progress.results, progress.records, progress.statuses);
  Json objects = Json::array();
  for (ExportObject& object : plan.objects) {
    objects.push_back(Json{{"Key", std::move(object.key)}, {"Body", std::move(object.body)}});
  }
  if (storage == MapStorage::kWritingResults) {
    // The results are in the files; the Map returns where they are.
    progress.results = std::move(plan.details);
  }
  ScheduleMapStorage(frame, TaskKind::kResultWriter, writer.resource,
                     Json{{"Bucket", *bucket}, {"Objects", std::move(objects)}}, storage);
  return Status::Ok();
}

void Engine::RecordIteration(Frame& frame, const Frame& child, ExecutionStatus status) {
  const auto& map = frame.state->As<asl::MapState>();
  MapProgress& progress = *frame.map;
  const auto slot = static_cast<size_t>(child.index);
  if (!map.result_writer.has_value() || child.child_name.empty() ||
      slot >= progress.records.size()) {
    return;
  }
  progress.records[slot] = ChildExecutionRecord(
      ChildOutcome{.arn = MapRunChildExecutionArn(progress.map_run_arn, child.child_name),
                   .name = child.child_name,
                   .state_machine_arn = MapRunStateMachineArn(progress.map_run_arn),
                   .status = status,
                   .start_time = child.child_start_time,
                   .stop_time = now_,
                   .input = child.child_input,
                   .output = status == ExecutionStatus::kSucceeded ? child.output : Json(nullptr),
                   .error = child.error,
                   .cause = child.cause,
                   .redrive_count = child.child_redrive_count});
}

Status Engine::OnMapStorageSucceeded(Frame& frame, const Json& output) {
  ClearTask(frame, /*cancel=*/false);
  const auto& map = frame.state->As<asl::MapState>();
  MapProgress& progress = *frame.map;
  const MapStorage storage = progress.storage;
  progress.storage = MapStorage::kNone;
  switch (storage) {
    case MapStorage::kReadingItems: {
      Result<Json> items = ItemsFromReader(*map.item_reader, output, progress.max_items);
      if (!items.ok()) {
        FailMapRun(frame, Failure::FromStatus(items.status()));
        return Status::Ok();
      }
      return LaunchMap(frame, std::move(*items));
    }
    case MapStorage::kWritingResults:
      return EndMap(frame);
    case MapStorage::kWritingFailure:
      EndFailedMap(frame, Failure{.error = progress.error, .cause = progress.cause});
      return Status::Ok();
    case MapStorage::kNone:
      break;
  }
  return Status::Internal("a Map got a storage result it did not wait for");
}

void Engine::OnMapStorageFailed(Frame& frame, Failure failure) {
  ClearTask(frame, /*cancel=*/false);
  MapProgress& progress = *frame.map;
  if (progress.storage == MapStorage::kWritingFailure) {
    // The Map fails as it was failing; its export did not happen.
    EndFailedMap(frame, Failure{.error = progress.error, .cause = progress.cause});
    return;
  }
  FailMapRun(frame, std::move(failure));
}

void Engine::FailMapRun(Frame& frame, Failure failure) {
  MapProgress& progress = *frame.map;
  progress.storage = MapStorage::kNone;
  progress.run_status = MapRunStatus::kFailed;
  progress.stop_time = now_;
  Json details = Json::object();
  details["error"] = failure.error_or_empty();
  details["cause"] = failure.cause.value_or("");
  Emit(frame, HistoryEventType::kMapRunFailed, std::move(details));
  PublishMapRun(frame);
  frame.map.reset();
  frame.children.clear();
  frame.phase = FramePhase::kEnter;
  HandleFailure(frame, std::move(failure), FailureOrigin::kChildren);
}

}  // namespace stratus::states::interpreter
