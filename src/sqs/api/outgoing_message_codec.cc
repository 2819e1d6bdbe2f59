#include "sqs/api/outgoing_message_codec.h"

#include <cctype>

#include "base/digest.h"
#include "base/format.h"
#include "sqs/api/errors.h"
#include "sqs/api/request_fields.h"

namespace stratus::sqs {
namespace {

// AWS: at most 10 message attributes; names and types up to 256 characters.
constexpr size_t kMaxAttributes = 10;
constexpr size_t kMaxAttributeNameLength = 256;
// AWS: group and deduplication ids are up to 128 characters.
constexpr size_t kMaxFifoIdLength = 128;
constexpr int64_t kMaxDelaySeconds = 900;

bool IsAttributeNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '.';
}

Status ValidateAttributeName(const std::string& name) {
  const auto invalid = [&](std::string_view reason) {
    return SqsError::InvalidParameterValue(
        Format("Message (user) attribute '{}' is invalid. Reason: {}", name, reason));
  };
  if (name.empty() || name.size() > kMaxAttributeNameLength) {
    return invalid("The message attribute name must be 1 to 256 characters long.");
  }
  for (char c : name) {
    if (!IsAttributeNameChar(c)) {
      return invalid(
          "The message attribute name can only contain alphanumeric characters, "
          "hyphens, underscores and periods.");
    }
  }
  std::string lower;
  for (char c : name) {
    lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (lower.starts_with("aws.") || lower.starts_with("amazon.")) {
    return invalid("The message attribute name must not start with AWS-reserved prefixes.");
  }
  if (name.front() == '.' || name.back() == '.' || name.find("..") != std::string::npos) {
    return invalid(
        "The message attribute name must not start or end with a period or "
        "contain consecutive periods.");
  }
  return Status::Ok();
}

bool IsNumber(std::string_view text) {
  size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    ++i;
  }
  size_t digits = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0) {
    ++i;
    ++digits;
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0) {
      ++i;
      ++digits;
    }
  }
  if (digits == 0) {
    return false;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
      ++i;
    }
    size_t exponent_digits = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0) {
      ++i;
      ++exponent_digits;
    }
    if (exponent_digits == 0) {
      return false;
    }
  }
  return i == text.size();
}

Result<MessageAttributeValue> ParseAttributeValue(const std::string& name, const Json& value) {
  if (!value.is_object()) {
    return SqsError::InvalidParameterValue(
        Format("The message attribute '{}' must be a map.", name));
  }
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> data_type, OptionalString(value, "DataType"));
  if (!data_type.has_value() || data_type->empty()) {
    return SqsError::InvalidParameterValue(
        Format("The message attribute '{}' must contain non-empty message attribute type.", name));
  }
  const std::string base = data_type->substr(0, data_type->find('.'));
  if ((base != "String" && base != "Number" && base != "Binary") ||
      data_type->size() > kMaxAttributeNameLength) {
    return SqsError::InvalidParameterValue(
        Format("The message attribute '{}' has an invalid message attribute type, the set of "
               "supported type prefixes is Binary, Number, and String.",
               name));
  }
  MessageAttributeValue attribute{.data_type = *data_type, .value = {}};
  const auto empty_value = [&] {
    return SqsError::InvalidParameterValue(
        Format("The message attribute '{}' must contain non-empty message attribute value for "
               "message attribute type '{}'.",
               name, *data_type));
  };
  if (base == "Binary") {
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> encoded,
                             OptionalString(value, "BinaryValue"));
    if (!encoded.has_value() || encoded->empty()) {
      return empty_value();
    }
    if (!Base64Decode(*encoded, &attribute.value)) {
      return SqsError::InvalidParameterValue(
          Format("The message attribute '{}' has an invalid base64 binary value.", name));
    }
    if (attribute.value.empty()) {
      return empty_value();
    }
    return attribute;
  }
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> text, OptionalString(value, "StringValue"));
  if (!text.has_value() || text->empty()) {
    return empty_value();
  }
  if (base == "Number" && !IsNumber(*text)) {
    return SqsError::InvalidParameterValue(
        Format("Value {} for parameter MessageAttributes.{} is invalid. Reason: Can't parse "
               "value to Number.",
               *text, name));
  }
  STRATUS_RETURN_IF_ERROR(ValidateMessageCharacters(*text));
  attribute.value = std::move(*text);
  return attribute;
}

