#include <utility>

#include "lambda/api/function_lookup.h"
#include "lambda/api/handlers.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"

namespace stratus::lambda::api {
namespace {

// Returns the concurrency every function but `name` reserves.
Result<int64_t> ReservedByOthers(LambdaEngine& engine, const std::string& name) {
  STRATUS_ASSIGN_OR_RETURN(std::vector<FunctionConfig> functions, engine.store().List());
  int64_t reserved = 0;
  for (const FunctionConfig& function : functions) {
    if (function.name != name) {
      reserved += function.reserved_concurrency.value_or(0);
    }
  }
  return reserved;
}

}  // namespace

// AWS: reserves concurrency for the function (not for one version or alias);
// a reservation that leaves less than 100 of the account's 1000 unreserved is
// InvalidParameterValueException. Answers the reservation. Pinned by
// test/wire/test_lambda_concurrency.py.
void PutFunctionConcurrency(LambdaEngine& engine,
                            const aws::RequestContext& /*context*/,
                            const Json& input,
                            aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string name, FunctionNameOf(input, engine.FunctionArn("")));
    STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> reserved,
                             OptionalInteger(input, "ReservedConcurrentExecutions"));
    if (!reserved.has_value() || *reserved < 0) {
      return LambdaError::InvalidParameter(
          "ReservedConcurrentExecutions must be a number of at least 0");
    }
    STRATUS_RETURN_IF_ERROR(FindFunction(engine, name).status());
    STRATUS_ASSIGN_OR_RETURN(int64_t others, ReservedByOthers(engine, name));
    if (kAccountConcurrentExecutions - others - *reserved < kMinimumUnreservedConcurrency) {
      return LambdaError::UnreservedBelowMinimum(kMinimumUnreservedConcurrency);
    }
    const int value = static_cast<int>(*reserved);
    engine.store().Update(
        name,
        [value](FunctionConfig& function) -> Status {
          function.reserved_concurrency = value;
          return Status::Ok();
        },
        [&engine, name, value, reply = std::move(reply)](Result<FunctionConfig> stored) {
          if (!stored.ok()) {
            reply(FunctionStatus(engine, name, stored.status()));
            return;
          }
          // Idle processes beyond a lower reservation go.
          engine.FunctionChanged(name);
          reply(Json{{"ReservedConcurrentExecutions", value}});
        });
    return Status::Ok();
  });
}

// AWS: answers 204; the function's invocations then share the unreserved pool.
void DeleteFunctionConcurrency(LambdaEngine& engine,
                               const aws::RequestContext& /*context*/,
                               const Json& input,
                               aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string name, FunctionNameOf(input, engine.FunctionArn("")));
    engine.store().Update(
        name,
        [](FunctionConfig& function) -> Status {
          function.reserved_concurrency = std::nullopt;
          return Status::Ok();
        },
        [&engine, name, reply = std::move(reply)](Result<FunctionConfig> stored) {
          if (!stored.ok()) {
            reply(FunctionStatus(engine, name, stored.status()));
            return;
          }
          reply(Json{{"StatusCode", 204}});
        });
    return Status::Ok();
  });
}

// AWS: an empty document when the function reserves nothing.
Result<Json> GetFunctionConcurrency(LambdaEngine& engine,
                                    const aws::RequestContext& /*context*/,
                                    const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string name, FunctionNameOf(input, engine.FunctionArn("")));
  STRATUS_ASSIGN_OR_RETURN(FunctionConfig function, FindFunction(engine, name));
  Json out = Json::object();
  if (function.reserved_concurrency.has_value()) {
    out["ReservedConcurrentExecutions"] = *function.reserved_concurrency;
  }
  return out;
}

}  // namespace stratus::lambda::api
