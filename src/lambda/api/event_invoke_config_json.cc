#include "lambda/api/event_invoke_config_json.h"

#include "base/format.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"
#include "lambda/errors.h"

namespace stratus::lambda::api {
namespace {

// FunctionConfig and FunctionAlias name their async invocation settings alike.
template <typename Settings>
Json ToJson(const Settings& settings, std::string_view arn, int64_t last_modified_millis) {
  Json out{{"FunctionArn", std::string(arn)},
           {"LastModified", static_cast<double>(last_modified_millis) / 1000.0},
           {"DestinationConfig", {{"OnSuccess", Json::object()}, {"OnFailure", Json::object()}}}};
  if (settings.maximum_retry_attempts.has_value()) {
    out["MaximumRetryAttempts"] = *settings.maximum_retry_attempts;
  }
  if (settings.maximum_event_age_seconds.has_value()) {
    out["MaximumEventAgeInSeconds"] = *settings.maximum_event_age_seconds;
  }
  if (!settings.on_success_destination.empty()) {
    out["DestinationConfig"]["OnSuccess"]["Destination"] = settings.on_success_destination;
  }
  if (!settings.on_failure_destination.empty()) {
    out["DestinationConfig"]["OnFailure"]["Destination"] = settings.on_failure_destination;
  }
  return out;
}

template <typename Settings>
bool AnySetting(const Settings& settings) {
  return settings.maximum_retry_attempts.has_value() ||
         settings.maximum_event_age_seconds.has_value() ||
         !settings.on_success_destination.empty() || !settings.on_failure_destination.empty();
}

}  // namespace

Status NoEventInvokeConfig(const LambdaEngine& engine, const FunctionTarget& target) {
  const std::string qualified = target.qualifier.empty()
                                    ? target.name + ":" + std::string(kLatestVersion)
                                    : target.Reference();
  return LambdaError::FromEngine(Status::NotFound(
      Format("The function {} doesn't have an EventInvokeConfig", engine.QualifiedArn(qualified))));
}

bool HasEventInvokeConfig(const FunctionConfig& function) {
  return AnySetting(function);
}

bool HasEventInvokeConfig(const FunctionAlias& alias) {
  return AnySetting(alias);
}

Json EventInvokeConfigToJson(const LambdaEngine& engine,
                             const FunctionConfig& function,
                             std::string_view arn) {
  const std::string latest = engine.FunctionArn(function.name) + ":$LATEST";
  return ToJson(function, arn.empty() ? std::string_view(latest) : arn,
                function.last_modified_millis);
}

Json EventInvokeConfigToJson(const LambdaEngine& engine,
                             const FunctionAlias& alias,
                             int64_t now_millis) {
  return ToJson(alias, engine.QualifiedArn(alias.function + ":" + alias.name), now_millis);
}

}  // namespace stratus::lambda::api
