#include "states/api/activity_registry.h"
#include "states/api/arn.h"
#include "states/api/encryption_configuration.h"
#include "states/api/errors.h"
#include "states/api/handlers.h"
#include "states/api/request_fields.h"
#include "states/api/resource_names.h"
#include "states/api/states_service.h"
#include "states/api/tag_list.h"

namespace stratus::states::api::handlers {

// AWS: CreateActivity is idempotent by name (tags of a repeated call are
// ignored); another encryptionConfiguration is ActivityAlreadyExists.
// Pinned by test/wire/test_stepfunctions_service.py::test_create_activity_*.
void CreateActivity(StatesService& service,
                    const aws::RequestContext& context,
                    Json input,
                    aws::Reply reply) {
  Result<std::string> name = RequiredString(input, "name");
  Result<std::optional<Json>> encryption = ParseEncryptionConfiguration(input);
  for (const Status& status : {name.status(), encryption.status()}) {
    if (!status.ok()) {
      reply(status);
      return;
    }
  }
  if (!IsValidResourceName(*name)) {
    reply(StatesApiError::InvalidName(*name));
    return;
  }
  Result<Tags> tags = ParseTagList(input.value("tags", Json()));
  if (!tags.ok()) {
    reply(tags.status());
    return;
  }
  ActivityRecord activity{.arn = MakeActivityArn(context.region, context.account_id, *name),
                          .name = *name,
                          .created_millis = 0,
                          .encryption = encryption->value_or(Json::object())};
  service.activities().Create(
      std::move(activity), std::move(tags).value(),
      [reply = std::move(reply)](Result<ActivityRecord> created) {
        if (!created.ok()) {
          reply(StatesApiError::FromEngine(created.status()));
          return;
        }
        reply(Json{{"activityArn", created->arn},
                   {"creationDate", EpochSeconds(created->created_millis)}});
      });
}

}  // namespace stratus::states::api::handlers
