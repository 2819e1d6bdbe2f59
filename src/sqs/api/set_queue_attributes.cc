#include "sqs/api/errors.h"
#include "sqs/api/handlers.h"
#include "sqs/api/queue_attributes.h"
#include "sqs/api/request_fields.h"
#include "sqs/queue_service.h"

namespace stratus::sqs::api {
namespace {

Result<std::pair<QueueId, QueueConfig>> Parse(const QueueService& service,
                                              const aws::RequestContext& context,
                                              const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(QueueId id, QueueFromInput(context, input));
  if (!input.contains("Attributes")) {
    return SqsError::MissingParameter("Attributes");
  }
  STRATUS_ASSIGN_OR_RETURN(Json attributes, ObjectMember(input, "Attributes"));
  Result<QueueConfig> config = service.Config(id);
  if (!config.ok()) {
    return SqsError::FromEngine(config.status());
  }
  QueueConfig updated = *config;
  STRATUS_RETURN_IF_ERROR(
      ApplyQueueAttributes(attributes, /*creating=*/false, id, service, &updated));
  return std::make_pair(std::move(id), std::move(updated));
}

}  // namespace

void SetQueueAttributes(QueueService& service,
                        const aws::RequestContext& context,
                        const Json& input,
                        aws::Reply reply) {
  Result<std::pair<QueueId, QueueConfig>> parsed = Parse(service, context, input);
  if (!parsed.ok()) {
    reply(parsed.status());
    return;
  }
  service.SetConfig(parsed->first, std::move(parsed->second), ReplyAfterCommit(std::move(reply)));
}

}  // namespace stratus::sqs::api
