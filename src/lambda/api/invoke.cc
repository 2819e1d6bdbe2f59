#include <utility>

#include "base/digest.h"
#include "base/format.h"
#include "lambda/api/function_lookup.h"
#include "lambda/api/handlers.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"

namespace stratus::lambda::api {
namespace {

// AWS: a synchronous request is at most 6 MB, an Event one at most 1 MB.
constexpr size_t kMaxSyncPayloadBytes = 6291456;
constexpr size_t kMaxEventPayloadBytes = 1048576;
// AWS: LogType=Tail returns the last 4 KB of the invocation's log.
constexpr size_t kTailBytes = 4096;

Result<std::string> PayloadOf(const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> encoded, OptionalString(input, "Payload"));
  std::string payload;
  if (encoded.has_value() && !Base64Decode(*encoded, &payload)) {
    return LambdaError::InvalidRequestContent("Could not parse request body into json");
  }
  if (!payload.empty() && !ParseJson(payload).ok()) {
    // AWS: "Could not parse request body into json: Could not parse payload into json: ..."
    return LambdaError::InvalidRequestContent(
        "Could not parse request body into json: Could not parse payload into json: "
        "Unexpected character: was expecting a JSON value");
  }
  return payload;
}

Json ResultToJson(const InvokeResult& result, bool tail) {
  Json out{{"StatusCode", 200},
           {"Payload", Base64Encode(result.payload)},
           {"ExecutedVersion", result.executed_version}};
  if (!result.function_error.empty()) {
    out["FunctionError"] = result.function_error;
  }
  if (tail) {
    const std::string_view log = result.log;
    out["LogResult"] =
        Base64Encode(log.size() > kTailBytes ? log.substr(log.size() - kTailBytes) : log);
  }
  return out;
}

}  // namespace

// AWS: RequestResponse answers 200 with the function's payload (a function
// error adds X-Amz-Function-Error: Unhandled, still 200); Event answers 202
// once the invocation is queued; DryRun answers 204 after checking the
// function exists. Pinned by test/wire/test_lambda.py.
void Invoke(LambdaEngine& engine,
            const aws::RequestContext& /*context*/,
            const Json& input,
            aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(FunctionTarget target,
                             FunctionTargetOf(input, engine.FunctionArn("")));
    const std::string name = target.Reference();
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> type,
                             OptionalString(input, "InvocationType"));
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> log_type, OptionalString(input, "LogType"));
    STRATUS_ASSIGN_OR_RETURN(std::string payload, PayloadOf(input));
    const std::string invocation_type = type.value_or("RequestResponse");
    const size_t limit = invocation_type == "Event" ? kMaxEventPayloadBytes : kMaxSyncPayloadBytes;
    if (payload.size() > limit) {
      return LambdaError::RequestTooLarge(
          Format("Request must be smaller than {} bytes for the InvokeFunction operation", limit));
    }
    const bool tail = log_type.value_or("None") == "Tail";
    if (invocation_type != "Event" && invocation_type != "DryRun") {
      // The engine resolves the target itself and answers a missing one as
      // FindTarget would: one lambda.db read per warm invoke, not two.
      engine.Invoke(name, std::move(payload),
                    [&engine, name, tail, reply = std::move(reply)](Result<InvokeResult> result) {
                      if (!result.ok()) {
                        reply(FunctionStatus(engine, name, result.status()));
                        return;
                      }
                      reply(ResultToJson(*result, tail));
                    });
      return Status::Ok();
    }
    STRATUS_RETURN_IF_ERROR(FindTarget(engine, target).status());
    if (invocation_type == "DryRun") {
      reply(Json{{"StatusCode", 204}});
      return Status::Ok();
    }
    engine.EnqueueEvent(name, std::move(payload),
                        [reply = std::move(reply)](Result<std::string> queued) {
                          if (!queued.ok()) {
                            reply(LambdaError::FromEngine(queued.status()));
                            return;
                          }
                          reply(Json{{"StatusCode", 202}});
                        });
    return Status::Ok();
  });
}

}  // namespace stratus::lambda::api
