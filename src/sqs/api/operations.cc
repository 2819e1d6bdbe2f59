#include "sqs/api/operations.h"

#include "aws/operation_table.h"
#include "sqs/api/handlers.h"
#include "sqs/queue_service.h"

namespace stratus::sqs {
namespace {

aws::OperationHandler Bind(QueueService& service, api::Handler* handler) {
  return [&service, handler](const aws::RequestContext& context, Json input, aws::Reply reply) {
    handler(service, context, std::move(input), std::move(reply));
  };
}

}  // namespace

void RegisterSqsOperations(aws::OperationTable& table, QueueService& service) {
  constexpr std::string_view kService = "sqs";
  table.Add(kService, "CreateQueue", Bind(service, &api::CreateQueue));
  table.Add(kService, "DeleteMessage", Bind(service, &api::DeleteMessage));
  table.Add(kService, "DeleteQueue", Bind(service, &api::DeleteQueue));
  table.Add(kService, "GetQueueAttributes", Bind(service, &api::GetQueueAttributes));
  table.Add(kService, "GetQueueUrl", Bind(service, &api::GetQueueUrl));
  table.Add(kService, "ListQueues", Bind(service, &api::ListQueues));
  table.Add(kService, "ReceiveMessage", Bind(service, &api::ReceiveMessage));
  table.Add(kService, "SendMessage", Bind(service, &api::SendMessage));
}

}  // namespace stratus::sqs
