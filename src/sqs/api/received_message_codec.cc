#include "sqs/api/received_message_codec.h"

#include <array>

#include "base/digest.h"
#include "sqs/api/errors.h"
#include "sqs/api/outgoing_message_codec.h"
#include "sqs/api/queue_url.h"
#include "sqs/api/request_fields.h"

namespace stratus::sqs {
namespace {

constexpr std::array<std::string_view, 9> kSystemNames = {"SenderId",
                                                          "SentTimestamp",
                                                          "ApproximateReceiveCount",
                                                          "ApproximateFirstReceiveTimestamp",
                                                          "SequenceNumber",
                                                          "MessageDeduplicationId",
                                                          "MessageGroupId",
                                                          "AWSTraceHeader",
                                                          "DeadLetterQueueSourceArn"};

bool Selected(const AttributeSelection& selection, const std::string& name) {
  if (selection.all_message_attributes) {
    return true;
  }
  for (const std::string& exact : selection.message_attribute_names) {
    if (exact == name) {
      return true;
    }
  }
  for (const std::string& prefix : selection.message_attribute_prefixes) {
    if (name.starts_with(prefix)) {
      return true;
    }
  }
  return false;
}

}  // namespace

Result<AttributeSelection> ParseAttributeSelection(const Json& input) {
  AttributeSelection selection;
  STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> names, StringList(input, "AttributeNames"));
  STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> system_names,
                           StringList(input, "MessageSystemAttributeNames"));
  names.insert(names.end(), system_names.begin(), system_names.end());
  for (const std::string& name : names) {
    if (name == "All") {
      selection.system_names.insert(kSystemNames.begin(), kSystemNames.end());
    } else if (std::find(kSystemNames.begin(), kSystemNames.end(), name) != kSystemNames.end()) {
      selection.system_names.insert(name);
    } else {
      return SqsError::InvalidAttributeName(name);
    }
  }
  STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> attribute_names,
                           StringList(input, "MessageAttributeNames"));
  // AWS: "All", ".*" and "*" select every message attribute; "prefix.*" the
  // ones whose names start with the text before ".*", so "Hel.*" selects
  // "Hello" and "Help.Me" (recorded by LocalStack against AWS:
  // test_sqs.py::test_receive_message_message_attribute_names_filters).
  // Pinned by test/wire/test_sqs_messages.py::test_receive_prefix_selects_names_starting_with_it.
  for (std::string& name : attribute_names) {
    if (name == "All" || name == ".*" || name == "*") {
      selection.all_message_attributes = true;
    } else if (name.ends_with(".*")) {
      name.resize(name.size() - 2);
      selection.message_attribute_prefixes.push_back(std::move(name));
    } else {
      selection.message_attribute_names.push_back(std::move(name));
    }
  }
  return selection;
}

Json RenderReceivedMessage(const ReceivedMessage& received,
                           const AttributeSelection& selection,
                           bool fifo) {
  const StoredMessage& message = received.message;
  Json out = {{"MessageId", message.id},
              {"ReceiptHandle", received.receipt_handle.value},
              {"MD5OfBody", Md5Hex(message.body)},
              {"Body", message.body}};
  Json system = Json::object();
  auto put = [&](std::string_view name, std::string value) {
    if (selection.system_names.contains(std::string(name))) {
      system[std::string(name)] = std::move(value);
    }
  };
  put("SenderId", message.sender_id);
  put("SentTimestamp", std::to_string(message.sent_millis));
  put("ApproximateReceiveCount", std::to_string(message.receive_count));
  put("ApproximateFirstReceiveTimestamp", std::to_string(message.first_receive_millis));
  if (fifo) {
    put("SequenceNumber", SequenceNumberText(message.seq));
    put("MessageDeduplicationId", message.deduplication_id);
  }
  if (!message.group_id.empty()) {
    put("MessageGroupId", message.group_id);
  }
  if (!message.trace_header.empty()) {
    put("AWSTraceHeader", message.trace_header);
  }
  if (message.dead_letter_source.has_value()) {
    put("DeadLetterQueueSourceArn", QueueArnFor(*message.dead_letter_source));
  }
  if (!system.empty()) {
    out["Attributes"] = std::move(system);
  }
  MessageAttributes returned;
  for (const auto& [name, attribute] : message.attributes) {
    if (Selected(selection, name)) {
      returned.emplace(name, attribute);
    }
  }
  if (!returned.empty()) {
    Json attributes = Json::object();
    for (const auto& [name, attribute] : returned) {
      Json value = {{"DataType", attribute.data_type}};
      if (attribute.IsBinary()) {
        value["BinaryValue"] = Base64Encode(attribute.value);
      } else {
        value["StringValue"] = attribute.value;
      }
      attributes[name] = std::move(value);
    }
    out["MessageAttributes"] = std::move(attributes);
    out["MD5OfMessageAttributes"] = Md5OfMessageAttributes(returned);
  }
  return out;
}

}  // namespace stratus::sqs
