#include "glue/record_codec.h"

#include <cstdint>
#include <utility>

#include "storage/record_codec.h"

namespace stratus::glue {
namespace {

// Do not change: the first byte of every stored definition.
constexpr uint8_t kDatabaseFormat = 1;
constexpr uint8_t kTableFormat = 1;
constexpr uint8_t kPartitionFormat = 1;
constexpr uint8_t kValuesFormat = 1;

// Glue's composite fields over the shared record primitives.
class Writer : public storage::RecordWriter {
 public:
  using storage::RecordWriter::RecordWriter;

  void Map(const Parameters& parameters) {
    Varint(parameters.size());
    for (const auto& [key, value] : parameters) {
      String(key);
      String(value);
    }
  }

  void Columns(const std::vector<Column>& columns) {
    Varint(columns.size());
    for (const Column& column : columns) {
      String(column.name);
      String(column.type);
      String(column.comment);
      Map(column.parameters);
    }
  }

  void Storage(const std::optional<StorageDescriptor>& storage) {
    Optional(storage, [this](const StorageDescriptor& descriptor) {
      Columns(descriptor.columns);
      String(descriptor.location);
      Strings(descriptor.additional_locations);
      String(descriptor.input_format);
      String(descriptor.output_format);
      Bool(descriptor.compressed);
      Int(descriptor.number_of_buckets);
      Optional(descriptor.serde_info, [this](const SerDeInfo& serde) {
        String(serde.name);
        String(serde.serialization_library);
        Map(serde.parameters);
      });
      Strings(descriptor.bucket_columns);
      Varint(descriptor.sort_columns.size());
      for (const SortColumn& sort : descriptor.sort_columns) {
        String(sort.column);
        Int(sort.sort_order);
      }
      Map(descriptor.parameters);
      Bool(descriptor.stored_as_sub_directories);
    });
  }
};

// Reads what Writer wrote; every read checks its bounds.
class Reader : public storage::RecordReader {
 public:
  explicit Reader(std::string_view bytes) : RecordReader(bytes, "glue") {}

  Result<Parameters> Map() {
    STRATUS_ASSIGN_OR_RETURN(uint64_t count, Count());
    Parameters parameters;
    for (uint64_t i = 0; i < count; ++i) {
      STRATUS_ASSIGN_OR_RETURN(std::string key, String());
      STRATUS_ASSIGN_OR_RETURN(std::string value, String());
      parameters.insert_or_assign(std::move(key), std::move(value));
    }
    return parameters;
  }

  Result<std::vector<Column>> Columns() {
    STRATUS_ASSIGN_OR_RETURN(uint64_t count, Count());
    std::vector<Column> columns;
    columns.reserve(count);
    for (uint64_t i = 0; i < count; ++i) {
      Column column;
      STRATUS_ASSIGN_OR_RETURN(column.name, String());
      STRATUS_ASSIGN_OR_RETURN(column.type, String());
      STRATUS_ASSIGN_OR_RETURN(column.comment, String());
      STRATUS_ASSIGN_OR_RETURN(column.parameters, Map());
      columns.push_back(std::move(column));
    }
    return columns;
  }

  Result<std::optional<SerDeInfo>> Serde() {
    return Optional<SerDeInfo>([this]() -> Result<SerDeInfo> {
      SerDeInfo serde;
      STRATUS_ASSIGN_OR_RETURN(serde.name, String());
      STRATUS_ASSIGN_OR_RETURN(serde.serialization_library, String());
      STRATUS_ASSIGN_OR_RETURN(serde.parameters, Map());
      return serde;
    });
  }

  Result<std::optional<StorageDescriptor>> Storage() {
    return Optional<StorageDescriptor>([this] { return StorageFields(); });
  }

