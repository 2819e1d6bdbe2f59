#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace stratus::sqs {

/// The opaque token a receive hands out; deleting or changing a message's
/// visibility names the message by it. Each receive of a message yields a
/// new handle.
struct ReceiptHandle {
  std::string value = {};

  friend bool operator==(const ReceiptHandle&, const ReceiptHandle&) = default;
};

/// What a receipt handle encodes: the message's position in its queue, its
/// id (so a handle never matches a different message with a reused
/// position), and which receive produced it.
struct ReceiptHandleParts {
  uint64_t seq = 0;
  std::string message_id = {};
  uint64_t receive_nonce = 0;

  friend bool operator==(const ReceiptHandleParts&, const ReceiptHandleParts&) = default;
};

/// Returns base64("1:<seq>:<nonce hex>:<message id>").
ReceiptHandle MakeReceiptHandle(const ReceiptHandleParts& parts);

/// Parses a handle made by MakeReceiptHandle(); InvalidArgument otherwise.
Result<ReceiptHandleParts> ParseReceiptHandle(std::string_view handle);

}  // namespace stratus::sqs
