#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "sqs/message_attributes.h"
#include "sqs/queue_id.h"
#include "sqs/receipt_handle.h"

namespace stratus::sqs {

/// A message as its queue holds it, in memory and on disk (one row of the
/// `messages` table).
struct StoredMessage {
  uint64_t seq = 0;  // Position in the queue: increases with every enqueue.
  std::string id = {};
  std::string body = {};
  MessageAttributes attributes = {};
  std::string trace_header = {};  // The AWSTraceHeader system attribute; empty when unset.
  std::string sender_id = {};
  int64_t sent_millis = 0;  // Enqueue time; retention counts from here.
  int64_t visible_at_millis =
      0;  // Not deliverable before: the delay's end or the visibility deadline.
  int64_t receive_count = 0;
  int64_t first_receive_millis = 0;   // 0 until the first receive.
  uint64_t receive_nonce = 0;         // Identifies the latest receive; part of its receipt handle.
  std::string group_id = {};          // FIFO only.
  std::string deduplication_id = {};  // FIFO only.
  std::optional<QueueId> dead_letter_source =
      std::nullopt;  // Set when moved here as a dead letter.

  /// Returns true when received and its visibility deadline is still ahead.
  bool InFlight(int64_t now_millis) const {
    return receive_count > 0 && visible_at_millis > now_millis;
  }
};

/// What a sender asks to enqueue. FIFO queues need `group_id` and, unless the
/// queue derives it from the body, `deduplication_id`.
struct OutgoingMessage {
  std::string body = {};
  MessageAttributes attributes = {};
  std::string trace_header = {};
  std::optional<std::chrono::seconds> delay = std::nullopt;  // Unset: the queue's delay.
  std::string group_id = {};
  std::string deduplication_id = {};
  std::string sender_id = {};
};

/// The outcome of one enqueue.
struct SentMessage {
  std::string message_id = {};
  uint64_t seq = 0;        // The FIFO sequence number.
  bool duplicate = false;  // A FIFO duplicate: nothing was enqueued; the ids are the original's.
};

/// One delivered message: a snapshot of the stored message after the
/// receive, plus the handle that names this delivery.
struct ReceivedMessage {
  StoredMessage message = {};
  ReceiptHandle receipt_handle = {};
};

}  // namespace stratus::sqs
