#include "sqs/api/move_task_codec.h"

#include "sqs/api/queue_url.h"

namespace stratus::sqs {

std::string_view MoveTaskStatusName(MoveTaskStatus status) {
  switch (status) {
    case MoveTaskStatus::kRunning:
      return "RUNNING";
    case MoveTaskStatus::kCompleted:
      return "COMPLETED";
    case MoveTaskStatus::kCancelling:
      return "CANCELLING";
    case MoveTaskStatus::kCancelled:
      return "CANCELLED";
    case MoveTaskStatus::kFailed:
      return "FAILED";
  }
  return "FAILED";
}

Json RenderMoveTask(const MoveTask& task) {
  Json out = {{"Status", MoveTaskStatusName(task.status)},
              {"SourceArn", QueueArnFor(task.source)},
              {"ApproximateNumberOfMessagesMoved", task.num_moved},
              {"ApproximateNumberOfMessagesToMove", task.num_to_move},
              {"StartedTimestamp", task.started_millis}};
  if (task.status == MoveTaskStatus::kRunning) {
    out["TaskHandle"] = task.handle;
  }
  if (task.destination.has_value()) {
    out["DestinationArn"] = QueueArnFor(*task.destination);
  }
  if (task.max_messages_per_second > 0) {
    out["MaxNumberOfMessagesPerSecond"] = task.max_messages_per_second;
  }
  if (!task.failure_reason.empty()) {
    out["FailureReason"] = task.failure_reason;
  }
  return out;
}

}  // namespace stratus::sqs
