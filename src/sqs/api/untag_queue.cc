#include "sqs/api/errors.h"
#include "sqs/api/handlers.h"
#include "sqs/api/request_fields.h"
#include "sqs/queue_service.h"

namespace stratus::sqs::api {

void UntagQueue(QueueService& service,
                const aws::RequestContext& context,
                const Json& input,
                aws::Reply reply) {
  Result<QueueId> id = QueueFromInput(context, input);
  if (!id.ok()) {
    reply(id.status());
    return;
  }
  Result<std::vector<std::string>> keys = StringList(input, "TagKeys");
  if (!keys.ok()) {
    reply(keys.status());
    return;
  }
  if (keys->empty()) {
    reply(SqsError::MissingParameter("TagKeys"));
    return;
  }
  service.UpdateTags(*id, {}, *keys, ReplyAfterCommit(std::move(reply)));
}

}  // namespace stratus::sqs::api