Result<MessageAttributes> ParseAttributes(const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(Json map, ObjectMember(input, "MessageAttributes"));
  if (map.size() > kMaxAttributes) {
    return SqsError::InvalidParameterValue(
        Format("Number of message attributes [{}] exceeds the allowed maximum [10].", map.size()));
  }
  MessageAttributes attributes;
  for (const auto& [name, value] : map.items()) {
    STRATUS_RETURN_IF_ERROR(ValidateAttributeName(name));
    STRATUS_ASSIGN_OR_RETURN(MessageAttributeValue attribute, ParseAttributeValue(name, value));
    attributes.emplace(name, std::move(attribute));
  }
  return attributes;
}

Result<std::string> ParseTraceHeader(const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(Json map, ObjectMember(input, "MessageSystemAttributes"));
  std::string trace_header;
  for (const auto& [name, value] : map.items()) {
    if (name != "AWSTraceHeader") {
      return SqsError::InvalidParameterValue(
          Format("Message system attribute name '{}' is invalid.", name));
    }
    STRATUS_ASSIGN_OR_RETURN(MessageAttributeValue attribute, ParseAttributeValue(name, value));
    if (attribute.data_type != "String") {
      return SqsError::InvalidParameterValue(
          "The message system attribute 'AWSTraceHeader' must have data type String.");
    }
    trace_header = std::move(attribute.value);
  }
  return trace_header;
}

Status ValidateFifoId(std::string_view parameter, const std::string& value) {
  bool ok = !value.empty() && value.size() <= kMaxFifoIdLength;
  for (char c : value) {
    ok = ok && (std::isalnum(static_cast<unsigned char>(c)) != 0 ||
                std::ispunct(static_cast<unsigned char>(c)) != 0);
  }
  if (!ok) {
    return SqsError::InvalidParameterValue(
        Format("Value {} for parameter {} is invalid. Reason: {} can only include alphanumeric "
               "and punctuation characters. 1 to 128 in length.",
               value, parameter, parameter));
  }
  return Status::Ok();
}

Status ApplyQueueType(const Json& input, const QueueConfig& config, OutgoingMessage* message) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> group,
                           OptionalString(input, "MessageGroupId"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> deduplication,
                           OptionalString(input, "MessageDeduplicationId"));
  if (group.has_value()) {
    STRATUS_RETURN_IF_ERROR(ValidateFifoId("MessageGroupId", *group));
    message->group_id = std::move(*group);
  }
  if (!config.fifo) {
    if (deduplication.has_value()) {
      return SqsError::InvalidParameterValue(
          "The request include parameter that is not valid for this queue type");
    }
    return Status::Ok();
  }
  // AWS: a FIFO queue refuses a per-message delay but accepts DelaySeconds=0,
  // and the queue's own DelaySeconds still applies then. Pinned by
  // test/wire/test_sqs_fifo.py::test_zero_delay_seconds_is_accepted_and_the_queue_delay_applies.
  if (message->delay.has_value() && message->delay->count() != 0) {
    return SqsError::InvalidParameterValue(
        Format("Value {} for parameter DelaySeconds is invalid. Reason: The request include "
               "parameter that is not valid for this queue type.",
               message->delay->count()));
  }
  message->delay.reset();
  if (message->group_id.empty()) {
    return SqsError::MissingParameter("MessageGroupId");
  }
  if (deduplication.has_value()) {
    STRATUS_RETURN_IF_ERROR(ValidateFifoId("MessageDeduplicationId", *deduplication));
    message->deduplication_id = std::move(*deduplication);
  } else if (!config.content_based_deduplication) {
    return SqsError::InvalidParameterValue(
        "The queue should either have ContentBasedDeduplication enabled or "
        "MessageDeduplicationId provided explicitly");
  }
  return Status::Ok();
}

}  // namespace

