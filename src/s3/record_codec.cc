#include "s3/record_codec.h"

#include <cstdint>

namespace stratus::s3 {
namespace {

constexpr uint8_t kAttributesFormat = 1;
constexpr uint8_t kStorageFormat = 1;

void PutVarint(uint64_t value, std::string& out) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

void PutString(std::string_view text, std::string& out) {
  PutVarint(text.size(), out);
  out.append(text);
}

void PutPairs(const Pairs& pairs, std::string& out) {
  PutVarint(pairs.size(), out);
  for (const auto& [name, value] : pairs) {
    PutString(name, out);
    PutString(value, out);
  }
}

// Reads what the Put* functions wrote; every read checks its bounds.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}

  Result<uint64_t> Varint() {
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

  Result<std::string> String() {
    STRATUS_ASSIGN_OR_RETURN(uint64_t length, Varint());
    if (length > bytes_.size() - position_) {
      return Malformed();
    }
    std::string text(bytes_.substr(position_, length));
    position_ += length;
    return text;
  }

  Result<Pairs> ReadPairs() {
    STRATUS_ASSIGN_OR_RETURN(uint64_t count, Varint());
    if (count > bytes_.size()) {
      return Malformed();
    }
    Pairs pairs;
    pairs.reserve(count);
    for (uint64_t i = 0; i < count; ++i) {
      STRATUS_ASSIGN_OR_RETURN(std::string name, String());
      STRATUS_ASSIGN_OR_RETURN(std::string value, String());
      pairs.emplace_back(std::move(name), std::move(value));
    }
    return pairs;
  }

  Status Format(uint8_t expected) {
    if (position_ >= bytes_.size() || static_cast<uint8_t>(bytes_[position_]) != expected) {
      return Status::Corruption("s3 record has an unknown format version");
    }
    ++position_;
    return Status::Ok();
  }

  Status End() const { return position_ == bytes_.size() ? Status::Ok() : Malformed(); }

 private:
  static Status Malformed() { return Status::Corruption("s3 record is malformed"); }

  std::string_view bytes_;
  size_t position_ = 0;
};

}  // namespace

std::string EncodeAttributes(const ObjectAttributes& attributes) {
  std::string out;
  out.push_back(static_cast<char>(kAttributesFormat));
  PutVarint(attributes.system.size(), out);
  for (const auto& [name, value] : attributes.system) {
    PutString(name, out);
    PutString(value, out);
  }
  PutPairs(attributes.user_metadata, out);
  PutPairs(attributes.tags, out);
  PutString(attributes.checksum_algorithm, out);
  PutString(attributes.checksum_value, out);
  PutString(attributes.checksum_type, out);
  return out;
}

Result<ObjectAttributes> DecodeAttributes(std::string_view bytes) {
  Reader reader(bytes);
  STRATUS_RETURN_IF_ERROR(reader.Format(kAttributesFormat));
  ObjectAttributes attributes;
  STRATUS_ASSIGN_OR_RETURN(Pairs system, reader.ReadPairs());
  for (auto& [name, value] : system) {
    attributes.system.emplace(std::move(name), std::move(value));
  }
  STRATUS_ASSIGN_OR_RETURN(attributes.user_metadata, reader.ReadPairs());
  STRATUS_ASSIGN_OR_RETURN(attributes.tags, reader.ReadPairs());
  STRATUS_ASSIGN_OR_RETURN(attributes.checksum_algorithm, reader.String());
  STRATUS_ASSIGN_OR_RETURN(attributes.checksum_value, reader.String());
  STRATUS_ASSIGN_OR_RETURN(attributes.checksum_type, reader.String());
  STRATUS_RETURN_IF_ERROR(reader.End());
  return attributes;
}

std::string EncodeStorage(const ObjectVersion& version) {
  std::string out;
  out.push_back(static_cast<char>(kStorageFormat));
  out.push_back(version.stored_inline ? '\1' : '\0');
  PutVarint(version.segments.size(), out);
  for (const BlobSegment& segment : version.segments) {
    PutString(segment.blob_id, out);
    PutVarint(segment.size, out);
  }
  PutVarint(version.parts.size(), out);
  for (const ObjectPart& part : version.parts) {
    PutVarint(static_cast<uint64_t>(part.part_number), out);
    PutVarint(part.size, out);
    PutString(part.checksum_value, out);
  }
  return out;
}

Status DecodeStorage(std::string_view bytes, ObjectVersion* version) {
  Reader reader(bytes);
  STRATUS_RETURN_IF_ERROR(reader.Format(kStorageFormat));
  STRATUS_ASSIGN_OR_RETURN(uint64_t stored_inline, reader.Varint());
  version->stored_inline = stored_inline != 0;
  STRATUS_ASSIGN_OR_RETURN(uint64_t num_segments, reader.Varint());
  if (num_segments > bytes.size()) {
    return Status::Corruption("s3 record is malformed");
  }
  version->segments.clear();
  for (uint64_t i = 0; i < num_segments; ++i) {
    BlobSegment segment;
    STRATUS_ASSIGN_OR_RETURN(segment.blob_id, reader.String());
    STRATUS_ASSIGN_OR_RETURN(segment.size, reader.Varint());
    version->segments.push_back(std::move(segment));
  }
  STRATUS_ASSIGN_OR_RETURN(uint64_t num_parts, reader.Varint());
  if (num_parts > bytes.size()) {
    return Status::Corruption("s3 record is malformed");
  }
  version->parts.clear();
  for (uint64_t i = 0; i < num_parts; ++i) {
    ObjectPart part;
    STRATUS_ASSIGN_OR_RETURN(uint64_t number, reader.Varint());
    part.part_number = static_cast<int>(number);
    STRATUS_ASSIGN_OR_RETURN(part.size, reader.Varint());
    STRATUS_ASSIGN_OR_RETURN(part.checksum_value, reader.String());
    version->parts.push_back(std::move(part));
  }
  return reader.End();
}

std::string EncodePairs(const Pairs& pairs) {
  std::string out;
  out.push_back(static_cast<char>(kAttributesFormat));
  PutPairs(pairs, out);
  return out;
}

Result<Pairs> DecodePairs(std::string_view bytes) {
  Reader reader(bytes);
  STRATUS_RETURN_IF_ERROR(reader.Format(kAttributesFormat));
  STRATUS_ASSIGN_OR_RETURN(Pairs pairs, reader.ReadPairs());
  STRATUS_RETURN_IF_ERROR(reader.End());
  return pairs;
}

}  // namespace stratus::s3
