#include "sqs/message_attributes.h"

#include <cstdint>

#include "base/digest.h"

namespace stratus::sqs {
namespace {

constexpr char kStringTransport = 1;
constexpr char kBinaryTransport = 2;

void AppendLengthPrefixed(std::string_view value, std::string* out) {
  const auto length = static_cast<uint32_t>(value.size());
  out->push_back(static_cast<char>((length >> 24) & 0xff));
  out->push_back(static_cast<char>((length >> 16) & 0xff));
  out->push_back(static_cast<char>((length >> 8) & 0xff));
  out->push_back(static_cast<char>(length & 0xff));
  out->append(value);
}

// Reads one length-prefixed field at *offset; false when the input is short.
bool ReadLengthPrefixed(std::string_view bytes, size_t* offset, std::string* out) {
  if (bytes.size() - *offset < 4) {
    return false;
  }
  uint32_t length = 0;
  for (int i = 0; i < 4; ++i) {
    length = (length << 8) | static_cast<uint8_t>(bytes[*offset + i]);
  }
  *offset += 4;
  if (bytes.size() - *offset < length) {
    return false;
  }
  out->assign(bytes.substr(*offset, length));
  *offset += length;
  return true;
}

}  // namespace

bool MessageAttributeValue::IsBinary() const {
  return std::string_view(data_type).starts_with("Binary");
}

std::string EncodeMessageAttributes(const MessageAttributes& attributes) {
  std::string out;
  for (const auto& [name, attribute] : attributes) {
    AppendLengthPrefixed(name, &out);
    AppendLengthPrefixed(attribute.data_type, &out);
    out.push_back(attribute.IsBinary() ? kBinaryTransport : kStringTransport);
    AppendLengthPrefixed(attribute.value, &out);
  }
  return out;
}

Result<MessageAttributes> DecodeMessageAttributes(std::string_view bytes) {
  MessageAttributes attributes;
  size_t offset = 0;
  while (offset < bytes.size()) {
    std::string name;
    MessageAttributeValue attribute;
    if (!ReadLengthPrefixed(bytes, &offset, &name) ||
        !ReadLengthPrefixed(bytes, &offset, &attribute.data_type) || offset >= bytes.size()) {
      return Status::Corruption("truncated message attributes");
    }
    const char transport = bytes[offset++];
    if (transport != kStringTransport && transport != kBinaryTransport) {
      return Status::Corruption("bad message attribute transport byte");
    }
    if (!ReadLengthPrefixed(bytes, &offset, &attribute.value)) {
      return Status::Corruption("truncated message attribute value");
    }
    attributes.emplace(std::move(name), std::move(attribute));
  }
  return attributes;
}

std::string Md5OfMessageAttributes(const MessageAttributes& attributes) {
  if (attributes.empty()) {
    return {};
  }
  return Md5Hex(EncodeMessageAttributes(attributes));
}

size_t MessageAttributesSize(const MessageAttributes& attributes) {
  size_t size = 0;
  for (const auto& [name, attribute] : attributes) {
    size += name.size() + attribute.data_type.size() + attribute.value.size();
  }
  return size;
}

}  // namespace stratus::sqs
