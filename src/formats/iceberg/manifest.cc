#include "formats/iceberg/manifest.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

#include "base/format.h"
#include "formats/avro/object_container.h"
#include "formats/iceberg/json_internal.h"
#include "formats/iceberg/manifest_avro_internal.h"
#include "formats/iceberg/schema_json_internal.h"
#include "formats/iceberg/single_value.h"
#include "formats/iceberg/value_order_internal.h"

namespace stratus::formats::iceberg {
namespace {

using avro::AvroKind;
using avro::AvroValue;

OrderedJson Field(std::string_view name,
                  OrderedJson type,
                  int32_t field_id,
                  std::string_view doc = {},
                  bool optional = false) {
  OrderedJson out = OrderedJson::object();
  out["name"] = name;
  if (optional) {
    out["type"] = OrderedJson::array({"null", std::move(type)});
  } else {
    out["type"] = std::move(type);
  }
  if (!doc.empty()) {
    out["doc"] = doc;
  }
  if (optional) {
    out["default"] = nullptr;
  }
  out["field-id"] = field_id;
  return out;
}

// Iceberg maps with non-string keys are Avro arrays of key/value records.
OrderedJson MapOf(std::string_view value_type, int32_t key_id, int32_t value_id) {
  OrderedJson record = OrderedJson::object();
  record["type"] = "record";
  record["name"] = fmt::format("k{}_v{}", key_id, value_id);
  record["fields"] = OrderedJson::array(
      {Field("key", "int", key_id), Field("value", std::string(value_type), value_id)});
  OrderedJson out = OrderedJson::object();
  out["type"] = "array";
  out["items"] = std::move(record);
  out["logicalType"] = "map";
  return out;
}

OrderedJson ListOf(std::string_view item_type, int32_t element_id) {
  OrderedJson out = OrderedJson::object();
  out["type"] = "array";
  out["items"] = item_type;
  out["element-id"] = element_id;
  return out;
}

OrderedJson DataFileAvroSchema(const std::vector<NestedField>& partition_type) {
  OrderedJson partition = OrderedJson::object();
  partition["type"] = "record";
  partition["name"] = "r102";
  partition["fields"] = OrderedJson::array();
  // A named Avro type (fixed) is defined once; later uses refer to its name.
  std::set<std::string> named;
  for (const NestedField& field : partition_type) {
    OrderedJson type = AvroTypeOf(field.type);
    if (type.is_object() && type.contains("name")) {
      const std::string name = type["name"].get<std::string>();
      if (!named.insert(name).second) {
        type = name;
      }
    }
    partition["fields"].push_back(Field(field.name, std::move(type), field.id, {}, true));
  }
  OrderedJson fields = OrderedJson::array({
      Field("content", "int", 134,
            "Contents of the file: 0=data, 1=position deletes, 2=equality deletes"),
      Field("file_path", "string", 100, "Location URI with FS scheme"),
      Field("file_format", "string", 101, "File format name: avro, orc, or parquet"),
      Field("partition", partition, 102,
            "Partition data tuple, schema based on the partition spec"),
      Field("record_count", "long", 103, "Number of records in the file"),
      Field("file_size_in_bytes", "long", 104, "Total file size in bytes"),
      Field("column_sizes", MapOf("long", 117, 118), 108, "Map of column id to total size on disk",
            true),
      Field("value_counts", MapOf("long", 119, 120), 109,
            "Map of column id to total count, including null and NaN", true),
      Field("null_value_counts", MapOf("long", 121, 122), 110,
            "Map of column id to null value count", true),
      Field("nan_value_counts", MapOf("long", 138, 139), 137,
            "Map of column id to number of NaN values in the column", true),
      Field("lower_bounds", MapOf("bytes", 126, 127), 125, "Map of column id to lower bound", true),
      Field("upper_bounds", MapOf("bytes", 129, 130), 128, "Map of column id to upper bound", true),
      Field("key_metadata", "bytes", 131, "Encryption key metadata blob", true),
      Field("split_offsets", ListOf("long", 133), 132, "Splittable offsets", true),
      Field("equality_ids", ListOf("int", 136), 135, "Equality comparison field IDs", true),
      Field("sort_order_id", "int", 140, "Sort order ID", true),
  });
  OrderedJson out = OrderedJson::object();
  out["type"] = "record";
  out["name"] = "r2";
  out["fields"] = std::move(fields);
  return out;
}

AvroValue CountMap(const std::map<int32_t, int64_t>& counts) {
  std::vector<AvroValue> items;
  for (const auto& [id, count] : counts) {
    AvroValue entry = AvroValue::Record();
    entry.Add("key", AvroValue::Int(id)).Add("value", AvroValue::Long(count));
    items.push_back(std::move(entry));
  }
  return AvroValue::Array(std::move(items));
}

AvroValue BoundMap(const std::map<int32_t, std::string>& bounds) {
  std::vector<AvroValue> items;
  for (const auto& [id, bytes] : bounds) {
    AvroValue entry = AvroValue::Record();
    entry.Add("key", AvroValue::Int(id)).Add("value", AvroValue::Bytes(bytes));
    items.push_back(std::move(entry));
  }
  return AvroValue::Array(std::move(items));
}

AvroValue OptionalLong(std::optional<int64_t> value) {
  return value.has_value() ? AvroValue::Long(*value) : AvroValue::Null();
}

Result<AvroValue> DataFileToAvro(const DataFile& file, const std::vector<NestedField>& partition) {
  if (file.partition.size() != partition.size()) {
    return Status::InvalidArgument(
        fmt::format("iceberg: data file {} has {} partition values, the spec {}", file.file_path,
                    file.partition.size(), partition.size()));
  }
  AvroValue tuple = AvroValue::Record();
  for (size_t i = 0; i < partition.size(); ++i) {
    STRATUS_ASSIGN_OR_RETURN(AvroValue datum, ToAvroDatum(file.partition[i], partition[i].type));
    tuple.Add(partition[i].name, std::move(datum));
  }
  AvroValue out = AvroValue::Record();
  out.Add("content", AvroValue::Int(static_cast<int32_t>(file.content)))
      .Add("file_path", AvroValue::String(file.file_path))
      .Add("file_format", AvroValue::String(file.file_format))
      .Add("partition", std::move(tuple))
      .Add("record_count", AvroValue::Long(file.record_count))
      .Add("file_size_in_bytes", AvroValue::Long(file.file_size_in_bytes))
      .Add("column_sizes", CountMap(file.column_sizes))
      .Add("value_counts", CountMap(file.value_counts))
      .Add("null_value_counts", CountMap(file.null_value_counts))
      .Add("nan_value_counts", CountMap(file.nan_value_counts))
      .Add("lower_bounds", BoundMap(file.lower_bounds))
      .Add("upper_bounds", BoundMap(file.upper_bounds))
      .Add("key_metadata", file.key_metadata.has_value() ? AvroValue::Bytes(*file.key_metadata)
                                                         : AvroValue::Null());
  if (file.split_offsets.empty()) {
    out.Add("split_offsets", AvroValue::Null());
  } else {
    std::vector<AvroValue> offsets;
    for (int64_t offset : file.split_offsets) {
      offsets.push_back(AvroValue::Long(offset));
    }
    out.Add("split_offsets", AvroValue::Array(std::move(offsets)));
  }
  if (file.equality_ids.empty()) {
    out.Add("equality_ids", AvroValue::Null());
  } else {
    std::vector<AvroValue> ids;
    for (int32_t id : file.equality_ids) {
      ids.push_back(AvroValue::Int(id));
    }
    out.Add("equality_ids", AvroValue::Array(std::move(ids)));
  }
  out.Add("sort_order_id",
          file.sort_order_id.has_value() ? AvroValue::Int(*file.sort_order_id) : AvroValue::Null());
  return out;
}

// Reads an Iceberg map (an array of key/value records, or a real Avro map).
template <typename T, typename Read>
void ReadIdMap(const AvroValue* value, std::map<int32_t, T>* out, Read read) {
  if (value == nullptr || value->is_null()) {
    return;
  }
  for (size_t i = 0; i < value->items.size(); ++i) {
    const AvroValue& item = value->items[i];
    if (value->kind == AvroKind::kMap) {
      (*out)[std::atoi(value->names[i].c_str())] = read(item);
      continue;
    }
    const AvroValue* key = item.Find("key");
    const AvroValue* val = item.Find("value");
    if (key != nullptr && val != nullptr && !val->is_null()) {
      (*out)[static_cast<int32_t>(key->number)] = read(*val);
    }
  }
}

int64_t LongOr(const AvroValue* value, int64_t fallback) {
  return value == nullptr || value->is_null() ? fallback : value->number;
}

Result<DataFile> DataFileFromAvro(const AvroValue& record,
                                  const std::vector<NestedField>& partition_type) {
  DataFile file;
  file.content = static_cast<FileContent>(LongOr(record.Find("content"), 0));
  const AvroValue* path = record.Find("file_path");
  if (path == nullptr || path->kind != AvroKind::kString) {
    return Status::Corruption("iceberg: manifest entry without file_path");
  }
  file.file_path = path->bytes;
  const AvroValue* format = record.Find("file_format");
  file.file_format = format == nullptr ? "PARQUET" : format->bytes;
  const AvroValue* partition = record.Find("partition");
  for (size_t i = 0; i < partition_type.size(); ++i) {
    const AvroValue* datum = nullptr;
    if (partition != nullptr) {
      datum = partition->Find(partition_type[i].name);
      if (datum == nullptr && i < partition->items.size()) {
        datum = &partition->items[i];
      }
    }
    static const AvroValue null_value;
    STRATUS_ASSIGN_OR_RETURN(sql::Value value, FromAvroDatum(datum == nullptr ? null_value : *datum,
                                                             partition_type[i].type));
    file.partition.push_back(std::move(value));
  }
  file.record_count = LongOr(record.Find("record_count"), 0);
  file.file_size_in_bytes = LongOr(record.Find("file_size_in_bytes"), 0);
  auto as_long = [](const AvroValue& v) {
    return v.number;
  };
  auto as_bytes = [](const AvroValue& v) {
    return v.bytes;
  };
  ReadIdMap(record.Find("column_sizes"), &file.column_sizes, as_long);
  ReadIdMap(record.Find("value_counts"), &file.value_counts, as_long);
  ReadIdMap(record.Find("null_value_counts"), &file.null_value_counts, as_long);
  ReadIdMap(record.Find("nan_value_counts"), &file.nan_value_counts, as_long);
  ReadIdMap(record.Find("lower_bounds"), &file.lower_bounds, as_bytes);
  ReadIdMap(record.Find("upper_bounds"), &file.upper_bounds, as_bytes);
  if (const AvroValue* key = record.Find("key_metadata"); key != nullptr && !key->is_null()) {
    file.key_metadata = key->bytes;
  }
  if (const AvroValue* offsets = record.Find("split_offsets"); offsets != nullptr) {
    for (const AvroValue& item : offsets->items) {
      file.split_offsets.push_back(item.number);
    }
  }
  if (const AvroValue* ids = record.Find("equality_ids"); ids != nullptr) {
    for (const AvroValue& item : ids->items) {
      file.equality_ids.push_back(static_cast<int32_t>(item.number));
    }
  }
  if (const AvroValue* order = record.Find("sort_order_id");
      order != nullptr && !order->is_null()) {
    file.sort_order_id = static_cast<int32_t>(order->number);
  }
  return file;
}

// Accumulates one partition field's summary.
struct SummaryBuilder {
  bool contains_null = false;
  bool contains_nan = false;
  std::optional<sql::Value> lower;
  std::optional<sql::Value> upper;

