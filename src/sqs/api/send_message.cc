#include "sqs/api/errors.h"
#include "sqs/api/handlers.h"
#include "sqs/api/outgoing_message_codec.h"
#include "sqs/api/request_fields.h"
#include "sqs/queue_service.h"

namespace stratus::sqs::api {

void SendMessage(QueueService& service,
                 const aws::RequestContext& context,
                 const Json& input,
                 aws::Reply reply) {
  Result<QueueId> id = QueueFromInput(context, input);
  if (!id.ok()) {
    reply(id.status());
    return;
  }
  Result<QueueConfig> config = service.Config(*id);
  if (!config.ok()) {
    reply(SqsError::FromEngine(config.status()));
    return;
  }
  Result<ParsedMessage> parsed = ParseOutgoingMessage(context, input, *config);
  if (!parsed.ok()) {
    reply(parsed.status());
    return;
  }
  std::vector<OutgoingMessage> messages;
  messages.push_back(parsed->message);
  service.Send(*id, std::move(messages),
               [reply = std::move(reply), parsed = std::move(*parsed),
                fifo = config->fifo](Result<std::vector<Result<SentMessage>>> results) {
                 if (!results.ok()) {
                   reply(SqsError::FromEngine(results.status()));
                 } else if (!results->front().ok()) {
                   reply(SqsError::FromEngine(results->front().status()));
                 } else {
                   reply(RenderSentMessage(parsed, *results->front(), fifo));
                 }
               });
}

}  // namespace stratus::sqs::api
