#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sqs/queue_id.h"

namespace stratus::sqs {

/// The life of a message move task.
enum class MoveTaskStatus : uint8_t { kRunning, kCompleted, kCancelling, kCancelled, kFailed };

/// A redrive of messages out of a dead-letter queue, back to the queues they
/// came from or to one destination.
struct MoveTask {
  std::string handle = {};
  QueueId source = {};
  std::optional<QueueId> destination = std::nullopt;  // Unset: each message's source queue.
  MoveTaskStatus status = MoveTaskStatus::kRunning;
  int64_t max_messages_per_second = 0;  // 0: unset.
  int64_t num_moved = 0;
  int64_t num_to_move = 0;
  int64_t started_millis = 0;
  std::string failure_reason = {};
};

}  // namespace stratus::sqs
