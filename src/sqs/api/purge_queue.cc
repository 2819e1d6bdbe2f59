#include "sqs/api/errors.h"
#include "sqs/api/handlers.h"
#include "sqs/api/request_fields.h"
#include "sqs/queue_service.h"

namespace stratus::sqs::api {

void PurgeQueue(QueueService& service,
                const aws::RequestContext& context,
                const Json& input,
                aws::Reply reply) {
  Result<QueueId> id = QueueFromInput(context, input);
  if (!id.ok()) {
    reply(id.status());
    return;
  }
  service.Purge(*id, [reply = std::move(reply)](const Status& status) {
    if (status.ok()) {
      reply(Json::object());
    } else if (status.code() == StatusCode::kFailedPrecondition) {
      reply(SqsError::PurgeQueueInProgress(status.message()));
    } else {
      reply(SqsError::FromEngine(status));
    }
  });
}

}  // namespace stratus::sqs::api
