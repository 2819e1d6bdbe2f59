#include "glue/sql_catalog.h"

#include <future>
#include <utility>

#include "base/digest.h"
#include "base/json.h"
#include "glue/engine.h"
#include "sql/catalog/memory_catalog.h"
#include "sql/types/sql_error.h"
#include "sql/types/type_names.h"

namespace stratus::glue {
namespace {

namespace catalog = sql::catalog;

constexpr std::string_view kViewPrefix = "/* Presto View: ";
constexpr std::string_view kViewSuffix = " */";

// Runs one asynchronous engine write and waits for its Done.
template <typename T, typename Start>
Result<T> Wait(Start start) {
  auto promise = std::make_shared<std::promise<Result<T>>>();
  std::future<Result<T>> future = promise->get_future();
  start([promise](Result<T> result) { promise->set_value(std::move(result)); });
  return future.get();
}

bool IsNotFound(const Status& status) {
  return status.aws_type() == "EntityNotFoundException";
}

bool IsAlreadyExists(const Status& status) {
  return status.aws_type() == "AlreadyExistsException";
}

// Maps a Glue error to the engine's; a missing database or table becomes
// Trino's SCHEMA_NOT_FOUND / TABLE_NOT_FOUND.
Status ToSqlStatus(const Status& status, std::string_view database, std::string_view table) {
  if (status.ok()) {
    return status;
  }
  if (IsNotFound(status)) {
    if (status.message().rfind("Database", 0) == 0 || table.empty()) {
      return catalog::SchemaNotFoundError(catalog::LowercaseName(database));
    }
    return catalog::TableNotFoundError(catalog::LowercaseName(database),
                                       catalog::LowercaseName(table));
  }
  return sql::SqlError(sql::kGenericUserError, status.message());
}

sql::LogicalType ParseColumnType(const std::string& text) {
  auto hive = sql::ParseHiveType(text);
  if (hive.ok()) {
    return *hive;
  }
  auto trino = sql::ParseTrinoType(text);
  if (trino.ok()) {
    return *trino;
  }
  return sql::LogicalType::Varchar();
}

catalog::ColumnDescriptor FromGlueColumn(const Column& column) {
  return {.name = column.name,
          .type = ParseColumnType(column.type),
          .hive_type = column.type,
          .comment = column.comment};
}

Column ToGlueColumn(const catalog::ColumnDescriptor& column) {
  std::string type = column.hive_type;
  if (type.empty()) {
    auto hive = sql::HiveTypeName(column.type);
    type = hive.ok() ? *hive : column.type.ToString();
  }
  return {.name = column.name, .type = type, .comment = column.comment, .parameters = {}};
}

// Athena's view encoding: the query and its columns as base64 JSON.
std::string EncodeView(const catalog::TableDescriptor& table) {
  Json columns = Json::array();
  for (const catalog::ColumnDescriptor& column : table.columns) {
    columns.push_back({{"name", column.name}, {"type", column.type.ToString()}});
  }
  Json view = {{"originalSql", table.view_sql},
               {"catalog", "awsdatacatalog"},
               {"schema", table.database},
               {"columns", columns}};
  return std::string(kViewPrefix) + Base64Encode(DumpJson(view)) + std::string(kViewSuffix);
}

void DecodeView(const std::string& text, catalog::TableDescriptor* table) {
  std::string_view body = text;
  if (body.substr(0, kViewPrefix.size()) != kViewPrefix) {
    table->view_sql = text;
    return;
  }
  body.remove_prefix(kViewPrefix.size());
  if (body.size() >= kViewSuffix.size() &&
      body.substr(body.size() - kViewSuffix.size()) == kViewSuffix) {
    body.remove_suffix(kViewSuffix.size());
  }
  std::string decoded;
  if (!Base64Decode(body, &decoded)) {
    return;
  }
  auto json = ParseJson(decoded);
  if (!json.ok() || !json->is_object()) {
    return;
  }
  table->view_sql = json->value("originalSql", "");
  if (json->contains("columns") && (*json)["columns"].is_array()) {
    table->columns.clear();
    for (const Json& column : (*json)["columns"]) {
      std::string type = column.value("type", "varchar");
      auto parsed = sql::ParseTrinoType(type);
      table->columns.push_back({.name = column.value("name", ""),
                                .type = parsed.ok() ? *parsed : sql::LogicalType::Varchar(),
                                .hive_type = type,
                                .comment = {}});
    }
  }
}

catalog::DatabaseDescriptor FromGlueDatabase(const Database& database) {
  return {.name = database.definition.name,
          .description = database.definition.description,
          .location = database.definition.location_uri,
          .properties = database.definition.parameters};
}

}  // namespace

Result<TableDefinition> ToGlueTable(const catalog::TableDescriptor& table) {
  TableDefinition definition;
  definition.name = catalog::LowercaseName(table.name);
  definition.description = table.comment;
  definition.owner = "hadoop";
  definition.parameters = table.table_properties;
  StorageDescriptor storage;
  for (const catalog::ColumnDescriptor& column : table.columns) {
    storage.columns.push_back(ToGlueColumn(column));
  }
  if (table.kind == catalog::TableKind::kView) {
    // AWS: Athena stores views as VIRTUAL_VIEW with the Presto encoding.
    definition.table_type = "VIRTUAL_VIEW";
    definition.view_original_text = EncodeView(table);
    definition.view_expanded_text = "/* Presto View */";
    definition.parameters["presto_view"] = "true";
    definition.parameters["comment"] = "Presto View";
    storage.serde_info = SerDeInfo{};
    definition.storage = std::move(storage);
    return definition;
  }
  definition.table_type =
      table.kind == catalog::TableKind::kManaged ? "MANAGED_TABLE" : "EXTERNAL_TABLE";
  for (const catalog::ColumnDescriptor& key : table.partition_keys) {
    definition.partition_keys.push_back(ToGlueColumn(key));
  }
  storage.location = table.location;
  storage.input_format = table.input_format;
  storage.output_format = table.output_format;
  storage.serde_info = SerDeInfo{.name = {},
                                 .serialization_library = table.serde_library,
                                 .parameters = table.serde_properties};
  definition.storage = std::move(storage);
  return definition;
}

Result<catalog::TableDescriptor> FromGlueTable(const Table& table) {
  const TableDefinition& definition = table.definition;
  catalog::TableDescriptor out;
  out.database = table.database_name;
  out.name = definition.name;
  out.comment = definition.description;
  out.table_properties = definition.parameters;
  out.created_millis = table.created_millis;
  out.version = table.version;
  if (definition.storage.has_value()) {
    for (const Column& column : definition.storage->columns) {
      out.columns.push_back(FromGlueColumn(column));
    }
    out.location = definition.storage->location;
    out.input_format = definition.storage->input_format;
    out.output_format = definition.storage->output_format;
    if (definition.storage->serde_info.has_value()) {
      out.serde_library = definition.storage->serde_info->serialization_library;
      out.serde_properties = definition.storage->serde_info->parameters;
    }
  }
  for (const Column& key : definition.partition_keys) {
    out.partition_keys.push_back(FromGlueColumn(key));
  }
  auto table_type = out.table_properties.find("table_type");
  if (definition.table_type == "VIRTUAL_VIEW") {
    out.kind = catalog::TableKind::kView;
    DecodeView(definition.view_original_text, &out);
  } else if (table_type != out.table_properties.end() &&
             catalog::LowercaseName(table_type->second) == "iceberg") {
    out.kind = catalog::TableKind::kIceberg;
  } else if (definition.table_type == "MANAGED_TABLE") {
    out.kind = catalog::TableKind::kManaged;
  } else {
    out.kind = catalog::TableKind::kExternal;
  }
  return out;
}

SqlCatalog::SqlCatalog(Engine& engine, std::string catalog_id)
    : engine_(engine), catalog_id_(std::move(catalog_id)) {}

SqlCatalog::~SqlCatalog() = default;

Result<std::vector<catalog::DatabaseDescriptor>> SqlCatalog::ListDatabases() {
  std::vector<catalog::DatabaseDescriptor> out;
  PageRequest page{.token = {}, .max_results = 1000};
  while (true) {
    auto listed = engine_.ListDatabases(catalog_id_, page);
    if (!listed.ok()) {
      return ToSqlStatus(listed.status(), "", "");
    }
    for (const Database& database : listed->databases) {
      out.push_back(FromGlueDatabase(database));
    }
    if (listed->next_token.empty()) {
      return out;
    }
    page.token = listed->next_token;
  }
}

Result<std::optional<catalog::DatabaseDescriptor>> SqlCatalog::GetDatabase(std::string_view name) {
  auto database = engine_.GetDatabase({.catalog_id = catalog_id_, .name = std::string(name)});
  if (!database.ok()) {
    if (IsNotFound(database.status())) {
      return std::optional<catalog::DatabaseDescriptor>();
    }
    return ToSqlStatus(database.status(), name, "");
  }
  return std::optional<catalog::DatabaseDescriptor>(FromGlueDatabase(*database));
}

Status SqlCatalog::CreateDatabase(const catalog::DatabaseDescriptor& database, bool if_not_exists) {
  DatabaseDefinition definition{.name = database.name,
                                .description = database.description,
                                .location_uri = database.location,
                                .parameters = database.properties,
                                .create_table_default_permissions = {}};
  auto created = Wait<Database>([&](Done<Database> done) {
    engine_.CreateDatabase(catalog_id_, std::move(definition), std::move(done));
  });
  if (!created.ok()) {
    if (IsAlreadyExists(created.status())) {
      if (if_not_exists) {
        return Status::Ok();
      }
      return sql::SqlError(sql::kSchemaAlreadyExists,
                           "Schema '" + catalog::LowercaseName(database.name) + "' already exists");
    }
    return ToSqlStatus(created.status(), database.name, "");
  }
  return Status::Ok();
}

Status SqlCatalog::DropDatabase(std::string_view name, bool if_exists, bool cascade) {
  auto database = GetDatabase(name);
  if (!database.ok()) {
    return database.status();
  }
  if (!database->has_value()) {
    return if_exists ? Status::Ok() : catalog::SchemaNotFoundError(catalog::LowercaseName(name));
  }
  if (!cascade) {
    STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> tables, ListTables(name));
    if (!tables.empty()) {
      return sql::SqlError(sql::kSchemaNotEmpty,
                           "Cannot drop non-empty schema '" + catalog::LowercaseName(name) + "'");
    }
  }
  auto deleted = Wait<bool>([&](Done<bool> done) {
    engine_.DeleteDatabase({.catalog_id = catalog_id_, .name = std::string(name)}, std::move(done));
  });
  if (!deleted.ok() && !(if_exists && IsNotFound(deleted.status()))) {
    return ToSqlStatus(deleted.status(), name, "");
  }
  return Status::Ok();
}

