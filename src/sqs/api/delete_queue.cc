#include "sqs/api/handlers.h"
#include "sqs/api/request_fields.h"
#include "sqs/queue_service.h"

namespace stratus::sqs::api {

void DeleteQueue(QueueService& service,
                 const aws::RequestContext& context,
                 const Json& input,
                 aws::Reply reply) {
  Result<QueueId> id = QueueFromInput(context, input);
  if (!id.ok()) {
    reply(id.status());
    return;
  }
  service.DeleteQueue(*id, ReplyAfterCommit(std::move(reply)));
}

}  // namespace stratus::sqs::api
