#include "sqs/api/errors.h"
#include "sqs/api/handlers.h"
#include "sqs/api/request_fields.h"
#include "sqs/queue_service.h"

namespace stratus::sqs::api {
namespace {

Result<Json> Run(QueueService& service, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string handle, RequiredString(input, "TaskHandle"));
  Result<MoveTask> task = service.CancelMoveTask(handle);
  if (!task.ok()) {
    if (task.status().code() == StatusCode::kNotFound) {
      return SqsError::ResourceNotFound(task.status().message());
    }
    if (task.status().code() == StatusCode::kFailedPrecondition) {
      return SqsError::UnsupportedOperation(task.status().message());
    }
    return SqsError::FromEngine(task.status());
  }
  return Json{{"ApproximateNumberOfMessagesMoved", task->num_moved}};
}

}  // namespace

Result<Json> CancelMessageMoveTask(QueueService& service,
                                   const aws::RequestContext& context,
                                   const Json& input) {
  (void)context;
  return Run(service, input);
}

}  // namespace stratus::sqs::api