Result<std::vector<std::string>> SqlCatalog::ListTables(std::string_view database) {
  std::vector<std::string> out;
  PageRequest page{.token = {}, .max_results = 1000};
  DatabaseRef ref{.catalog_id = catalog_id_, .name = std::string(database)};
  while (true) {
    auto listed = engine_.ListTables(ref, "", page);
    if (!listed.ok()) {
      return ToSqlStatus(listed.status(), database, "");
    }
    for (const Table& table : listed->tables) {
      out.push_back(table.definition.name);
    }
    if (listed->next_token.empty()) {
      return out;
    }
    page.token = listed->next_token;
  }
}

Result<std::optional<catalog::TableDescriptor>> SqlCatalog::GetTable(std::string_view database,
                                                                     std::string_view name) {
  auto table = engine_.GetTable(
      {.catalog_id = catalog_id_, .database = std::string(database), .name = std::string(name)});
  if (!table.ok()) {
    if (IsNotFound(table.status())) {
      if (table.status().message().rfind("Database", 0) == 0) {
        return catalog::SchemaNotFoundError(catalog::LowercaseName(database));
      }
      return std::optional<catalog::TableDescriptor>();
    }
    return ToSqlStatus(table.status(), database, name);
  }
  STRATUS_ASSIGN_OR_RETURN(catalog::TableDescriptor descriptor, FromGlueTable(*table));
  return std::optional<catalog::TableDescriptor>(std::move(descriptor));
}

