#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace stratus::sqs {

/// The SQS errors the API layer returns, each tagged with its AWS error type:
/// the model's error shape name where the model has one (the codec maps it
/// to the query-compatible code, e.g. QueueDoesNotExist →
/// AWS.SimpleQueueService.NonExistentQueue), else the code AWS SQS sends
/// (InvalidParameterValue, MissingParameter). The only place in sqs/ that
/// sets aws types.
class SqsError {
 public:
  static Status QueueDoesNotExist();
  static Status QueueNameExists(std::string_view name);
  static Status QueueDeletedRecently(std::string message);
  static Status InvalidAddress(std::string_view url);
  static Status InvalidAttributeName(std::string_view name);
  static Status InvalidAttributeValue(std::string message);
  static Status InvalidParameterValue(std::string message);
  static Status MissingParameter(std::string_view parameter);
  static Status ReceiptHandleIsInvalid(std::string message);
  static Status MessageNotInflight();
  static Status InvalidMessageContents(std::string message);
  static Status BatchEntryIdsNotDistinct(std::string_view id);
  static Status EmptyBatchRequest(std::string_view entry_type);
  static Status TooManyEntriesInBatchRequest(size_t num_entries);
  static Status InvalidBatchEntryId(std::string_view id);
  static Status BatchRequestTooLong(size_t num_bytes, size_t max_bytes);
  static Status PurgeQueueInProgress(std::string message);
  static Status OverLimit(std::string message);
  static Status UnsupportedOperation(std::string message);
  static Status ResourceNotFound(std::string message);

  /// Tags an engine status with the matching AWS type: NotFound →
  /// QueueDoesNotExist; errors already tagged, internal errors and other
  /// codes pass through (InvalidArgument → InvalidParameterValue).
  static Status FromEngine(const Status& status);
};

}  // namespace stratus::sqs
