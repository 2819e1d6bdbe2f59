#include "states/api/arn.h"
#include "states/api/errors.h"
#include "states/api/execution_engine.h"
#include "states/api/handlers.h"
#include "states/api/request_fields.h"
#include "states/api/states_service.h"

namespace stratus::states::api::handlers {

void StopExecution(StatesService& service,
                   const aws::RequestContext& /*context*/,
                   Json input,
                   aws::Reply reply) {
  Result<std::string> arn = RequiredString(input, "executionArn");
  Result<std::optional<std::string>> error = OptionalString(input, "error");
  Result<std::optional<std::string>> cause = OptionalString(input, "cause");
  for (const Status& status : {arn.status(), error.status(), cause.status()}) {
    if (!status.ok()) {
      reply(status);
      return;
    }
  }
  if (Status valid = ParseExecutionArn(*arn).status(); !valid.ok()) {
    reply(valid);
    return;
  }
  service.engine().StopExecution(*arn, error->value_or(""), cause->value_or(""),
                                 [reply = std::move(reply)](Result<int64_t> stopped) {
                                   if (!stopped.ok()) {
                                     reply(StatesApiError::FromEngine(stopped.status()));
                                     return;
                                   }
                                   reply(Json{{"stopDate", EpochSeconds(*stopped)}});
                                 });
}

}  // namespace stratus::states::api::handlers
