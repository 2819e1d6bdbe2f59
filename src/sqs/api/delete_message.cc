#include "sqs/api/errors.h"
#include "sqs/api/handlers.h"
#include "sqs/api/request_fields.h"
#include "sqs/queue_service.h"

namespace stratus::sqs::api {

void DeleteMessage(QueueService& service,
                   const aws::RequestContext& context,
                   const Json& input,
                   aws::Reply reply) {
  Result<QueueId> id = QueueFromInput(context, input);
  if (!id.ok()) {
    reply(id.status());
    return;
  }
  Result<std::string> handle = RequiredString(input, "ReceiptHandle");
  if (!handle.ok()) {
    reply(handle.status());
    return;
  }
  std::vector<ReceiptHandle> handles = {ReceiptHandle{.value = std::move(*handle)}};
  service.Delete(*id, std::move(handles),
                 [reply = std::move(reply)](Result<std::vector<Status>> statuses) {
                   if (!statuses.ok()) {
                     reply(SqsError::FromEngine(statuses.status()));
                   } else if (!statuses->front().ok()) {
                     reply(SqsError::ReceiptHandleIsInvalid(statuses->front().message()));
                   } else {
                     reply(Json::object());
                   }
                 });
}

}  // namespace stratus::sqs::api
