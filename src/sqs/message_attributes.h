#pragma once

#include <map>
#include <string>
#include <string_view>

#include "base/result.h"

namespace stratus::sqs {

/// One typed message attribute. `data_type` is "String", "Number" or
/// "Binary", optionally followed by ".custom-label".
struct MessageAttributeValue {
  std::string data_type = {};
  std::string value = {};  // String and Number: the text; Binary: the raw bytes.

  /// Returns true when the data type's base is Binary.
  bool IsBinary() const;

  friend bool operator==(const MessageAttributeValue&, const MessageAttributeValue&) = default;
};

/// Attributes by name. Ordered by name because the digest and the stored form
/// both need that order.
using MessageAttributes = std::map<std::string, MessageAttributeValue, std::less<>>;

/// Returns the canonical byte form of `attributes`: for each attribute in
/// name order, a 4-byte big-endian length and the name, length and data type,
/// one transport byte (1 for String/Number, 2 for Binary), length and value.
/// This is what AWS digests for MD5OfMessageAttributes, and what the engine
/// stores on disk.
std::string EncodeMessageAttributes(const MessageAttributes& attributes);

/// Parses EncodeMessageAttributes()'s output. Corruption on malformed input.
Result<MessageAttributes> DecodeMessageAttributes(std::string_view bytes);

/// Returns the hex MD5 of the canonical form, or "" when there are none.
std::string Md5OfMessageAttributes(const MessageAttributes& attributes);

/// Returns the number of bytes the attributes count toward the message size:
/// names, data types and values.
size_t MessageAttributesSize(const MessageAttributes& attributes);

}  // namespace stratus::sqs
