#include "states/api/arn.h"
#include "states/api/errors.h"
#include "states/api/execution_engine.h"
#include "states/api/handlers.h"
#include "states/api/request_fields.h"
#include "states/api/states_service.h"

namespace stratus::states::api::handlers {

void RedriveExecution(StatesService& service,
                      const aws::RequestContext& /*context*/,
                      Json input,
                      aws::Reply reply) {
  Result<std::string> arn = RequiredString(input, "executionArn");
  if (!arn.ok()) {
    reply(arn.status());
    return;
  }
  if (Status valid = ParseExecutionArn(*arn).status(); !valid.ok()) {
    reply(valid);
    return;
  }
  service.engine().Redrive(*arn, [reply = std::move(reply)](Result<int64_t> redriven) {
    if (!redriven.ok()) {
      reply(StatesApiError::FromEngine(redriven.status()));
      return;
    }
    reply(Json{{"redriveDate", EpochSeconds(*redriven)}});
  });
}

}  // namespace stratus::states::api::handlers
