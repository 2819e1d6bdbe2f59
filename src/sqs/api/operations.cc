#include "sqs/api/operations.h"

#include "aws/service_operations.h"
#include "sqs/api/handlers.h"
#include "sqs/queue_service.h"

namespace stratus::sqs {

void RegisterSqsOperations(aws::OperationTable& table,
                           const aws::ModelRegistry& models,
                           QueueService& service) {
  // SQS words its own validation errors (not the model-constraint format).
  aws::ServiceOperations operations(table, models, "sqs");
  auto add = [&](std::string_view name, auto* handler) {
    operations.Add(name, aws::Bind(service, handler));
  };
  add("AddPermission", &api::AddPermission);
  add("CancelMessageMoveTask", &api::CancelMessageMoveTask);
  add("ChangeMessageVisibility", &api::ChangeMessageVisibility);
  add("ChangeMessageVisibilityBatch", &api::ChangeMessageVisibilityBatch);
  add("CreateQueue", &api::CreateQueue);
  add("DeleteMessage", &api::DeleteMessage);
  add("DeleteMessageBatch", &api::DeleteMessageBatch);
  add("DeleteQueue", &api::DeleteQueue);
  add("GetQueueAttributes", &api::GetQueueAttributes);
  add("GetQueueUrl", &api::GetQueueUrl);
  add("ListDeadLetterSourceQueues", &api::ListDeadLetterSourceQueues);
  add("ListMessageMoveTasks", &api::ListMessageMoveTasks);
  add("ListQueueTags", &api::ListQueueTags);
  add("ListQueues", &api::ListQueues);
  add("PurgeQueue", &api::PurgeQueue);
  add("ReceiveMessage", &api::ReceiveMessage);
  add("RemovePermission", &api::RemovePermission);
  add("SendMessage", &api::SendMessage);
  add("SendMessageBatch", &api::SendMessageBatch);
  add("SetQueueAttributes", &api::SetQueueAttributes);
  add("StartMessageMoveTask", &api::StartMessageMoveTask);
  add("TagQueue", &api::TagQueue);
  add("UntagQueue", &api::UntagQueue);
}

}  // namespace stratus::sqs