Status ValidateMessageCharacters(std::string_view text) {
  const auto invalid = [] {
    return SqsError::InvalidMessageContents(
        "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to "
        "#xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF");
  };
  size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    uint32_t code_point = 0;
    size_t length = 0;
    if (lead < 0x80) {
      code_point = lead;
      length = 1;
    } else if ((lead & 0xe0) == 0xc0) {
      code_point = lead & 0x1f;
      length = 2;
    } else if ((lead & 0xf0) == 0xe0) {
      code_point = lead & 0x0f;
      length = 3;
    } else if ((lead & 0xf8) == 0xf0) {
      code_point = lead & 0x07;
      length = 4;
    } else {
      return invalid();
    }
    if (i + length > text.size()) {
      return invalid();
    }
    for (size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xc0) != 0x80) {
        return invalid();
      }
      code_point = (code_point << 6) | (next & 0x3f);
    }
    const bool overlong = (length == 2 && code_point < 0x80) ||
                          (length == 3 && code_point < 0x800) ||
                          (length == 4 && code_point < 0x10000);
    const bool allowed = code_point == 0x9 || code_point == 0xa || code_point == 0xd ||
                         (code_point >= 0x20 && code_point <= 0xd7ff) ||
                         (code_point >= 0xe000 && code_point <= 0xfffd) ||
                         (code_point >= 0x10000 && code_point <= 0x10ffff);
    if (overlong || !allowed) {
      return invalid();
    }
    i += length;
  }
  return Status::Ok();
}

Result<ParsedMessage> ParseOutgoingMessage(const aws::RequestContext& context,
                                           const Json& input,
                                           const QueueConfig& config) {
  ParsedMessage parsed;
  OutgoingMessage& message = parsed.message;
  STRATUS_ASSIGN_OR_RETURN(message.body, RequiredString(input, "MessageBody"));
  if (message.body.empty()) {
    return SqsError::MissingParameter("MessageBody");
  }
  STRATUS_RETURN_IF_ERROR(ValidateMessageCharacters(message.body));
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> delay, OptionalInt(input, "DelaySeconds"));
  if (delay.has_value()) {
    STRATUS_RETURN_IF_ERROR(CheckRange("DelaySeconds", *delay, 0, kMaxDelaySeconds,
                                       "DelaySeconds must be >= 0 and <= 900"));
    message.delay = std::chrono::seconds(*delay);
  }
  STRATUS_ASSIGN_OR_RETURN(message.attributes, ParseAttributes(input));
  STRATUS_ASSIGN_OR_RETURN(message.trace_header, ParseTraceHeader(input));
  STRATUS_RETURN_IF_ERROR(ApplyQueueType(input, config, &message));
  parsed.num_bytes = message.body.size() + MessageAttributesSize(message.attributes);
  if (static_cast<int64_t>(parsed.num_bytes) > config.maximum_message_bytes) {
    return SqsError::InvalidParameterValue(
        Format("One or more parameters are invalid. Reason: Message must be shorter than {} "
               "bytes.",
               config.maximum_message_bytes));
  }
  message.sender_id = context.account_id;
  parsed.md5_of_body = Md5Hex(message.body);
  parsed.md5_of_attributes = Md5OfMessageAttributes(message.attributes);
  if (!message.trace_header.empty()) {
    parsed.md5_of_system_attributes = Md5OfMessageAttributes(
        {{"AWSTraceHeader", {.data_type = "String", .value = message.trace_header}}});
  }
  return parsed;
}

Json RenderSentMessage(const ParsedMessage& parsed, const SentMessage& sent, bool fifo) {
  Json out = {{"MessageId", sent.message_id}, {"MD5OfMessageBody", parsed.md5_of_body}};
  if (!parsed.md5_of_attributes.empty()) {
    out["MD5OfMessageAttributes"] = parsed.md5_of_attributes;
  }
  if (!parsed.md5_of_system_attributes.empty()) {
    out["MD5OfMessageSystemAttributes"] = parsed.md5_of_system_attributes;
  }
  if (fifo) {
    out["SequenceNumber"] = SequenceNumberText(sent.seq);
  }
  return out;
}

std::string SequenceNumberText(uint64_t seq) {
  return Format("{:020}", seq);
}

}  // namespace stratus::sqs
