#include "formats/iceberg/metadata_tables.h"

#include <cctype>
#include <map>
#include <set>

#include "base/format.h"
#include "formats/iceberg/manifest.h"
#include "formats/iceberg/partition_types_internal.h"
#include "formats/iceberg/scan_planner.h"
#include "formats/iceberg/single_value.h"

namespace stratus::formats::iceberg {
namespace {

using sql::LogicalType;
using sql::RowField;
using sql::Value;

LogicalType TimestampTz() {
  return LogicalType::TimestampWithTimeZone(3);
}

Value OptionalBigint(std::optional<int64_t> value) {
  return value.has_value() ? Value::Bigint(*value) : Value::Null(LogicalType::Bigint());
}

Value CountMap(const std::map<int32_t, int64_t>& counts) {
  std::vector<Value> keys;
  std::vector<Value> values;
  for (const auto& [id, count] : counts) {
    keys.push_back(Value::Integer(id));
    values.push_back(Value::Bigint(count));
  }
  return Value::Map(LogicalType::Integer(), LogicalType::Bigint(), std::move(keys),
                    std::move(values));
}

// Bounds as Trino shows them: the value's human string.
Value BoundMap(const std::map<int32_t, std::string>& bounds, const Schema& schema) {
  std::vector<Value> keys;
  std::vector<Value> values;
  for (const auto& [id, bytes] : bounds) {
    const NestedField* field = schema.FindField(id);
    if (field == nullptr || !field->type.is_primitive()) {
      continue;
    }
    auto value = DeserializeSingleValue(bytes, field->type);
    if (!value.ok()) {
      continue;
    }
    keys.push_back(Value::Integer(id));
    values.push_back(Value::Varchar(PartitionValueToString(*value, Transform{})));
  }
  return Value::Map(LogicalType::Integer(), LogicalType::Varchar(), std::move(keys),
                    std::move(values));
}

struct PartitionRow {
  LogicalType type;
  std::vector<NestedField> fields;  // The default spec's partition fields.
};

Result<PartitionRow> PartitionRowOf(const TableMetadata& metadata) {
  PartitionRow out;
  STRATUS_ASSIGN_OR_RETURN(out.fields, PartitionTypeOf(metadata, metadata.default_spec()));
  std::vector<RowField> row_fields;
  for (const NestedField& field : out.fields) {
    STRATUS_ASSIGN_OR_RETURN(LogicalType type, ToLogicalType(field.type));
    row_fields.push_back(RowField{.name = field.name, .type = std::move(type)});
  }
  out.type = LogicalType::Row(std::move(row_fields));
  return out;
}

// A file's partition tuple as a row of the default spec's fields (by field id).
Value PartitionValue(const PartitionRow& row, const TableMetadata& metadata, const DataFile& file) {
  const PartitionSpec* spec = metadata.FindSpec(file.spec_id);
  std::vector<Value> values;
  for (size_t i = 0; i < row.fields.size(); ++i) {
    Value value = Value::Null(row.type.child(i));
    if (spec != nullptr) {
      for (size_t j = 0; j < spec->fields.size() && j < file.partition.size(); ++j) {
        if (spec->fields[j].field_id == row.fields[i].id && !file.partition[j].is_null()) {
          value = file.partition[j];
        }
      }
    }
    values.push_back(std::move(value));
  }
  return Value::Row(row.type, std::move(values));
}

MetadataTable Snapshots(const TableMetadata& metadata) {
  MetadataTable out;
  out.columns = {
      {.name = "committed_at", .type = TimestampTz()},
      {.name = "snapshot_id", .type = LogicalType::Bigint()},
      {.name = "parent_id", .type = LogicalType::Bigint()},
      {.name = "operation", .type = LogicalType::Varchar()},
      {.name = "manifest_list", .type = LogicalType::Varchar()},
      {.name = "summary", .type = LogicalType::Map(LogicalType::Varchar(), LogicalType::Varchar())},
  };
  for (const Snapshot& snapshot : metadata.snapshots) {
    std::vector<Value> keys = {Value::Varchar("operation")};
    std::vector<Value> values = {Value::Varchar(snapshot.operation)};
    for (const auto& [key, value] : snapshot.summary) {
      keys.push_back(Value::Varchar(key));
      values.push_back(Value::Varchar(value));
    }
    out.rows.push_back({
        Value::TimestampWithTimeZone(snapshot.timestamp_ms, 0, 3),
        Value::Bigint(snapshot.snapshot_id),
        OptionalBigint(snapshot.parent_snapshot_id),
        Value::Varchar(snapshot.operation),
        Value::Varchar(snapshot.manifest_list),
        Value::Map(LogicalType::Varchar(), LogicalType::Varchar(), std::move(keys),
                   std::move(values)),
    });
  }
  return out;
}

MetadataTable History(const TableMetadata& metadata) {
  MetadataTable out;
  out.columns = {
      {.name = "made_current_at", .type = TimestampTz()},
      {.name = "snapshot_id", .type = LogicalType::Bigint()},
      {.name = "parent_id", .type = LogicalType::Bigint()},
      {.name = "is_current_ancestor", .type = LogicalType::Boolean()},
  };
  std::set<int64_t> ancestors;
  for (const Snapshot* snapshot = metadata.current_snapshot(); snapshot != nullptr;
       snapshot = snapshot->parent_snapshot_id.has_value()
                      ? metadata.FindSnapshot(*snapshot->parent_snapshot_id)
                      : nullptr) {
    if (!ancestors.insert(snapshot->snapshot_id).second) {
      break;
    }
  }
  for (const SnapshotLogEntry& entry : metadata.snapshot_log) {
    const Snapshot* snapshot = metadata.FindSnapshot(entry.snapshot_id);
    out.rows.push_back({
        Value::TimestampWithTimeZone(entry.timestamp_ms, 0, 3),
        Value::Bigint(entry.snapshot_id),
        OptionalBigint(snapshot == nullptr ? std::nullopt : snapshot->parent_snapshot_id),
        Value::Boolean(ancestors.count(entry.snapshot_id) > 0),
    });
  }
  return out;
}

Result<MetadataTable> Files(TableIo& io, const TableMetadata& metadata) {
  MetadataTable out;
  STRATUS_ASSIGN_OR_RETURN(PartitionRow partition, PartitionRowOf(metadata));
  const bool partitioned = !partition.fields.empty();
  const LogicalType counts = LogicalType::Map(LogicalType::Integer(), LogicalType::Bigint());
  const LogicalType bounds = LogicalType::Map(LogicalType::Integer(), LogicalType::Varchar());
  out.columns = {{.name = "content", .type = LogicalType::Integer()},
                 {.name = "file_path", .type = LogicalType::Varchar()},
                 {.name = "file_format", .type = LogicalType::Varchar()},
                 {.name = "spec_id", .type = LogicalType::Integer()}};
  if (partitioned) {
    out.columns.push_back({.name = "partition", .type = partition.type});
  }
  const std::vector<RowField> rest = {
      {.name = "record_count", .type = LogicalType::Bigint()},
      {.name = "file_size_in_bytes", .type = LogicalType::Bigint()},
      {.name = "column_sizes", .type = counts},
      {.name = "value_counts", .type = counts},
      {.name = "null_value_counts", .type = counts},
      {.name = "nan_value_counts", .type = counts},
      {.name = "lower_bounds", .type = bounds},
      {.name = "upper_bounds", .type = bounds},
      {.name = "key_metadata", .type = LogicalType::Varbinary()},
      {.name = "split_offsets", .type = LogicalType::Array(LogicalType::Bigint())},
      {.name = "equality_ids", .type = LogicalType::Array(LogicalType::Integer())},
      {.name = "sort_order_id", .type = LogicalType::Integer()},
  };
  out.columns.insert(out.columns.end(), rest.begin(), rest.end());
  const Snapshot* snapshot = metadata.current_snapshot();
  if (snapshot == nullptr) {
    return out;
  }
  const Schema all_fields = AllFieldsSchema(metadata);
  STRATUS_ASSIGN_OR_RETURN(std::vector<ManifestEntry> entries,
                           ReadLiveEntries(io, metadata, *snapshot));
  for (const ManifestEntry& entry : entries) {
    const DataFile& file = entry.data_file;
    std::vector<Value> row = {Value::Integer(static_cast<int32_t>(file.content)),
                              Value::Varchar(file.file_path), Value::Varchar(file.file_format),
                              Value::Integer(file.spec_id)};
    if (partitioned) {
      row.push_back(PartitionValue(partition, metadata, file));
    }
    std::vector<Value> offsets;
    for (int64_t offset : file.split_offsets) {
      offsets.push_back(Value::Bigint(offset));
    }
    std::vector<Value> ids;
    for (int32_t id : file.equality_ids) {
      ids.push_back(Value::Integer(id));
    }
    row.push_back(Value::Bigint(file.record_count));
    row.push_back(Value::Bigint(file.file_size_in_bytes));
    row.push_back(CountMap(file.column_sizes));
    row.push_back(CountMap(file.value_counts));
    row.push_back(CountMap(file.null_value_counts));
    row.push_back(CountMap(file.nan_value_counts));
    row.push_back(BoundMap(file.lower_bounds, all_fields));
    row.push_back(BoundMap(file.upper_bounds, all_fields));
    row.push_back(file.key_metadata.has_value() ? Value::Varbinary(*file.key_metadata)
                                                : Value::Null(LogicalType::Varbinary()));
    row.push_back(offsets.empty() ? Value::Null(LogicalType::Array(LogicalType::Bigint()))
                                  : Value::Array(LogicalType::Bigint(), std::move(offsets)));
    row.push_back(ids.empty() ? Value::Null(LogicalType::Array(LogicalType::Integer()))
                              : Value::Array(LogicalType::Integer(), std::move(ids)));
    row.push_back(file.sort_order_id.has_value() ? Value::Integer(*file.sort_order_id)
                                                 : Value::Null(LogicalType::Integer()));
    out.rows.push_back(std::move(row));
  }
  return out;
}

Result<MetadataTable> Manifests(TableIo& io, const TableMetadata& metadata) {
  MetadataTable out;
  const LogicalType summary = LogicalType::Row({
      {.name = "contains_null", .type = LogicalType::Boolean()},
      {.name = "contains_nan", .type = LogicalType::Boolean()},
      {.name = "lower_bound", .type = LogicalType::Varchar()},
      {.name = "upper_bound", .type = LogicalType::Varchar()},
  });
  out.columns = {
      {.name = "path", .type = LogicalType::Varchar()},
      {.name = "length", .type = LogicalType::Bigint()},
      {.name = "partition_spec_id", .type = LogicalType::Integer()},
      {.name = "added_snapshot_id", .type = LogicalType::Bigint()},
      {.name = "added_data_files_count", .type = LogicalType::Integer()},
      {.name = "added_rows_count", .type = LogicalType::Bigint()},
      {.name = "existing_data_files_count", .type = LogicalType::Integer()},
      {.name = "existing_rows_count", .type = LogicalType::Bigint()},
      {.name = "deleted_data_files_count", .type = LogicalType::Integer()},
      {.name = "deleted_rows_count", .type = LogicalType::Bigint()},
      {.name = "partition_summaries", .type = LogicalType::Array(summary)},
  };
  const Snapshot* snapshot = metadata.current_snapshot();
  if (snapshot == nullptr) {
    return out;
  }
  STRATUS_ASSIGN_OR_RETURN(std::string list_bytes, io.Read(snapshot->manifest_list));
  STRATUS_ASSIGN_OR_RETURN(std::vector<ManifestFile> manifests, ReadManifestList(list_bytes));
  for (const ManifestFile& manifest : manifests) {
    std::vector<NestedField> partition_type;
    if (const PartitionSpec* spec = metadata.FindSpec(manifest.partition_spec_id)) {
      auto type = PartitionTypeOf(metadata, *spec);
      if (type.ok()) {
        partition_type = std::move(*type);
      }
    }
    std::vector<Value> summaries;
    for (size_t i = 0; i < manifest.partitions.size(); ++i) {
      const PartitionFieldSummary& field = manifest.partitions[i];
      auto bound = [&](const std::optional<std::string>& bytes) {
        if (!bytes.has_value() || i >= partition_type.size()) {
          return Value::Null(LogicalType::Varchar());
        }
        auto value = DeserializeSingleValue(*bytes, partition_type[i].type);
        return value.ok() ? Value::Varchar(PartitionValueToString(*value, Transform{}))
                          : Value::Null(LogicalType::Varchar());
      };
      summaries.push_back(
          Value::Row(summary, {Value::Boolean(field.contains_null),
                               field.contains_nan.has_value() ? Value::Boolean(*field.contains_nan)
                                                              : Value::Null(LogicalType::Boolean()),
                               bound(field.lower_bound), bound(field.upper_bound)}));
    }
    out.rows.push_back({
        Value::Varchar(manifest.manifest_path),
        Value::Bigint(manifest.manifest_length),
        Value::Integer(manifest.partition_spec_id),
        Value::Bigint(manifest.added_snapshot_id),
        Value::Integer(manifest.added_files_count),
        Value::Bigint(manifest.added_rows_count),
        Value::Integer(manifest.existing_files_count),
        Value::Bigint(manifest.existing_rows_count),
        Value::Integer(manifest.deleted_files_count),
        Value::Bigint(manifest.deleted_rows_count),
        Value::Array(summary, std::move(summaries)),
    });
  }
  return out;
}

Result<MetadataTable> Partitions(TableIo& io, const TableMetadata& metadata) {
  MetadataTable out;
  STRATUS_ASSIGN_OR_RETURN(PartitionRow partition, PartitionRowOf(metadata));
  const bool partitioned = !partition.fields.empty();
  if (partitioned) {
    out.columns.push_back({.name = "partition", .type = partition.type});
  }
  out.columns.push_back({.name = "record_count", .type = LogicalType::Bigint()});
  out.columns.push_back({.name = "file_count", .type = LogicalType::Bigint()});
  out.columns.push_back({.name = "total_size", .type = LogicalType::Bigint()});
  const Snapshot* snapshot = metadata.current_snapshot();
  if (snapshot == nullptr) {
    return out;
  }
  STRATUS_ASSIGN_OR_RETURN(std::vector<ManifestEntry> entries,
                           ReadLiveEntries(io, metadata, *snapshot));

  struct Totals {
    Value partition;
    int64_t records = 0;
    int64_t files = 0;
    int64_t size = 0;
  };

  std::vector<Totals> groups;
  std::map<std::string, size_t> index;
  for (const ManifestEntry& entry : entries) {
    if (entry.data_file.content != FileContent::kData) {
      continue;
    }
    Value key = partitioned ? PartitionValue(partition, metadata, entry.data_file) : Value();
    const std::string text = key.ToString();
    auto [it, inserted] = index.emplace(text, groups.size());
    if (inserted) {
      groups.push_back(Totals{.partition = std::move(key)});
    }
    Totals& totals = groups[it->second];
    totals.records += entry.data_file.record_count;
    totals.files += 1;
    totals.size += entry.data_file.file_size_in_bytes;
  }
  for (Totals& totals : groups) {
    std::vector<Value> row;
    if (partitioned) {
      row.push_back(std::move(totals.partition));
    }
    row.push_back(Value::Bigint(totals.records));
    row.push_back(Value::Bigint(totals.files));
    row.push_back(Value::Bigint(totals.size));
    out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace

Result<MetadataTableKind> ParseMetadataTableKind(std::string_view suffix) {
  std::string lower;
  for (char c : suffix) {
    lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (lower == "snapshots") {
    return MetadataTableKind::kSnapshots;
  }
  if (lower == "history") {
    return MetadataTableKind::kHistory;
  }
  if (lower == "files") {
    return MetadataTableKind::kFiles;
  }
  if (lower == "manifests") {
    return MetadataTableKind::kManifests;
  }
  if (lower == "partitions") {
    return MetadataTableKind::kPartitions;
  }
  return Status::NotFound(fmt::format("Unknown metadata table type: {}", suffix));
}

Result<MetadataTable> BuildMetadataTable(TableIo& io,
                                         const TableMetadata& metadata,
                                         MetadataTableKind kind) {
  switch (kind) {
    case MetadataTableKind::kSnapshots:
      return Snapshots(metadata);
    case MetadataTableKind::kHistory:
      return History(metadata);
    case MetadataTableKind::kFiles:
      return Files(io, metadata);
    case MetadataTableKind::kManifests:
      return Manifests(io, metadata);
    case MetadataTableKind::kPartitions:
      return Partitions(io, metadata);
  }
  return Status::Internal("iceberg: unknown metadata table");
}

}  // namespace stratus::formats::iceberg