Status SqlCatalog::CreateTable(const catalog::TableDescriptor& table, bool if_not_exists) {
  STRATUS_ASSIGN_OR_RETURN(TableDefinition definition, ToGlueTable(table));
  auto created = Wait<Table>([&](Done<Table> done) {
    engine_.CreateTable({.catalog_id = catalog_id_, .name = table.database}, std::move(definition),
                        std::move(done));
  });
  if (!created.ok()) {
    if (IsAlreadyExists(created.status())) {
      if (if_not_exists) {
        return Status::Ok();
      }
      return sql::SqlError(sql::kTableAlreadyExists,
                           "Table 'awsdatacatalog." + catalog::LowercaseName(table.database) + "." +
                               catalog::LowercaseName(table.name) + "' already exists");
    }
    return ToSqlStatus(created.status(), table.database, "");
  }
  return Status::Ok();
}

Status SqlCatalog::UpdateTable(const catalog::TableDescriptor& table) {
  STRATUS_ASSIGN_OR_RETURN(TableDefinition definition, ToGlueTable(table));
  UpdateTableRequest request{
      .table = {.catalog_id = catalog_id_, .database = table.database, .name = table.name},
      .definition = std::move(definition),
      .skip_archive = false,
      .expected_version = table.version,
      .expected_parameter = std::nullopt};
  auto updated = Wait<Table>(
      [&](Done<Table> done) { engine_.UpdateTable(std::move(request), std::move(done)); });
  if (!updated.ok()) {
    return ToSqlStatus(updated.status(), table.database, table.name);
  }
  return Status::Ok();
}

