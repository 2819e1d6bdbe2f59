#include "lambda/api/mapping_json.h"

#include "lambda/engine.h"

namespace stratus::lambda::api {

Json MappingToJson(const LambdaEngine& engine,
                   const EventSourceMapping& mapping,
                   const std::string& state) {
  Json out{{"UUID", mapping.uuid},
           {"BatchSize", mapping.batch_size},
           {"MaximumBatchingWindowInSeconds", mapping.batching_window_seconds},
           {"EventSourceArn", mapping.event_source_arn},
           {"FunctionArn", engine.FunctionArn(mapping.function)},
           {"LastModified", static_cast<double>(mapping.last_modified_millis) / 1000.0},
           {"State", !state.empty()    ? state
                     : mapping.enabled ? "Enabled"
                                       : "Disabled"},
           {"StateTransitionReason", "USER_INITIATED"},
           {"FunctionResponseTypes", Json::array()}};
  if (mapping.report_batch_item_failures) {
    out["FunctionResponseTypes"].push_back("ReportBatchItemFailures");
  }
  return out;
}

}  // namespace stratus::lambda::api