 private:
  Result<StorageDescriptor> StorageFields() {
    StorageDescriptor storage;
    STRATUS_ASSIGN_OR_RETURN(storage.columns, Columns());
    STRATUS_ASSIGN_OR_RETURN(storage.location, String());
    STRATUS_ASSIGN_OR_RETURN(storage.additional_locations, Strings());
    STRATUS_ASSIGN_OR_RETURN(storage.input_format, String());
    STRATUS_ASSIGN_OR_RETURN(storage.output_format, String());
    STRATUS_ASSIGN_OR_RETURN(storage.compressed, Bool());
    STRATUS_ASSIGN_OR_RETURN(storage.number_of_buckets, Int());
    STRATUS_ASSIGN_OR_RETURN(storage.serde_info, Serde());
    STRATUS_ASSIGN_OR_RETURN(storage.bucket_columns, Strings());
    STRATUS_ASSIGN_OR_RETURN(uint64_t num_sort_columns, Count());
    for (uint64_t i = 0; i < num_sort_columns; ++i) {
      SortColumn sort;
      STRATUS_ASSIGN_OR_RETURN(sort.column, String());
      STRATUS_ASSIGN_OR_RETURN(int64_t order, Int());
      sort.sort_order = static_cast<int>(order);
      storage.sort_columns.push_back(std::move(sort));
    }
    STRATUS_ASSIGN_OR_RETURN(storage.parameters, Map());
    STRATUS_ASSIGN_OR_RETURN(storage.stored_as_sub_directories, Bool());
    return storage;
  }
};

}  // namespace

std::string EncodeDatabase(const DatabaseDefinition& definition) {
  Writer writer(kDatabaseFormat);
  writer.String(definition.name);
  writer.String(definition.description);
  writer.String(definition.location_uri);
  writer.Map(definition.parameters);
  writer.Varint(definition.create_table_default_permissions.size());
  for (const PrincipalPermissions& grant : definition.create_table_default_permissions) {
    writer.String(grant.principal);
    writer.Strings(grant.permissions);
  }
  return writer.Take();
}

Result<DatabaseDefinition> DecodeDatabase(std::string_view bytes) {
  Reader reader(bytes);
  STRATUS_RETURN_IF_ERROR(reader.Format(kDatabaseFormat));
  DatabaseDefinition definition;
  STRATUS_ASSIGN_OR_RETURN(definition.name, reader.String());
  STRATUS_ASSIGN_OR_RETURN(definition.description, reader.String());
  STRATUS_ASSIGN_OR_RETURN(definition.location_uri, reader.String());
  STRATUS_ASSIGN_OR_RETURN(definition.parameters, reader.Map());
  STRATUS_ASSIGN_OR_RETURN(uint64_t num_grants, reader.Count());
  for (uint64_t i = 0; i < num_grants; ++i) {
    PrincipalPermissions grant;
    STRATUS_ASSIGN_OR_RETURN(grant.principal, reader.String());
    STRATUS_ASSIGN_OR_RETURN(grant.permissions, reader.Strings());
    definition.create_table_default_permissions.push_back(std::move(grant));
  }
  STRATUS_RETURN_IF_ERROR(reader.End());
  return definition;
}

std::string EncodeTable(const TableDefinition& definition) {
  Writer writer(kTableFormat);
  writer.String(definition.name);
  writer.String(definition.description);
  writer.String(definition.owner);
  writer.Int(definition.last_access_millis);
  writer.Int(definition.last_analyzed_millis);
  writer.Int(definition.retention);
  writer.Storage(definition.storage);
  writer.Columns(definition.partition_keys);
  writer.String(definition.view_original_text);
  writer.String(definition.view_expanded_text);
  writer.String(definition.table_type);
  writer.Map(definition.parameters);
  writer.Optional(definition.target_table, [&writer](const TableIdentifier& target) {
    writer.String(target.catalog_id);
    writer.String(target.database_name);
    writer.String(target.name);
    writer.String(target.region);
  });
  return writer.Take();
}

Result<TableDefinition> DecodeTable(std::string_view bytes) {
  Reader reader(bytes);
  STRATUS_RETURN_IF_ERROR(reader.Format(kTableFormat));
  TableDefinition definition;
  STRATUS_ASSIGN_OR_RETURN(definition.name, reader.String());
  STRATUS_ASSIGN_OR_RETURN(definition.description, reader.String());
  STRATUS_ASSIGN_OR_RETURN(definition.owner, reader.String());
  STRATUS_ASSIGN_OR_RETURN(definition.last_access_millis, reader.Int());
  STRATUS_ASSIGN_OR_RETURN(definition.last_analyzed_millis, reader.Int());
  STRATUS_ASSIGN_OR_RETURN(definition.retention, reader.Int());
  STRATUS_ASSIGN_OR_RETURN(definition.storage, reader.Storage());
  STRATUS_ASSIGN_OR_RETURN(definition.partition_keys, reader.Columns());
  STRATUS_ASSIGN_OR_RETURN(definition.view_original_text, reader.String());
  STRATUS_ASSIGN_OR_RETURN(definition.view_expanded_text, reader.String());
  STRATUS_ASSIGN_OR_RETURN(definition.table_type, reader.String());
  STRATUS_ASSIGN_OR_RETURN(definition.parameters, reader.Map());
  STRATUS_ASSIGN_OR_RETURN(definition.target_table,
                           reader.Optional<TableIdentifier>([&reader]() -> Result<TableIdentifier> {
                             TableIdentifier target;
                             STRATUS_ASSIGN_OR_RETURN(target.catalog_id, reader.String());
                             STRATUS_ASSIGN_OR_RETURN(target.database_name, reader.String());
                             STRATUS_ASSIGN_OR_RETURN(target.name, reader.String());
                             STRATUS_ASSIGN_OR_RETURN(target.region, reader.String());
                             return target;
                           }));
  STRATUS_RETURN_IF_ERROR(reader.End());
  return definition;
}

std::string EncodePartition(const PartitionDefinition& definition) {
  Writer writer(kPartitionFormat);
  writer.Strings(definition.values);
  writer.Int(definition.last_access_millis);
  writer.Int(definition.last_analyzed_millis);
  writer.Storage(definition.storage);
  writer.Map(definition.parameters);
  return writer.Take();
}

Result<PartitionDefinition> DecodePartition(std::string_view bytes) {
  Reader reader(bytes);
  STRATUS_RETURN_IF_ERROR(reader.Format(kPartitionFormat));
  PartitionDefinition definition;
  STRATUS_ASSIGN_OR_RETURN(definition.values, reader.Strings());
  STRATUS_ASSIGN_OR_RETURN(definition.last_access_millis, reader.Int());
  STRATUS_ASSIGN_OR_RETURN(definition.last_analyzed_millis, reader.Int());
  STRATUS_ASSIGN_OR_RETURN(definition.storage, reader.Storage());
  STRATUS_ASSIGN_OR_RETURN(definition.parameters, reader.Map());
  STRATUS_RETURN_IF_ERROR(reader.End());
  return definition;
}

std::string EncodeValues(const std::vector<std::string>& values) {
  Writer writer(kValuesFormat);
  writer.Strings(values);
  return writer.Take();
}

Result<std::vector<std::string>> DecodeValues(std::string_view bytes) {
  Reader reader(bytes);
  STRATUS_RETURN_IF_ERROR(reader.Format(kValuesFormat));
  STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> values, reader.Strings());
  STRATUS_RETURN_IF_ERROR(reader.End());
  return values;
}

}  // namespace stratus::glue
