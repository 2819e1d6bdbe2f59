#pragma once

// What a Distributed Map's ResultWriter produces (AWS "ResultWriter (Map)"):
// the records of its child executions, the WriterConfig transformations of
// its results, and the S3 objects an export writes.
//
// An export to S3 writes, under <Prefix>/<map run id>/, one file per
// outcome that has results — SUCCEEDED_0.json (succeeded child executions),
// FAILED_0.json (failed, timed out and aborted ones), PENDING_0.json (those
// never started because the Map Run failed) — then manifest.json:
//   {"DestinationBucket": b, "MapRunArn": arn,
//    "ResultFiles": {"FAILED": [{"Key", "Size"}...], "PENDING": [...],
//                    "SUCCEEDED": [...]}}
// and the Map's result becomes {"MapRunArn": arn, "ResultWriterDetails":
// {"Bucket": b, "Key": "<prefix>/<id>/manifest.json"}}.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/json.h"
#include "states/asl/state_machine.h"
#include "states/interpreter/execution_run_internal.h"
#include "states/interpreter/execution_status.h"

namespace stratus::states::interpreter {

/// One ended child execution of a Map Run.
struct ChildOutcome {
  std::string arn = {};
  std::string name = {};
  std::string state_machine_arn = {};
  ExecutionStatus status = ExecutionStatus::kSucceeded;
  Clock::TimePoint start_time = {};
  Clock::TimePoint stop_time = {};
  Json input = nullptr;
  /// SUCCEEDED: the output; otherwise unused.
  Json output = nullptr;
  std::optional<std::string> error = std::nullopt;
  std::optional<std::string> cause = std::nullopt;
  int64_t redrive_count = 0;
};

/// Returns the child execution as the result files show it (Transformation
/// NONE): {"ExecutionArn", "Input" (JSON text), "InputDetails":
/// {"Included": true}, "Name", "Output" (JSON text) and "OutputDetails" or
/// "Error" and "Cause", "RedriveCount", "RedriveStatus"(,
/// "RedriveStatusReason"), "StartDate", "StateMachineArn", "Status",
/// "StopDate"}, dates as "2026-01-01T00:00:00.000Z".
Json ChildExecutionRecord(const ChildOutcome& child);

/// Returns the record of an iteration a failed Map Run never started:
/// {"Input", "InputDetails", "Status": "PENDING"}.
Json PendingRecord(const Json& input);

/// Returns the Map's result under a WriterConfig without an export (AWS:
/// "WriterConfig only: ... the results are passed on to the next state"):
/// COMPACT the results as they are, FLATTEN with array results spliced in,
/// NONE the records. A failed child's entry is its record (AWS: "If a child
/// workflow execution fails, Step Functions returns its execution result
/// unchanged").
Json TransformResults(asl::ResultTransformation transformation,
                      const Json& results,
                      const Json& records,
                      const std::vector<IterationStatus>& statuses);

/// An S3 object a ResultWriter writes.
struct ExportObject {
  std::string key = {};
  std::string body = {};
};

/// Everything an export writes, in order (manifest.json last), and what
/// the Map returns.
struct ResultExport {
  std::vector<ExportObject> objects = {};
  /// {"MapRunArn", "ResultWriterDetails": {"Bucket", "Key"}}.
  Json details = nullptr;
  /// The number of child results in the files (DescribeMapRun's
  /// resultsWritten).
  int64_t num_written = 0;
};

/// Plans the export of a Map Run's results to `bucket` under `prefix`.
/// `records` and `results` hold one entry per iteration, `statuses` tell
/// which file each goes to (a pending or running one's record must be a
/// PendingRecord()). REQUIRES: the three have the same size.
ResultExport PlanResultExport(std::string_view bucket,
                              std::string_view prefix,
                              std::string_view map_run_arn,
                              const asl::WriterConfig& config,
                              const Json& results,
                              const Json& records,
                              const std::vector<IterationStatus>& statuses);

}  // namespace stratus::states::interpreter
