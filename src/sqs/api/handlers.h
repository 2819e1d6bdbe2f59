#pragma once

#include "aws/operation_table.h"
#include "aws/request_context.h"
#include "aws/service_operations.h"
#include "base/json.h"

namespace stratus::sqs {
class QueueService;
}  // namespace stratus::sqs

// One handler per SQS operation, each in its own file named after it. A
// handler validates the model-shaped JSON input, calls the engine and replies
// with the model-shaped output, after the engine's commit for mutations.
// operations.cc binds them to their operation names.
namespace stratus::sqs::api {

/// A handler that may reply later (after a commit, or after a long poll).
using Handler = aws::CommitHandler<QueueService>;

/// A handler that answers at once (reads of memory only).
using SyncHandler = aws::ReadHandler<QueueService>;

Handler AddPermission;
Handler CancelMessageMoveTask;
Handler ChangeMessageVisibility;
Handler ChangeMessageVisibilityBatch;
Handler CreateQueue;
Handler DeleteMessage;
Handler DeleteMessageBatch;
Handler DeleteQueue;
SyncHandler GetQueueAttributes;
SyncHandler GetQueueUrl;
SyncHandler ListDeadLetterSourceQueues;
SyncHandler ListMessageMoveTasks;
SyncHandler ListQueueTags;
SyncHandler ListQueues;
Handler PurgeQueue;
Handler ReceiveMessage;
Handler RemovePermission;
Handler SendMessage;
Handler SendMessageBatch;
Handler SetQueueAttributes;
Handler StartMessageMoveTask;
Handler TagQueue;
Handler UntagQueue;

/// Returns a commit callback that replies `output` on success, else the error
/// mapped by SqsError::FromEngine.
std::function<void(Status)> ReplyAfterCommit(aws::Reply reply, Json output = Json::object());

}  // namespace stratus::sqs::api
