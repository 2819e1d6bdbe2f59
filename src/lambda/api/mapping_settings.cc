#include "lambda/api/mapping_settings.h"

#include "lambda/api/request_fields.h"
#include "lambda/errors.h"

namespace stratus::lambda::api {

Status ApplyMappingSettings(const Json& input, EventSourceMapping& mapping) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> batch_size, OptionalInteger(input, "BatchSize"));
  // AWS: an SQS mapping takes batches of 1 to 10,000 messages.
  if (batch_size.has_value() && (*batch_size < 1 || *batch_size > 10000)) {
    return LambdaError::InvalidParameter("BatchSize must be between 1 and 10000 for SQS");
  }
  mapping.batch_size = static_cast<int>(batch_size.value_or(mapping.batch_size));
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> window,
                           OptionalInteger(input, "MaximumBatchingWindowInSeconds"));
  mapping.batching_window_seconds =
      static_cast<int>(window.value_or(mapping.batching_window_seconds));
  if (input.contains("Enabled") && input["Enabled"].is_boolean()) {
    mapping.enabled = input["Enabled"].get<bool>();
  }
  if (input.contains("FunctionResponseTypes") && input["FunctionResponseTypes"].is_array()) {
    mapping.report_batch_item_failures = false;
    for (const Json& type : input["FunctionResponseTypes"]) {
      if (type == "ReportBatchItemFailures") {
        mapping.report_batch_item_failures = true;
      }
    }
  }
  return Status::Ok();
}

}  // namespace stratus::lambda::api
