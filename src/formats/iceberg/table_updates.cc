#include "formats/iceberg/table_updates.h"

#include <algorithm>
#include <cctype>

#include "base/clock.h"
#include "base/format.h"
#include "base/random.h"
#include "formats/iceberg/metadata_file_internal.h"

namespace stratus::formats::iceberg {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

int32_t NextSchemaId(const TableMetadata& metadata) {
  int32_t highest = -1;
  for (const Schema& schema : metadata.schemas) {
    highest = std::max(highest, schema.schema_id);
  }
  return highest + 1;
}

// Makes `schema` the current schema: reuses an equal existing schema's id.
TableMetadata WithSchema(const TableMetadata& base, Schema schema) {
  TableMetadata out = base;
  for (const Schema& existing : base.schemas) {
    Schema probe = schema;
    probe.schema_id = existing.schema_id;
    if (probe == existing) {
      out.current_schema_id = existing.schema_id;
      return out;
    }
  }
  schema.schema_id = NextSchemaId(base);
  out.current_schema_id = schema.schema_id;
  out.last_column_id = std::max(out.last_column_id, schema.HighestFieldId());
  out.schemas.push_back(std::move(schema));
  return out;
}

bool IsPartitionSource(const TableMetadata& metadata, int32_t field_id) {
  for (const PartitionField& field : metadata.default_spec().fields) {
    if (field.source_id == field_id) {
      return true;
    }
  }
  return false;
}

}  // namespace

Result<TableMetadata> NewTableMetadata(const NewTableOptions& options,
                                       IdGenerator& ids,
                                       int64_t now_ms) {
  if (options.location.empty()) {
    return Status::InvalidArgument("iceberg: a table needs a location");
  }
  if (options.columns.empty()) {
    return Status::InvalidArgument("iceberg: a table needs at least one column");
  }
  std::string location = options.location;
  while (location.size() > 1 && location.ends_with('/')) {
    location.pop_back();
  }
  STRATUS_ASSIGN_OR_RETURN(Schema schema, SchemaFromColumns(options.columns, 0));
  STRATUS_ASSIGN_OR_RETURN(PartitionSpec spec, BuildPartitionSpec(schema, options.partitioning));
  TableMetadata metadata;
  metadata.format_version = 2;
  metadata.table_uuid = ids.Uuid();
  metadata.location = location;
  metadata.last_sequence_number = 0;
  metadata.last_updated_ms = now_ms;
  metadata.last_column_id = schema.HighestFieldId();
  metadata.schemas.push_back(std::move(schema));
  metadata.current_schema_id = 0;
  metadata.last_partition_id = kFirstPartitionFieldId - 1;
  for (const PartitionField& field : spec.fields) {
    metadata.last_partition_id = std::max(metadata.last_partition_id, field.field_id);
  }
  metadata.partition_specs.push_back(std::move(spec));
  metadata.default_spec_id = 0;
  metadata.sort_orders.push_back(SortOrder{});
  metadata.default_sort_order_id = 0;
  // AWS: Athena's CREATE TABLE ... 'table_type'='ICEBERG' writes these properties.
  metadata.properties = {
      {"write.format.default", "PARQUET"},
      {"write.object-storage.enabled", "true"},
      {"write.object-storage.path", location + "/data"},
      {"write.parquet.compression-codec", "zstd"},
  };
  for (const auto& [key, value] : options.properties) {
    metadata.properties[key] = value;
  }
  return metadata;
}

Result<CommitResult> CreateTable(const CommitEnv& env, const NewTableOptions& options) {
  STRATUS_ASSIGN_OR_RETURN(TableMetadata metadata,
                           NewTableMetadata(options, *env.ids, env.clock->NowMillis()));
  return WriteMetadataFile(env, std::move(metadata), 0, {});
}

Result<TableMetadata> AddColumns(const TableMetadata& base,
                                 const std::vector<ColumnDefinition>& columns) {
  Schema schema = base.current_schema();
  int32_t next_id = std::max(base.last_column_id, schema.HighestFieldId()) + 1;
  const size_t first_new = schema.fields.size();
  for (const ColumnDefinition& column : columns) {
    if (schema.FindColumn(column.name) != nullptr) {
      return Status::AlreadyExists(fmt::format("Column '{}' already exists", column.name));
    }
    schema.fields.push_back(NestedField{.id = next_id++,
                                        .name = column.name,
                                        .required = false,
                                        .type = {},
                                        .doc = column.comment});
  }
  for (size_t i = 0; i < columns.size(); ++i) {
    STRATUS_ASSIGN_OR_RETURN(schema.fields[first_new + i].type,
                             FromLogicalType(columns[i].type, &next_id));
  }
  TableMetadata out = WithSchema(base, std::move(schema));
  out.last_column_id = std::max(out.last_column_id, next_id - 1);
  return out;
}

Result<TableMetadata> DropColumn(const TableMetadata& base, std::string_view name) {
  Schema schema = base.current_schema();
  const NestedField* field = schema.FindColumn(name);
  if (field == nullptr) {
    return Status::NotFound(fmt::format("Column '{}' does not exist", name));
  }
  if (schema.fields.size() == 1) {
    return Status::InvalidArgument("Cannot drop the only column in a table");
  }
  if (IsPartitionSource(base, field->id)) {
    return Status::InvalidArgument(fmt::format("Cannot drop partition field: {}", field->name));
  }
  const int32_t id = field->id;
  schema.fields.erase(std::remove_if(schema.fields.begin(), schema.fields.end(),
                                     [&](const NestedField& f) { return f.id == id; }),
                      schema.fields.end());
  schema.identifier_field_ids.erase(
      std::remove(schema.identifier_field_ids.begin(), schema.identifier_field_ids.end(), id),
      schema.identifier_field_ids.end());
  return WithSchema(base, std::move(schema));
}

Result<TableMetadata> RenameColumn(const TableMetadata& base,
                                   std::string_view from,
                                   std::string_view to) {
  Schema schema = base.current_schema();
  if (schema.FindColumn(from) == nullptr) {
    return Status::NotFound(fmt::format("Column '{}' does not exist", from));
  }
  if (!EqualsIgnoreCase(from, to) && schema.FindColumn(to) != nullptr) {
    return Status::AlreadyExists(fmt::format("Column '{}' already exists", to));
  }
  for (NestedField& field : schema.fields) {
    if (EqualsIgnoreCase(field.name, from)) {
      field.name = std::string(to);
    }
  }
  return WithSchema(base, std::move(schema));
}

Result<TableMetadata> UpdateProperties(const TableMetadata& base,
                                       const std::map<std::string, std::string>& set,
                                       const std::vector<std::string>& remove) {
  TableMetadata out = base;
  for (const std::string& key : remove) {
    out.properties.erase(key);
  }
  for (const auto& [key, value] : set) {
    out.properties[key] = value;
  }
  return out;
}

}  // namespace stratus::formats::iceberg
