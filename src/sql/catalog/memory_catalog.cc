#include "sql/catalog/memory_catalog.h"

#include <algorithm>
#include <utility>

#include "sql/types/sql_error.h"

namespace stratus::sql::catalog {

std::string LowercaseName(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

Status SchemaNotFoundError(std::string_view database) {
  return SqlError(kSchemaNotFound, "Schema '" + std::string(database) + "' does not exist");
}

Status TableNotFoundError(std::string_view database, std::string_view table) {
  return SqlError(kTableNotFound, "Table 'awsdatacatalog." + std::string(database) + "." +
                                      std::string(table) + "' does not exist");
}

MemoryCatalog::MemoryCatalog() {
  databases_["default"].database.name = "default";
}

MemoryCatalog::~MemoryCatalog() = default;

Result<MemoryCatalog::DatabaseEntry*> MemoryCatalog::FindDatabase(std::string_view name) {
  auto it = databases_.find(LowercaseName(name));
  if (it == databases_.end()) {
    return SchemaNotFoundError(LowercaseName(name));
  }
  return &it->second;
}

Result<MemoryCatalog::TableEntry*> MemoryCatalog::FindTable(std::string_view database,
                                                            std::string_view name) {
  STRATUS_ASSIGN_OR_RETURN(DatabaseEntry * entry, FindDatabase(database));
  auto it = entry->tables.find(LowercaseName(name));
  if (it == entry->tables.end()) {
    return TableNotFoundError(LowercaseName(database), LowercaseName(name));
  }
  return &it->second;
}

Result<std::vector<DatabaseDescriptor>> MemoryCatalog::ListDatabases() {
  std::lock_guard lock(mu_);
  std::vector<DatabaseDescriptor> out;
  for (const auto& [name, entry] : databases_) {
    out.push_back(entry.database);
  }
  return out;
}

Result<std::optional<DatabaseDescriptor>> MemoryCatalog::GetDatabase(std::string_view name) {
  std::lock_guard lock(mu_);
  auto it = databases_.find(LowercaseName(name));
  if (it == databases_.end()) {
    return std::optional<DatabaseDescriptor>();
  }
  return std::optional<DatabaseDescriptor>(it->second.database);
}

Status MemoryCatalog::CreateDatabase(const DatabaseDescriptor& database, bool if_not_exists) {
  std::lock_guard lock(mu_);
  std::string name = LowercaseName(database.name);
  if (databases_.contains(name)) {
    if (if_not_exists) {
      return Status::Ok();
    }
    return SqlError(kSchemaAlreadyExists, "Schema '" + name + "' already exists");
  }
  DatabaseEntry& entry = databases_[name];
  entry.database = database;
  entry.database.name = name;
  return Status::Ok();
}

Status MemoryCatalog::DropDatabase(std::string_view name, bool if_exists, bool cascade) {
  std::lock_guard lock(mu_);
  auto it = databases_.find(LowercaseName(name));
  if (it == databases_.end()) {
    return if_exists ? Status::Ok() : SchemaNotFoundError(LowercaseName(name));
  }
  if (!cascade && !it->second.tables.empty()) {
    return SqlError(kSchemaNotEmpty, "Cannot drop non-empty schema '" + LowercaseName(name) + "'");
  }
  databases_.erase(it);
  return Status::Ok();
}

Result<std::vector<std::string>> MemoryCatalog::ListTables(std::string_view database) {
  std::lock_guard lock(mu_);
  STRATUS_ASSIGN_OR_RETURN(DatabaseEntry * entry, FindDatabase(database));
  std::vector<std::string> out;
  for (const auto& [name, table] : entry->tables) {
    out.push_back(name);
  }
  return out;
}

Result<std::optional<TableDescriptor>> MemoryCatalog::GetTable(std::string_view database,
                                                               std::string_view name) {
  std::lock_guard lock(mu_);
  STRATUS_ASSIGN_OR_RETURN(DatabaseEntry * entry, FindDatabase(database));
  auto it = entry->tables.find(LowercaseName(name));
  if (it == entry->tables.end()) {
    return std::optional<TableDescriptor>();
  }
  return std::optional<TableDescriptor>(it->second.table);
}

Status MemoryCatalog::CreateTable(const TableDescriptor& table, bool if_not_exists) {
  std::lock_guard lock(mu_);
  STRATUS_ASSIGN_OR_RETURN(DatabaseEntry * entry, FindDatabase(table.database));
  std::string name = LowercaseName(table.name);
  if (entry->tables.contains(name)) {
    if (if_not_exists) {
      return Status::Ok();
    }
    return SqlError(kTableAlreadyExists, "Table 'awsdatacatalog." + entry->database.name + "." +
                                             name + "' already exists");
  }
  TableEntry& created = entry->tables[name];
  created.table = table;
  created.table.database = entry->database.name;
  created.table.name = name;
  created.table.version = 0;
  return Status::Ok();
}

Status MemoryCatalog::UpdateTable(const TableDescriptor& table) {
  std::lock_guard lock(mu_);
  STRATUS_ASSIGN_OR_RETURN(TableEntry * entry, FindTable(table.database, table.name));
  if (entry->table.version != table.version) {
    return Status::FailedPrecondition("Table '" + table.name + "' was changed concurrently");
  }
  std::string database = entry->table.database;
  std::string name = entry->table.name;
  entry->table = table;
  entry->table.database = database;
  entry->table.name = name;
  entry->table.version = table.version + 1;
  return Status::Ok();
}

Status MemoryCatalog::DropTable(std::string_view database, std::string_view name, bool if_exists) {
  std::lock_guard lock(mu_);
  STRATUS_ASSIGN_OR_RETURN(DatabaseEntry * entry, FindDatabase(database));
  auto it = entry->tables.find(LowercaseName(name));
  if (it == entry->tables.end()) {
    return if_exists ? Status::Ok() : TableNotFoundError(entry->database.name, LowercaseName(name));
  }
  entry->tables.erase(it);
  return Status::Ok();
}

Result<std::vector<PartitionDescriptor>> MemoryCatalog::ListPartitions(std::string_view database,
                                                                       std::string_view table) {
  std::lock_guard lock(mu_);
  STRATUS_ASSIGN_OR_RETURN(TableEntry * entry, FindTable(database, table));
  return entry->partitions;
}

Status MemoryCatalog::AddPartitions(std::string_view database,
                                    std::string_view table,
                                    const std::vector<PartitionDescriptor>& partitions,
                                    bool if_not_exists) {
  std::lock_guard lock(mu_);
  STRATUS_ASSIGN_OR_RETURN(TableEntry * entry, FindTable(database, table));
  for (const PartitionDescriptor& partition : partitions) {
    if (partition.values.size() != entry->table.partition_keys.size()) {
      return SqlError(kGenericUserError, "Partition value count does not match partition keys");
    }
    auto same = [&](const PartitionDescriptor& p) {
      return p.values == partition.values;
    };
    if (std::any_of(entry->partitions.begin(), entry->partitions.end(), same)) {
      if (if_not_exists) {
        continue;
      }
      return SqlError(kGenericUserError, "Partition already exists");
    }
    entry->partitions.push_back(partition);
  }
  return Status::Ok();
}

Status MemoryCatalog::DropPartitions(std::string_view database,
                                     std::string_view table,
                                     const std::vector<std::vector<std::string>>& values,
                                     bool if_exists) {
  std::lock_guard lock(mu_);
  STRATUS_ASSIGN_OR_RETURN(TableEntry * entry, FindTable(database, table));
  for (const std::vector<std::string>& value : values) {
    auto it = std::find_if(entry->partitions.begin(), entry->partitions.end(),
                           [&](const PartitionDescriptor& p) { return p.values == value; });
    if (it == entry->partitions.end()) {
      if (if_exists) {
        continue;
      }
      return SqlError(kGenericUserError, "Partition does not exist");
    }
    entry->partitions.erase(it);
  }
  return Status::Ok();
}

}  // namespace stratus::sql::catalog
