#include "storage/record_codec.h"

#include <utility>

#include "base/format.h"

namespace stratus::storage {

void RecordWriter::Varint(uint64_t value) {
  while (value >= 0x80) {
    out_.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out_.push_back(static_cast<char>(value));
}

void RecordWriter::Int(int64_t value) {
  Varint((static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63));
}

void RecordWriter::Bool(bool value) {
  out_.push_back(value ? '\1' : '\0');
}

void RecordWriter::String(std::string_view text) {
  Varint(text.size());
  out_.append(text);
}

void RecordWriter::Strings(const std::vector<std::string>& texts) {
  Varint(texts.size());
  for (const std::string& text : texts) {
    String(text);
  }
}

Status RecordReader::Format(uint8_t expected) {
  if (position_ >= bytes_.size() || static_cast<uint8_t>(bytes_[position_]) != expected) {
    return Status::Corruption(stratus::Format("{} record has an unknown format version", what_));
  }
  ++position_;
  return Status::Ok();
}

Result<uint64_t> RecordReader::Varint() {
  uint64_t value = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (position_ >= bytes_.size()) {
      return Malformed();
    }
    const auto byte = static_cast<uint8_t>(bytes_[position_++]);
    value |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      return value;
    }
  }
  return Malformed();
}

Result<int64_t> RecordReader::Int() {
  STRATUS_ASSIGN_OR_RETURN(uint64_t raw, Varint());
  return static_cast<int64_t>((raw >> 1) ^ (~(raw & 1) + 1));
}

Result<bool> RecordReader::Bool() {
  if (position_ >= bytes_.size()) {
    return Malformed();
  }
  const char byte = bytes_[position_++];
  if (byte != '\0' && byte != '\1') {
    return Malformed();
  }
  return byte == '\1';
}

Result<std::string> RecordReader::String() {
  STRATUS_ASSIGN_OR_RETURN(uint64_t length, Varint());
  if (length > bytes_.size() - position_) {
    return Malformed();
  }
  std::string text(bytes_.substr(position_, length));
  position_ += length;
  return text;
}

Result<std::vector<std::string>> RecordReader::Strings() {
  STRATUS_ASSIGN_OR_RETURN(uint64_t count, Count());
  std::vector<std::string> texts;
  texts.reserve(count);
  for (uint64_t i = 0; i < count; ++i) {
    STRATUS_ASSIGN_OR_RETURN(std::string text, String());
    texts.push_back(std::move(text));
  }
  return texts;
}

Result<uint64_t> RecordReader::Count() {
  STRATUS_ASSIGN_OR_RETURN(uint64_t count, Varint());
  if (count > bytes_.size() - position_) {
    return Malformed();
  }
  return count;
}

Status RecordReader::End() const {
  return position_ == bytes_.size() ? Status::Ok() : Malformed();
}

Status RecordReader::Malformed() const {
  return Status::Corruption(stratus::Format("{} record is malformed", what_));
}

}  // namespace stratus::storage
