// Fuzzes the Avro object container reader (formats::avro) and the Iceberg
// manifest readers on top of it: the input is the file. It is read as a
// generic container, then as a manifest list, then as a manifest of a
// one-column table partitioned by identity.
//
// Properties: nothing crashes; errors are only Corruption, NotImplemented or
// InvalidArgument (a schema avro-c rejects); a file that reads re-encodes
// under its own schema and reads back to as many records.

#include <cstddef>
#include <cstdint>
#include <string>

#include "base/check.h"
#include "formats/avro/object_container.h"
#include "formats/iceberg/manifest.h"

namespace stratus::formats {
namespace {

void CheckError(const Status& status) {
  const StatusCode code = status.code();
  STRATUS_CHECK(code == StatusCode::kCorruption || code == StatusCode::kNotImplemented ||
                    code == StatusCode::kInvalidArgument || code == StatusCode::kResourceExhausted,
                "unexpected error {}", status.ToString());
}

void ReadGeneric(std::string_view bytes) {
  avro::AvroReadOptions options;
  options.max_block_bytes = size_t{1} << 22;
  options.max_records = size_t{1} << 16;
  Result<avro::AvroFile> file = avro::ReadAvroFile(bytes, options);
  if (!file.ok()) {
    CheckError(file.status());
    return;
  }
  Result<std::string> again = avro::WriteAvroFile(file->schema_json, file->records);
  if (!again.ok()) {
    CheckError(again.status());
    return;
  }
  Result<avro::AvroFile> back = avro::ReadAvroFile(*again);
  STRATUS_CHECK(back.ok(), "re-encoded file does not read: {}", back.status().ToString());
  STRATUS_CHECK_EQ(back->records.size(), file->records.size());
}

void ReadIceberg(std::string_view bytes) {
  Result<std::vector<iceberg::ManifestFile>> list = iceberg::ReadManifestList(bytes);
  if (!list.ok()) {
    CheckError(list.status());
  }
  iceberg::Schema schema;
  schema.fields.push_back(iceberg::NestedField{
      .id = 1, .name = "id", .type = iceberg::Type::Primitive(iceberg::TypeId::kLong)});
  iceberg::PartitionSpec spec;
  spec.fields.push_back(iceberg::PartitionField{.source_id = 1, .field_id = 1000, .name = "id"});
  Result<std::vector<iceberg::ManifestEntry>> entries =
      iceberg::ReadManifest(bytes, iceberg::ManifestFile{}, spec, schema);
  if (!entries.ok()) {
    CheckError(entries.status());
  }
}

}  // namespace
}  // namespace stratus::formats

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  stratus::formats::ReadGeneric(bytes);
  stratus::formats::ReadIceberg(bytes);
  return 0;
}
