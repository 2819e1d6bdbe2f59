#include "sqs/api/operations.h"

#include "aws/operation_table.h"
#include "sqs/api/handlers.h"
#include "sqs/queue_service.h"

namespace stratus::sqs {
namespace {

aws::OperationHandler Bind(QueueService& service, api::Handler* handler) {
  return
      [&service, handler](const aws::RequestContext& context, const Json& input, aws::Reply reply) {
        handler(service, context, input, std::move(reply));
      };
}

aws::OperationHandler Bind(QueueService& service, api::SyncHandler* handler) {
  return [&service, handler](const aws::RequestContext& context, const Json& input,
                             const aws::Reply& reply) {
    reply(handler(service, context, input));
  };
}

}  // namespace

void RegisterSqsOperations(aws::OperationTable& table, QueueService& service) {
  constexpr std::string_view kService = "sqs";
  table.Add(kService, "AddPermission", Bind(service, &api::AddPermission));
  table.Add(kService, "CancelMessageMoveTask", Bind(service, &api::CancelMessageMoveTask));
  table.Add(kService, "ChangeMessageVisibility", Bind(service, &api::ChangeMessageVisibility));
  table.Add(kService, "ChangeMessageVisibilityBatch",
            Bind(service, &api::ChangeMessageVisibilityBatch));
  table.Add(kService, "CreateQueue", Bind(service, &api::CreateQueue));
  table.Add(kService, "DeleteMessage", Bind(service, &api::DeleteMessage));
  table.Add(kService, "DeleteMessageBatch", Bind(service, &api::DeleteMessageBatch));
  table.Add(kService, "DeleteQueue", Bind(service, &api::DeleteQueue));
  table.Add(kService, "GetQueueAttributes", Bind(service, &api::GetQueueAttributes));
  table.Add(kService, "GetQueueUrl", Bind(service, &api::GetQueueUrl));
  table.Add(kService, "ListDeadLetterSourceQueues",
            Bind(service, &api::ListDeadLetterSourceQueues));
  table.Add(kService, "ListMessageMoveTasks", Bind(service, &api::ListMessageMoveTasks));
  table.Add(kService, "ListQueueTags", Bind(service, &api::ListQueueTags));
  table.Add(kService, "ListQueues", Bind(service, &api::ListQueues));
  table.Add(kService, "PurgeQueue", Bind(service, &api::PurgeQueue));
  table.Add(kService, "ReceiveMessage", Bind(service, &api::ReceiveMessage));
  table.Add(kService, "RemovePermission", Bind(service, &api::RemovePermission));
  table.Add(kService, "SendMessage", Bind(service, &api::SendMessage));
  table.Add(kService, "SendMessageBatch", Bind(service, &api::SendMessageBatch));
  table.Add(kService, "SetQueueAttributes", Bind(service, &api::SetQueueAttributes));
  table.Add(kService, "StartMessageMoveTask", Bind(service, &api::StartMessageMoveTask));
  table.Add(kService, "TagQueue", Bind(service, &api::TagQueue));
  table.Add(kService, "UntagQueue", Bind(service, &api::UntagQueue));
}

}  // namespace stratus::sqs
