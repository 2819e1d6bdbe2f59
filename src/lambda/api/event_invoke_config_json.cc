#include "lambda/api/event_invoke_config_json.h"

#include "lambda/engine.h"

namespace stratus::lambda::api {

Json EventInvokeConfigToJson(const LambdaEngine& engine, const FunctionConfig& function) {
  Json out{{"FunctionArn", engine.FunctionArn(function.name) + ":$LATEST"},
           {"LastModified", static_cast<double>(function.last_modified_millis) / 1000.0},
           {"DestinationConfig", {{"OnSuccess", Json::object()}, {"OnFailure", Json::object()}}}};
  if (function.maximum_retry_attempts.has_value()) {
    out["MaximumRetryAttempts"] = *function.maximum_retry_attempts;
  }
  if (function.maximum_event_age_seconds.has_value()) {
    out["MaximumEventAgeInSeconds"] = *function.maximum_event_age_seconds;
  }
  if (!function.on_success_destination.empty()) {
    out["DestinationConfig"]["OnSuccess"]["Destination"] = function.on_success_destination;
  }
  if (!function.on_failure_destination.empty()) {
    out["DestinationConfig"]["OnFailure"]["Destination"] = function.on_failure_destination;
  }
  return out;
}

}  // namespace stratus::lambda::api
