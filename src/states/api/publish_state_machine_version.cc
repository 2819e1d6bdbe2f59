#include "states/api/arn.h"
#include "states/api/errors.h"
#include "states/api/handlers.h"
#include "states/api/request_fields.h"
#include "states/api/state_machine_catalog.h"
#include "states/api/states_service.h"

namespace stratus::states::api::handlers {

void PublishStateMachineVersion(StatesService& service,
                                const aws::RequestContext& /*context*/,
                                Json input,
                                aws::Reply reply) {
  Result<std::string> arn = RequiredString(input, "stateMachineArn");
  Result<std::optional<std::string>> revision = OptionalString(input, "revisionId");
  Result<std::optional<std::string>> description = OptionalString(input, "description");
  for (const Status& status : {arn.status(), revision.status(), description.status()}) {
    if (!status.ok()) {
      reply(status);
      return;
    }
  }
  Result<StatesArn> parsed = ParseStatesArn(*arn);
  if (!parsed.ok() || parsed->kind != ArnKind::kStateMachine) {
    reply(parsed.ok() ? StatesApiError::InvalidArn(*arn) : parsed.status());
    return;
  }
  service.catalog().Publish(*arn, description->value_or(""), *revision,
                            [reply = std::move(reply)](Result<VersionRecord> version) {
                              if (!version.ok()) {
                                reply(StatesApiError::FromEngine(version.status()));
                                return;
                              }
                              reply(Json{{"creationDate", EpochSeconds(version->created_millis)},
                                         {"stateMachineVersionArn", version->arn}});
                            });
}

}  // namespace stratus::states::api::handlers
