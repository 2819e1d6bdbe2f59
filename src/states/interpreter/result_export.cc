#include "states/interpreter/result_export.h"

#include <utility>

#include "base/format.h"

namespace stratus::states::interpreter {
namespace {

Json IncludedDetails() {
  return Json{{"Included", true}};
}

// Appends `result` to `out`, spliced in when FLATTEN and it is an array.
void AppendResult(asl::ResultTransformation transformation, const Json& result, Json& out) {
  if (transformation == asl::ResultTransformation::kFlatten && result.is_array()) {
    for (const Json& element : result) {
      out.push_back(element);
    }
    return;
  }
  out.push_back(result);
}

std::string FileBody(const Json& entries, asl::ResultOutputType type) {
  if (type == asl::ResultOutputType::kJson) {
    return DumpJson(entries);
  }
  std::string body;
  for (const Json& entry : entries) {
    body += DumpJson(entry);
    body += '\n';
  }
  return body;
}

// The map run id: the last part of "arn:...:mapRun:machine/label:id".
std::string_view MapRunId(std::string_view map_run_arn) {
  const size_t colon = map_run_arn.rfind(':');
  return colon == std::string_view::npos ? map_run_arn : map_run_arn.substr(colon + 1);
}

}  // namespace

Json ChildExecutionRecord(const ChildOutcome& child) {
  Json record = Json::object();
  record["ExecutionArn"] = child.arn;
  record["Input"] = DumpJson(child.input);
  record["InputDetails"] = IncludedDetails();
  record["Name"] = child.name;
  if (child.status == ExecutionStatus::kSucceeded) {
    record["Output"] = DumpJson(child.output);
    record["OutputDetails"] = IncludedDetails();
  } else {
    if (child.error.has_value()) {
      record["Error"] = *child.error;
    }
    if (child.cause.has_value()) {
      record["Cause"] = *child.cause;
    }
  }
  record["RedriveCount"] = child.redrive_count;
  // As DescribeExecution says of a child execution (execution_json.cc).
  if (child.status == ExecutionStatus::kSucceeded) {
    record["RedriveStatus"] = "NOT_REDRIVABLE";
    record["RedriveStatusReason"] = "Execution is SUCCEEDED and cannot be redriven";
  } else {
    record["RedriveStatus"] = "REDRIVABLE_BY_MAP_RUN";
  }
  record["StartDate"] = FormatContextTime(child.start_time);
  record["StateMachineArn"] = child.state_machine_arn;
  record["Status"] = std::string(ExecutionStatusName(child.status));
  record["StopDate"] = FormatContextTime(child.stop_time);
  return record;
}

Json PendingRecord(const Json& input) {
  return Json{
      {"Input", DumpJson(input)}, {"InputDetails", IncludedDetails()}, {"Status", "PENDING"}};
}

Json TransformResults(asl::ResultTransformation transformation,
                      const Json& results,
                      const Json& records,
                      const std::vector<IterationStatus>& statuses) {
  Json out = Json::array();
  for (size_t i = 0; i < statuses.size(); ++i) {
    if (transformation == asl::ResultTransformation::kNone ||
        statuses[i] != IterationStatus::kSucceeded) {
      out.push_back(i < records.size() && !records[i].is_null() ? records[i] : results[i]);
    } else {
      AppendResult(transformation, results[i], out);
    }
  }
  return out;
}

ResultExport PlanResultExport(std::string_view bucket,
                              std::string_view prefix,
                              std::string_view map_run_arn,
                              const asl::WriterConfig& config,
                              const Json& results,
                              const Json& records,
                              const std::vector<IterationStatus>& statuses) {
  Json succeeded = Json::array();
  Json failed = Json::array();
  Json pending = Json::array();
  ResultExport plan;
  for (size_t i = 0; i < statuses.size(); ++i) {
    switch (statuses[i]) {
      case IterationStatus::kSucceeded:
        if (config.transformation == asl::ResultTransformation::kNone) {
          succeeded.push_back(records[i]);
        } else {
          AppendResult(config.transformation, results[i], succeeded);
        }
        break;
      case IterationStatus::kFailed:
      case IterationStatus::kAborted:
        failed.push_back(records[i]);
        break;
      case IterationStatus::kPending:
      case IterationStatus::kRunning:
        pending.push_back(records[i]);
        break;
    }
    ++plan.num_written;
  }
  // AWS: "manifest.json", "SUCCEEDED_n.json", "FAILED_n.json", "PENDING_n.json"
  // under the prefix and the map run id (a file holds up to 5 GB, so one is
  // enough here).
  std::string directory(prefix);
  if (!directory.empty() && directory.back() != '/') {
    directory += '/';
  }
  directory += MapRunId(map_run_arn);
  directory += '/';
  Json files = Json::object();
  for (auto& [name, entries] : {std::pair<const char*, Json&>{"SUCCEEDED", succeeded},
                                std::pair<const char*, Json&>{"FAILED", failed},
                                std::pair<const char*, Json&>{"PENDING", pending}}) {
    Json listed = Json::array();
    if (!entries.empty()) {
      ExportObject file{.key = Format("{}{}_0.json", directory, name),
                        .body = FileBody(entries, config.output_type)};
      listed.push_back(Json{{"Key", file.key}, {"Size", file.body.size()}});
      plan.objects.push_back(std::move(file));
    }
    files[name] = std::move(listed);
  }
  Json manifest = Json::object();
  manifest["DestinationBucket"] = bucket;
  manifest["MapRunArn"] = map_run_arn;
  manifest["ResultFiles"] = std::move(files);
  const std::string manifest_key = directory + "manifest.json";
  plan.objects.push_back(ExportObject{.key = manifest_key, .body = DumpJson(manifest)});
  plan.details = Json{{"MapRunArn", map_run_arn},
                      {"ResultWriterDetails", Json{{"Bucket", bucket}, {"Key", manifest_key}}}};
  return plan;
}

}  // namespace stratus::states::interpreter