  void Add(const sql::Value& value) {
    if (value.is_null()) {
      contains_null = true;
      return;
    }
    const sql::PhysicalType physical = value.type().physical_type();
    if ((physical == sql::PhysicalType::kFloat || physical == sql::PhysicalType::kDouble) &&
        std::isnan(value.double_value())) {
      contains_nan = true;
      return;
    }
    if (!lower.has_value() || CompareValues(value, *lower) < 0) {
      lower = value;
    }
    if (!upper.has_value() || CompareValues(value, *upper) > 0) {
      upper = value;
    }
  }

  Result<PartitionFieldSummary> Build(const Type& type) const {
    PartitionFieldSummary out;
    out.contains_null = contains_null;
    out.contains_nan = contains_nan;
    if (lower.has_value()) {
      STRATUS_ASSIGN_OR_RETURN(out.lower_bound, SerializeSingleValue(*lower, type));
      STRATUS_ASSIGN_OR_RETURN(out.upper_bound, SerializeSingleValue(*upper, type));
    }
    return out;
  }
};

std::string ManifestListSchemaJson() {
  OrderedJson summary = OrderedJson::object();
  summary["type"] = "record";
  summary["name"] = "r508";
  summary["fields"] = OrderedJson::array({
      Field("contains_null", "boolean", 509, "True if any file has a null partition value"),
      Field("contains_nan", "boolean", 518, "True if any file has a nan partition value", true),
      Field("lower_bound", "bytes", 510, "Partition lower bound for all files", true),
      Field("upper_bound", "bytes", 511, "Partition upper bound for all files", true),
  });
  OrderedJson partitions = OrderedJson::object();
  partitions["type"] = "array";
  partitions["items"] = std::move(summary);
  partitions["element-id"] = 508;
  OrderedJson root = OrderedJson::object();
  root["type"] = "record";
  root["name"] = "manifest_file";
  root["fields"] = OrderedJson::array({
      Field("manifest_path", "string", 500, "Location URI with FS scheme"),
      Field("manifest_length", "long", 501, "Total file size in bytes"),
      Field("partition_spec_id", "int", 502, "Spec ID used to write"),
      Field("content", "int", 517, "Contents of the manifest: 0=data, 1=deletes"),
      Field("sequence_number", "long", 515, "Sequence number when the manifest was added"),
      Field("min_sequence_number", "long", 516, "Lowest sequence number in the manifest"),
      Field("added_snapshot_id", "long", 503, "Snapshot ID that added the manifest"),
      Field("added_data_files_count", "int", 504, "Added entry count"),
      Field("existing_data_files_count", "int", 505, "Existing entry count"),
      Field("deleted_data_files_count", "int", 506, "Deleted entry count"),
      Field("added_rows_count", "long", 512, "Added rows count"),
      Field("existing_rows_count", "long", 513, "Existing rows count"),
      Field("deleted_rows_count", "long", 514, "Deleted rows count"),
      Field("partitions", partitions, 507, "Summary for each partition", true),
  });
  return DumpJsonText(root, -1);
}

// The Iceberg schema of a manifest entry, as Java stores it in "iceberg.schema".
std::string ManifestEntryIcebergSchema(const std::vector<NestedField>& partition_type) {
  auto map_of = [](int32_t key_id, TypeId value, int32_t value_id) {
    return Type::Map(key_id, Type::Primitive(TypeId::kInt), value_id, true, Type::Primitive(value));
  };
  auto field = [](int32_t id, const char* name, bool required, Type type) {
    return NestedField{
        .id = id, .name = name, .required = required, .type = std::move(type), .doc = {}};
  };
  Type data_file = Type::Struct({
      field(134, "content", true, Type::Primitive(TypeId::kInt)),
      field(100, "file_path", true, Type::Primitive(TypeId::kString)),
      field(101, "file_format", true, Type::Primitive(TypeId::kString)),
      field(102, "partition", true, Type::Struct(partition_type)),
      field(103, "record_count", true, Type::Primitive(TypeId::kLong)),
      field(104, "file_size_in_bytes", true, Type::Primitive(TypeId::kLong)),
      field(108, "column_sizes", false, map_of(117, TypeId::kLong, 118)),
      field(109, "value_counts", false, map_of(119, TypeId::kLong, 120)),
      field(110, "null_value_counts", false, map_of(121, TypeId::kLong, 122)),
      field(137, "nan_value_counts", false, map_of(138, TypeId::kLong, 139)),
      field(125, "lower_bounds", false, map_of(126, TypeId::kBinary, 127)),
      field(128, "upper_bounds", false, map_of(129, TypeId::kBinary, 130)),
      field(131, "key_metadata", false, Type::Primitive(TypeId::kBinary)),
      field(132, "split_offsets", false, Type::List(133, true, Type::Primitive(TypeId::kLong))),
      field(135, "equality_ids", false, Type::List(136, true, Type::Primitive(TypeId::kInt))),
      field(140, "sort_order_id", false, Type::Primitive(TypeId::kInt)),
  });
  Schema schema;
  schema.fields = {
      field(0, "status", true, Type::Primitive(TypeId::kInt)),
      field(1, "snapshot_id", false, Type::Primitive(TypeId::kLong)),
      field(3, "sequence_number", false, Type::Primitive(TypeId::kLong)),
      field(4, "file_sequence_number", false, Type::Primitive(TypeId::kLong)),
      field(2, "data_file", true, std::move(data_file)),
  };
  return SchemaToJson(schema);
}

std::string PartitionSpecFieldsJson(const PartitionSpec& spec) {
  OrderedJson fields = OrderedJson::array();
  for (const PartitionField& field : spec.fields) {
    OrderedJson item = OrderedJson::object();
    item["name"] = field.name;
    item["transform"] = field.transform.ToString();
    item["source-id"] = field.source_id;
    item["field-id"] = field.field_id;
    fields.push_back(std::move(item));
  }
  return DumpJsonText(fields, -1);
}

}  // namespace

std::string ManifestAvroSchema(const std::vector<NestedField>& partition_type) {
  OrderedJson root = OrderedJson::object();
  root["type"] = "record";
  root["name"] = "manifest_entry";
  root["fields"] = OrderedJson::array({
      Field("status", "int", 0),
      Field("snapshot_id", "long", 1, {}, true),
      Field("sequence_number", "long", 3, {}, true),
      Field("file_sequence_number", "long", 4, {}, true),
      Field("data_file", DataFileAvroSchema(partition_type), 2),
  });
  return DumpJsonText(root, -1);
}

std::string ManifestListAvroSchema() {
  return ManifestListSchemaJson();
}

Result<WrittenManifest> WriteManifest(const Schema& schema,
                                      const PartitionSpec& spec,
                                      std::span<const ManifestEntry> entries,
                                      const ManifestWriteOptions& options) {
  STRATUS_ASSIGN_OR_RETURN(std::vector<NestedField> partition_type, PartitionType(spec, schema));
  WrittenManifest out;
  ManifestFile& file = out.file;
  file.partition_spec_id = spec.spec_id;
  file.content = options.content;
  file.sequence_number = options.sequence_number;
  file.min_sequence_number = options.sequence_number;
  file.added_snapshot_id = options.snapshot_id;
  std::vector<SummaryBuilder> summaries(partition_type.size());
  std::vector<AvroValue> records;
  records.reserve(entries.size());
  for (const ManifestEntry& entry : entries) {
    const bool added = entry.status == EntryStatus::kAdded;
    // ADDED entries of this snapshot inherit their sequence numbers.
    const bool inherit = added && !entry.sequence_number.has_value();
    const int64_t data_sequence = entry.sequence_number.value_or(options.sequence_number);
    file.min_sequence_number = std::min(file.min_sequence_number, data_sequence);
    const int64_t rows = entry.data_file.record_count;
    switch (entry.status) {
      case EntryStatus::kAdded:
        ++file.added_files_count;
        file.added_rows_count += rows;
        break;
      case EntryStatus::kExisting:
        ++file.existing_files_count;
        file.existing_rows_count += rows;
        break;
      case EntryStatus::kDeleted:
        ++file.deleted_files_count;
        file.deleted_rows_count += rows;
        break;
    }
    for (size_t i = 0; i < summaries.size() && i < entry.data_file.partition.size(); ++i) {
      summaries[i].Add(entry.data_file.partition[i]);
    }
    STRATUS_ASSIGN_OR_RETURN(AvroValue data_file, DataFileToAvro(entry.data_file, partition_type));
    AvroValue record = AvroValue::Record();
    record.Add("status", AvroValue::Int(static_cast<int32_t>(entry.status)))
        .Add("snapshot_id", AvroValue::Long(entry.snapshot_id.value_or(options.snapshot_id)))
        .Add("sequence_number", inherit ? AvroValue::Null() : OptionalLong(entry.sequence_number))
        .Add("file_sequence_number",
             inherit ? AvroValue::Null() : OptionalLong(entry.file_sequence_number))
        .Add("data_file", std::move(data_file));
    records.push_back(std::move(record));
  }
  for (size_t i = 0; i < summaries.size(); ++i) {
    STRATUS_ASSIGN_OR_RETURN(PartitionFieldSummary summary,
                             summaries[i].Build(partition_type[i].type));
    file.partitions.push_back(std::move(summary));
  }
  avro::AvroWriteOptions write_options;
  write_options.metadata = {
      {"schema", SchemaToJson(schema)},
      {"schema-id", std::to_string(schema.schema_id)},
      {"partition-spec", PartitionSpecFieldsJson(spec)},
      {"partition-spec-id", std::to_string(spec.spec_id)},
      {"format-version", "2"},
      {"content", options.content == ManifestContent::kData ? "data" : "deletes"},
      {"iceberg.schema", ManifestEntryIcebergSchema(partition_type)},
  };
  STRATUS_ASSIGN_OR_RETURN(
      out.bytes, avro::WriteAvroFile(ManifestAvroSchema(partition_type), records, write_options));
  file.manifest_length = static_cast<int64_t>(out.bytes.size());
  return out;
}

Result<std::vector<ManifestEntry>> ReadManifest(std::string_view bytes,
                                                const ManifestFile& file,
                                                const PartitionSpec& spec,
                                                const Schema& schema) {
  STRATUS_ASSIGN_OR_RETURN(avro::AvroFile avro_file, avro::ReadAvroFile(bytes));
  STRATUS_ASSIGN_OR_RETURN(std::vector<NestedField> partition_type, PartitionType(spec, schema));
  std::vector<ManifestEntry> out;
  out.reserve(avro_file.records.size());
  for (const AvroValue& record : avro_file.records) {
    ManifestEntry entry;
    entry.status = static_cast<EntryStatus>(LongOr(record.Find("status"), 1));
    if (entry.status != EntryStatus::kExisting && entry.status != EntryStatus::kAdded &&
        entry.status != EntryStatus::kDeleted) {
      return Status::Corruption("iceberg: manifest entry with an unknown status");
    }
    const AvroValue* snapshot_id = record.Find("snapshot_id");
    entry.snapshot_id = snapshot_id == nullptr || snapshot_id->is_null() ? file.added_snapshot_id
                                                                         : snapshot_id->number;
    const AvroValue* sequence = record.Find("sequence_number");
    const AvroValue* file_sequence = record.Find("file_sequence_number");
    // Spec: a null sequence number inherits the manifest's for ADDED
    // entries; v1 files (no field) are sequence number 0.
    const int64_t inherited = file.sequence_number;
    entry.sequence_number =
        sequence == nullptr || sequence->is_null() ? inherited : sequence->number;
    entry.file_sequence_number =
        file_sequence == nullptr || file_sequence->is_null() ? inherited : file_sequence->number;
    const AvroValue* data_file = record.Find("data_file");
    if (data_file == nullptr || data_file->kind != AvroKind::kRecord) {
      return Status::Corruption("iceberg: manifest entry without data_file");
    }
    STRATUS_ASSIGN_OR_RETURN(entry.data_file, DataFileFromAvro(*data_file, partition_type));
    entry.data_file.spec_id = file.partition_spec_id;
    out.push_back(std::move(entry));
  }
  return out;
}

Result<std::string> WriteManifestList(std::span<const ManifestFile> manifests,
                                      const ManifestListWriteOptions& options) {
  std::vector<AvroValue> records;
  for (const ManifestFile& manifest : manifests) {
    std::vector<AvroValue> partitions;
    for (const PartitionFieldSummary& summary : manifest.partitions) {
      AvroValue item = AvroValue::Record();
      item.Add("contains_null", AvroValue::Boolean(summary.contains_null))
          .Add("contains_nan", summary.contains_nan.has_value()
                                   ? AvroValue::Boolean(*summary.contains_nan)
                                   : AvroValue::Null())
          .Add("lower_bound", summary.lower_bound.has_value()
                                  ? AvroValue::Bytes(*summary.lower_bound)
                                  : AvroValue::Null())
          .Add("upper_bound", summary.upper_bound.has_value()
                                  ? AvroValue::Bytes(*summary.upper_bound)
                                  : AvroValue::Null());
      partitions.push_back(std::move(item));
    }
    AvroValue record = AvroValue::Record();
    record.Add("manifest_path", AvroValue::String(manifest.manifest_path))
        .Add("manifest_length", AvroValue::Long(manifest.manifest_length))
        .Add("partition_spec_id", AvroValue::Int(manifest.partition_spec_id))
        .Add("content", AvroValue::Int(static_cast<int32_t>(manifest.content)))
        .Add("sequence_number", AvroValue::Long(manifest.sequence_number))
        .Add("min_sequence_number", AvroValue::Long(manifest.min_sequence_number))
        .Add("added_snapshot_id", AvroValue::Long(manifest.added_snapshot_id))
        .Add("added_data_files_count", AvroValue::Int(manifest.added_files_count))
        .Add("existing_data_files_count", AvroValue::Int(manifest.existing_files_count))
        .Add("deleted_data_files_count", AvroValue::Int(manifest.deleted_files_count))
        .Add("added_rows_count", AvroValue::Long(manifest.added_rows_count))
        .Add("existing_rows_count", AvroValue::Long(manifest.existing_rows_count))
        .Add("deleted_rows_count", AvroValue::Long(manifest.deleted_rows_count))
        .Add("partitions", AvroValue::Array(std::move(partitions)));
    records.push_back(std::move(record));
  }
  avro::AvroWriteOptions write_options;
  write_options.metadata = {
      {"snapshot-id", std::to_string(options.snapshot_id)},
      {"parent-snapshot-id", options.parent_snapshot_id.has_value()
                                 ? std::to_string(*options.parent_snapshot_id)
                                 : std::string("null")},
      {"sequence-number", std::to_string(options.sequence_number)},
      {"format-version", "2"},
  };
  return avro::WriteAvroFile(ManifestListSchemaJson(), records, write_options);
}

Result<std::vector<ManifestFile>> ReadManifestList(std::string_view bytes) {
  STRATUS_ASSIGN_OR_RETURN(avro::AvroFile avro_file, avro::ReadAvroFile(bytes));
  std::vector<ManifestFile> out;
  for (const AvroValue& record : avro_file.records) {
    ManifestFile file;
    const AvroValue* path = record.Find("manifest_path");
    if (path == nullptr || path->kind != AvroKind::kString) {
      return Status::Corruption("iceberg: manifest list entry without manifest_path");
    }
    file.manifest_path = path->bytes;
    file.manifest_length = LongOr(record.Find("manifest_length"), 0);
    file.partition_spec_id = static_cast<int32_t>(LongOr(record.Find("partition_spec_id"), 0));
    file.content = static_cast<ManifestContent>(LongOr(record.Find("content"), 0));
    file.sequence_number = LongOr(record.Find("sequence_number"), 0);
    file.min_sequence_number = LongOr(record.Find("min_sequence_number"), 0);
    file.added_snapshot_id = LongOr(record.Find("added_snapshot_id"), 0);
    auto count = [&](const char* v2_name, const char* v1_name) {
      const AvroValue* value = record.Find(v2_name);
      return static_cast<int32_t>(LongOr(value != nullptr ? value : record.Find(v1_name), 0));
    };
    file.added_files_count = count("added_data_files_count", "added_files_count");
    file.existing_files_count = count("existing_data_files_count", "existing_files_count");
    file.deleted_files_count = count("deleted_data_files_count", "deleted_files_count");
    file.added_rows_count = LongOr(record.Find("added_rows_count"), 0);
    file.existing_rows_count = LongOr(record.Find("existing_rows_count"), 0);
    file.deleted_rows_count = LongOr(record.Find("deleted_rows_count"), 0);
    if (const AvroValue* partitions = record.Find("partitions"); partitions != nullptr) {
      for (const AvroValue& item : partitions->items) {
        PartitionFieldSummary summary;
        const AvroValue* contains_null = item.Find("contains_null");
        summary.contains_null = contains_null != nullptr && contains_null->boolean;
        if (const AvroValue* nan = item.Find("contains_nan"); nan != nullptr && !nan->is_null()) {
          summary.contains_nan = nan->boolean;
        }
        if (const AvroValue* lower = item.Find("lower_bound");
            lower != nullptr && !lower->is_null()) {
          summary.lower_bound = lower->bytes;
        }
        if (const AvroValue* upper = item.Find("upper_bound");
            upper != nullptr && !upper->is_null()) {
          summary.upper_bound = upper->bytes;
        }
        file.partitions.push_back(std::move(summary));
      }
    }
    if (const AvroValue* key = record.Find("key_metadata"); key != nullptr && !key->is_null()) {
      file.key_metadata = key->bytes;
    }
    out.push_back(std::move(file));
  }
  return out;
}

}  // namespace stratus::formats::iceberg
