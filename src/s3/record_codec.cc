#include "s3/record_codec.h"

#include <cstdint>
#include <utility>

#include "storage/record_codec.h"

namespace stratus::s3 {
namespace {

constexpr uint8_t kAttributesFormat = 1;
constexpr uint8_t kStorageFormat = 1;

void PutPairs(const Pairs& pairs, storage::RecordWriter& out) {
  out.Varint(pairs.size());
  for (const auto& [name, value] : pairs) {
    out.String(name);
    out.String(value);
  }
}

// S3's composite fields over the shared record primitives.
class Reader : public storage::RecordReader {
 public:
  explicit Reader(std::string_view bytes) : RecordReader(bytes, "s3") {}

  Result<Pairs> ReadPairs() {
    STRATUS_ASSIGN_OR_RETURN(uint64_t count, Count());
    Pairs pairs;
    pairs.reserve(count);
    for (uint64_t i = 0; i < count; ++i) {
      STRATUS_ASSIGN_OR_RETURN(std::string name, String());
      STRATUS_ASSIGN_OR_RETURN(std::string value, String());
      pairs.emplace_back(std::move(name), std::move(value));
    }
    return pairs;
  }
};

}  // namespace

std::string EncodeAttributes(const ObjectAttributes& attributes) {
  storage::RecordWriter out(kAttributesFormat);
  out.Varint(attributes.system.size());
  for (const auto& [name, value] : attributes.system) {
    out.String(name);
    out.String(value);
  }
  PutPairs(attributes.user_metadata, out);
  PutPairs(attributes.tags, out);
  out.String(attributes.checksum_algorithm);
  out.String(attributes.checksum_value);
  out.String(attributes.checksum_type);
  return out.Take();
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
  storage::RecordWriter out(kStorageFormat);
  out.Bool(version.stored_inline);  // Read back as a varint: the same byte.
  out.Varint(version.segments.size());
  for (const BlobSegment& segment : version.segments) {
    out.String(segment.blob_id);
    out.Varint(segment.size);
  }
  out.Varint(version.parts.size());
  for (const ObjectPart& part : version.parts) {
    out.Varint(static_cast<uint64_t>(part.part_number));
    out.Varint(part.size);
    out.String(part.checksum_value);
  }
  return out.Take();
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
  storage::RecordWriter out(kAttributesFormat);
  PutPairs(pairs, out);
  return out.Take();
}

Result<Pairs> DecodePairs(std::string_view bytes) {
  Reader reader(bytes);
  STRATUS_RETURN_IF_ERROR(reader.Format(kAttributesFormat));
  STRATUS_ASSIGN_OR_RETURN(Pairs pairs, reader.ReadPairs());
  STRATUS_RETURN_IF_ERROR(reader.End());
  return pairs;
}

}  // namespace stratus::s3
