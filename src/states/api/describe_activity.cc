#include "states/api/activity_registry.h"
#include "states/api/arn.h"
#include "states/api/encryption_configuration.h"
#include "states/api/errors.h"
#include "states/api/handlers.h"
#include "states/api/request_fields.h"
#include "states/api/states_service.h"

namespace stratus::states::api::handlers {
namespace {

Result<Json> Describe(StatesService& service, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string arn, RequiredString(input, "activityArn"));
  STRATUS_RETURN_IF_ERROR(ParseActivityArn(arn).status());
  std::optional<ActivityRecord> activity = service.activities().Find(arn);
  if (!activity.has_value()) {
    return StatesApiError::ActivityDoesNotExist(arn);
  }
  // AWS: an activity created without encryption settings is described with
  // the AWS-owned key.
  Json encryption =
      activity->encryption.empty() ? DefaultEncryptionConfiguration() : activity->encryption;
  return Json{{"activityArn", activity->arn},
              {"name", activity->name},
              {"creationDate", EpochSeconds(activity->created_millis)},
              {"encryptionConfiguration", std::move(encryption)}};
}

}  // namespace

void DescribeActivity(StatesService& service,
                      const aws::RequestContext& /*context*/,
                      Json input,
                      aws::Reply reply) {
  reply(Describe(service, input));
}

}  // namespace stratus::states::api::handlers
