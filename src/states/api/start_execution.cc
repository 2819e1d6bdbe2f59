#include "states/api/errors.h"
#include "states/api/execution_engine.h"
#include "states/api/handlers.h"
#include "states/api/request_fields.h"
#include "states/api/start_request.h"
#include "states/api/states_service.h"

namespace stratus::states::api::handlers {

void StartExecution(StatesService& service,
                    const aws::RequestContext& context,
                    Json input,
                    aws::Reply reply) {
  Result<PreparedStart> prepared = PrepareStart(service, context, input);
  if (!prepared.ok()) {
    reply(prepared.status());
    return;
  }
  if (!prepared->express_id.empty()) {
    // AWS: an EXPRESS execution started asynchronously is not durable and
    // cannot be described (its ARN is an "express:" one).
    StartOutcome outcome = service.engine().StartExpress(std::move(prepared->request), {});
    reply(Json{{"executionArn", outcome.arn}, {"startDate", EpochSeconds(outcome.start_millis)}});
    return;
  }
  service.engine().StartStandard(std::move(prepared->request), [reply = std::move(reply)](
                                                                   Result<StartOutcome> outcome) {
    if (!outcome.ok()) {
      reply(StatesApiError::FromEngine(outcome.status()));
      return;
    }
    reply(Json{{"executionArn", outcome->arn}, {"startDate", EpochSeconds(outcome->start_millis)}});
  });
}

}  // namespace stratus::states::api::handlers
