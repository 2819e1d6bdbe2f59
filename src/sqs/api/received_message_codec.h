#pragma once

#include <set>
#include <string>
#include <vector>

#include "base/json.h"
#include "base/result.h"
#include "sqs/message.h"

namespace stratus::sqs {

/// Which attributes a ReceiveMessage call asked to see.
struct AttributeSelection {
  std::set<std::string> system_names = {};  // Expanded: never contains "All".
  bool all_message_attributes = false;
  std::vector<std::string> message_attribute_names = {};     // Exact names.
  std::vector<std::string> message_attribute_prefixes = {};  // From "prefix.*".
};

/// Reads AttributeNames, MessageSystemAttributeNames and MessageAttributeNames.
Result<AttributeSelection> ParseAttributeSelection(const Json& input);

/// Returns one element of ReceiveMessage's "Messages": body, ids, digests,
/// and the selected system and message attributes. MD5OfMessageAttributes
/// digests the attributes returned.
Json RenderReceivedMessage(const ReceivedMessage& received,
                           const AttributeSelection& selection,
                           bool fifo);

}  // namespace stratus::sqs
