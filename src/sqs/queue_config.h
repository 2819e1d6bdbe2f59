#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "sqs/queue_id.h"

namespace stratus::sqs {

/// Where FIFO deduplication ids are unique. Do not reorder: values are stored on disk.
enum class DeduplicationScope : uint8_t { kQueue = 0, kMessageGroup = 1 };

/// The FIFO throughput quota's unit. Do not reorder: values are stored on disk.
enum class FifoThroughputLimit : uint8_t { kPerQueue = 0, kPerMessageGroupId = 1 };

/// Moves a message to `dead_letter_queue` once it has been received
/// `max_receive_count` times and is about to be received again.
struct RedrivePolicy {
  QueueId dead_letter_queue = {};
  int64_t max_receive_count = 10;

  friend bool operator==(const RedrivePolicy&, const RedrivePolicy&) = default;
};

/// A queue's settable configuration. Defaults are those of a new queue.
/// Validation of ranges happens where the values come in (the API layer);
/// the engine trusts a QueueConfig.
struct QueueConfig {
  bool fifo = false;
  std::chrono::seconds delay = std::chrono::seconds(0);
  int64_t maximum_message_bytes = int64_t{1024} * 1024;
  std::chrono::seconds retention = std::chrono::seconds(345600);
  std::chrono::seconds receive_wait = std::chrono::seconds(0);
  std::chrono::seconds visibility_timeout = std::chrono::seconds(30);
  std::string policy = {};  // An IAM policy document, stored verbatim; empty when unset.
  std::optional<RedrivePolicy> redrive_policy = std::nullopt;
  std::string redrive_allow_policy = {};  // Stored verbatim; empty when unset.
  bool content_based_deduplication = false;
  DeduplicationScope deduplication_scope = DeduplicationScope::kQueue;
  FifoThroughputLimit fifo_throughput_limit = FifoThroughputLimit::kPerQueue;
  std::string kms_master_key_id = {};
  std::chrono::seconds kms_data_key_reuse_period = std::chrono::seconds(300);
  bool sqs_managed_sse_enabled = true;

  friend bool operator==(const QueueConfig&, const QueueConfig&) = default;
};

}  // namespace stratus::sqs
