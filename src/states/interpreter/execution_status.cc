#include "states/interpreter/execution_status.h"

#include <string>

#include "base/format.h"
#include "states/interpreter/map_run.h"

namespace stratus::states::interpreter {

std::string_view ExecutionStatusName(ExecutionStatus status) {
  switch (status) {
    case ExecutionStatus::kRunning:
      return "RUNNING";
    case ExecutionStatus::kSucceeded:
      return "SUCCEEDED";
    case ExecutionStatus::kFailed:
      return "FAILED";
    case ExecutionStatus::kTimedOut:
      return "TIMED_OUT";
    case ExecutionStatus::kAborted:
      return "ABORTED";
  }
  return "RUNNING";
}

std::string_view MapRunStatusName(MapRunStatus status) {
  switch (status) {
    case MapRunStatus::kRunning:
      return "RUNNING";
    case MapRunStatus::kSucceeded:
      return "SUCCEEDED";
    case MapRunStatus::kFailed:
      return "FAILED";
    case MapRunStatus::kAborted:
      return "ABORTED";
  }
  return "RUNNING";
}

namespace {

constexpr std::string_view kMapRunMarker = ":mapRun:";

// Splits a Map Run ARN into "arn:...:" (before the marker), "machine/label"
// and the run's id; empty parts when the ARN has another shape.
struct MapRunArnParts {
  std::string_view prefix;
  std::string_view path;
};

MapRunArnParts SplitMapRunArn(std::string_view arn) {
  const size_t marker = arn.find(kMapRunMarker);
  if (marker == std::string_view::npos) {
    return {};
  }
  std::string_view rest = arn.substr(marker + kMapRunMarker.size());
  const size_t id = rest.rfind(':');
  return MapRunArnParts{.prefix = arn.substr(0, marker),
                        .path = id == std::string_view::npos ? rest : rest.substr(0, id)};
}

}  // namespace

std::string MapRunStateMachineArn(std::string_view map_run_arn) {
  MapRunArnParts parts = SplitMapRunArn(map_run_arn);
  return Format("{}:stateMachine:{}", parts.prefix, parts.path);
}

std::string MapRunChildExecutionArn(std::string_view map_run_arn, std::string_view name) {
  MapRunArnParts parts = SplitMapRunArn(map_run_arn);
  return Format("{}:execution:{}:{}", parts.prefix, parts.path, name);
}

}  // namespace stratus::states::interpreter