Status SqlCatalog::DropTable(std::string_view database, std::string_view name, bool if_exists) {
  auto deleted = Wait<bool>([&](Done<bool> done) {
    engine_.DeleteTable(
        {.catalog_id = catalog_id_, .database = std::string(database), .name = std::string(name)},
        std::move(done));
  });
  if (!deleted.ok()) {
    if (if_exists && IsNotFound(deleted.status()) &&
        deleted.status().message().rfind("Database", 0) != 0) {
      return Status::Ok();
    }
    return ToSqlStatus(deleted.status(), database, name);
  }
  return Status::Ok();
}

Result<std::vector<catalog::PartitionDescriptor>> SqlCatalog::ListPartitions(
    std::string_view database, std::string_view table) {
  std::vector<catalog::PartitionDescriptor> out;
  TableRef ref{
      .catalog_id = catalog_id_, .database = std::string(database), .name = std::string(table)};
  PartitionQuery query;
  query.page.max_results = 1000;
  while (true) {
    auto listed = engine_.ListPartitions(ref, query);
    if (!listed.ok()) {
      return ToSqlStatus(listed.status(), database, table);
    }
    for (const Partition& partition : listed->partitions) {
      catalog::PartitionDescriptor descriptor;
      descriptor.values = partition.definition.values;
      if (partition.definition.storage.has_value()) {
        descriptor.location = partition.definition.storage->location;
      }
      out.push_back(std::move(descriptor));
    }
    if (listed->next_token.empty()) {
      return out;
    }
    query.page.token = listed->next_token;
  }
}

Status SqlCatalog::AddPartitions(std::string_view database,
                                 std::string_view table,
                                 const std::vector<catalog::PartitionDescriptor>& partitions,
                                 bool if_not_exists) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<catalog::TableDescriptor> descriptor,
                           GetTable(database, table));
  if (!descriptor.has_value()) {
    return catalog::TableNotFoundError(catalog::LowercaseName(database),
                                       catalog::LowercaseName(table));
  }
  std::vector<PartitionDefinition> definitions;
  for (const catalog::PartitionDescriptor& partition : partitions) {
    PartitionDefinition definition;
    definition.values = partition.values;
    // AWS: Athena's partitions copy the table's storage with their own location.
    StorageDescriptor storage;
    for (const catalog::ColumnDescriptor& column : descriptor->columns) {
      storage.columns.push_back(ToGlueColumn(column));
    }
    storage.location = partition.location;
    storage.input_format = descriptor->input_format;
    storage.output_format = descriptor->output_format;
    storage.serde_info = SerDeInfo{.name = {},
                                   .serialization_library = descriptor->serde_library,
                                   .parameters = descriptor->serde_properties};
    definition.storage = std::move(storage);
    definitions.push_back(std::move(definition));
  }
  TableRef ref{
      .catalog_id = catalog_id_, .database = std::string(database), .name = std::string(table)};
  auto created = Wait<std::vector<Status>>([&](Done<std::vector<Status>> done) {
    engine_.CreatePartitions(ref, std::move(definitions), std::move(done));
  });
  if (!created.ok()) {
    return ToSqlStatus(created.status(), database, table);
  }
  for (const Status& status : *created) {
    if (status.ok() || (if_not_exists && IsAlreadyExists(status))) {
      continue;
    }
    if (IsAlreadyExists(status)) {
      return sql::SqlError(sql::kGenericUserError, "Partition already exists");
    }
    return ToSqlStatus(status, database, table);
  }
  return Status::Ok();
}

Status SqlCatalog::DropPartitions(std::string_view database,
                                  std::string_view table,
                                  const std::vector<std::vector<std::string>>& values,
                                  bool if_exists) {
  TableRef ref{
      .catalog_id = catalog_id_, .database = std::string(database), .name = std::string(table)};
  auto deleted = Wait<std::vector<Status>>([&](Done<std::vector<Status>> done) {
    engine_.DeletePartitions(ref, values, std::move(done));
  });
  if (!deleted.ok()) {
    return ToSqlStatus(deleted.status(), database, table);
  }
  for (const Status& status : *deleted) {
    if (status.ok() || (if_exists && IsNotFound(status))) {
      continue;
    }
    if (IsNotFound(status)) {
      return sql::SqlError(sql::kGenericUserError, "Partition does not exist");
    }
    return ToSqlStatus(status, database, table);
  }
  return Status::Ok();
}

}  // namespace stratus::glue
