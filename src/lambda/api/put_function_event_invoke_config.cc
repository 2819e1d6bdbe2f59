#include <utility>

#include "base/clock.h"
#include "lambda/api/event_invoke_config_json.h"
#include "lambda/api/function_lookup.h"
#include "lambda/api/handlers.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"

namespace stratus::lambda::api {

namespace {

// How a request changes a qualifier's async invocation settings.
enum class Change {
  kReplace,  // Put: the whole configuration; unset members take their defaults.
  kMerge,    // Update: only the members the request gives.
  kClear,    // Delete: back to no configuration.
};

void ChangeEventInvokeConfig(LambdaEngine& engine,
                             const Json& input,
                             aws::Reply reply,
                             Change change) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(FunctionTarget target,
                             FunctionTargetOf(input, engine.FunctionArn("")));
    STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> retries,
                             OptionalInteger(input, "MaximumRetryAttempts"));
    STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> age,
                             OptionalInteger(input, "MaximumEventAgeInSeconds"));
    STRATUS_ASSIGN_OR_RETURN(Json destinations, OptionalObject(input, "DestinationConfig"));
    STRATUS_ASSIGN_OR_RETURN(Json on_success, OptionalObject(destinations, "OnSuccess"));
    STRATUS_ASSIGN_OR_RETURN(Json on_failure, OptionalObject(destinations, "OnFailure"));
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> success,
                             OptionalString(on_success, "Destination"));
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> failure,
                             OptionalString(on_failure, "Destination"));
    const int64_t now = engine.clock().NowMillis();
    // $LATEST, each version and each alias have their own settings. Update
    // and Delete need a configuration to change (AWS: ResourceNotFoundException).
    auto apply = [=, &engine](auto& settings) -> Status {
      if (change != Change::kReplace && !HasEventInvokeConfig(settings)) {
        return NoEventInvokeConfig(engine, target);
      }
      const bool replace = change != Change::kMerge;
      if (replace || retries.has_value()) {
        settings.maximum_retry_attempts =
            retries.has_value() ? std::optional<int>(static_cast<int>(*retries)) : std::nullopt;
      }
      if (replace || age.has_value()) {
        settings.maximum_event_age_seconds =
            age.has_value() ? std::optional<int>(static_cast<int>(*age)) : std::nullopt;
      }
      if (replace || success.has_value()) {
        settings.on_success_destination = success.value_or("");
      }
      if (replace || failure.has_value()) {
        settings.on_failure_destination = failure.value_or("");
      }
      if (change == Change::kClear) {
        settings.maximum_retry_attempts = std::nullopt;
        settings.maximum_event_age_seconds = std::nullopt;
        settings.on_success_destination.clear();
        settings.on_failure_destination.clear();
      }
      return Status::Ok();
    };
    const std::string reference = target.Reference();
    if (target.IsAlias()) {
      engine.store().UpdateAlias(target.name, target.qualifier, apply,
                                 [&engine, reference, now, change,
                                  reply = std::move(reply)](Result<FunctionAlias> stored) {
                                   if (!stored.ok()) {
                                     reply(FunctionStatus(engine, reference, stored.status()));
                                     return;
                                   }
                                   reply(change == Change::kClear
                                             ? Json::object()
                                             : EventInvokeConfigToJson(engine, *stored, now));
                                 });
      return Status::Ok();
    }
    auto reply_config = [&engine, reference, change, version = target.IsVersion(),
                         reply = std::move(reply)](Result<FunctionConfig> stored) {
      if (!stored.ok()) {
        reply(FunctionStatus(engine, reference, stored.status()));
        return;
      }
      reply(change == Change::kClear
                ? Json::object()
                : EventInvokeConfigToJson(engine, *stored,
                                          version ? engine.QualifiedArn(reference) : ""));
    };
    if (target.IsVersion()) {
      engine.store().UpdateVersion(target.name, target.qualifier, apply, std::move(reply_config));
      return Status::Ok();
    }
    engine.store().Update(
        target.name,
        [apply, now](FunctionConfig& function) -> Status {
          function.last_modified_millis = now;
          return apply(function);
        },
        std::move(reply_config));
    return Status::Ok();
  });
}

}  // namespace

void PutFunctionEventInvokeConfig(LambdaEngine& engine,
                                  const aws::RequestContext& /*context*/,
                                  const Json& input,
                                  aws::Reply reply) {
  ChangeEventInvokeConfig(engine, input, std::move(reply), Change::kReplace);
}

// AWS: changes only the members given; a qualifier without a configuration
// is ResourceNotFoundException.
void UpdateFunctionEventInvokeConfig(LambdaEngine& engine,
                                     const aws::RequestContext& /*context*/,
                                     const Json& input,
                                     aws::Reply reply) {
  ChangeEventInvokeConfig(engine, input, std::move(reply), Change::kMerge);
}

// AWS: answers 204; a qualifier without a configuration is ResourceNotFoundException.
void DeleteFunctionEventInvokeConfig(LambdaEngine& engine,
                                     const aws::RequestContext& /*context*/,
                                     const Json& input,
                                     aws::Reply reply) {
  ChangeEventInvokeConfig(engine, input, std::move(reply), Change::kClear);
}

}  // namespace stratus::lambda::api
