#include "athena/api/catalog_json.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "athena/api/athena_json.h"
#include "athena/api/request_fields.h"
#include "athena/engine.h"
#include "athena/errors.h"
#include "athena/store.h"
#include "base/format.h"
#include "sql/catalog/catalog.h"

namespace stratus::athena::api {
namespace {

Json ColumnsToJson(const std::vector<sql::catalog::ColumnDescriptor>& columns) {
  Json out = Json::array();
  for (const sql::catalog::ColumnDescriptor& column : columns) {
    Json entry{{"Name", column.name}, {"Type", column.hive_type}};
    if (!column.comment.empty()) {
      entry["Comment"] = column.comment;
    }
    out.push_back(std::move(entry));
  }
  return out;
}

std::string_view TableTypeOf(sql::catalog::TableKind kind) {
  switch (kind) {
    case sql::catalog::TableKind::kView:
      return "VIRTUAL_VIEW";
    case sql::catalog::TableKind::kManaged:
      return "MANAGED_TABLE";
    case sql::catalog::TableKind::kExternal:
    case sql::catalog::TableKind::kIceberg:
      return "EXTERNAL_TABLE";
  }
  return "EXTERNAL_TABLE";
}

}  // namespace

bool IsAwsDataCatalog(std::string_view name) {
  return std::equal(name.begin(), name.end(), kAwsDataCatalog.begin(), kAwsDataCatalog.end(),
                    [](char a, char b) { return std::tolower(a) == std::tolower(b); });
}

Status RequireQueryableCatalog(Engine& engine, const std::string& name) {
  if (IsAwsDataCatalog(name)) {
    return Status::Ok();
  }
  STRATUS_ASSIGN_OR_RETURN(std::optional<DataCatalog> registered,
                           engine.store().FindDataCatalog(name));
  if (!registered.has_value()) {
    return AthenaError::DataCatalogNotFound(name);
  }
  return AthenaError::InvalidRequest(
      Format("Catalog {} is a {} data catalog: stratus reads and queries only {}", name,
             registered->type, kAwsDataCatalog));
}

Result<sql::catalog::Catalog*> CatalogOf(Engine& engine, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "CatalogName"));
  STRATUS_RETURN_IF_ERROR(RequireQueryableCatalog(engine, name));
  if (engine.catalog() == nullptr) {
    return AthenaError::InternalServer("the data catalog is not available");
  }
  return engine.catalog();
}

Json DatabaseToJson(const sql::catalog::DatabaseDescriptor& database) {
  Json parameters = Json::object();
  for (const auto& [key, value] : database.properties) {
    parameters[key] = value;
  }
  if (!database.location.empty()) {
    parameters["location"] = database.location;
  }
  Json out{{"Name", database.name}, {"Parameters", std::move(parameters)}};
  if (!database.description.empty()) {
    out["Description"] = database.description;
  }
  return out;
}

// AWS: TableMetadata.Parameters flattens the storage descriptor into the
// table's parameters ("location", "inputformat", "serde.param.*").
Json TableToJson(const sql::catalog::TableDescriptor& table) {
  Json parameters = Json::object();
  for (const auto& [key, value] : table.table_properties) {
    parameters[key] = value;
  }
  if (table.kind == sql::catalog::TableKind::kExternal) {
    parameters["EXTERNAL"] = "TRUE";
  }
  if (!table.location.empty()) {
    parameters["location"] = table.location;
  }
  if (!table.input_format.empty()) {
    parameters["inputformat"] = table.input_format;
  }
  if (!table.output_format.empty()) {
    parameters["outputformat"] = table.output_format;
  }
  if (!table.serde_library.empty()) {
    parameters["serde.serialization.lib"] = table.serde_library;
  }
  for (const auto& [key, value] : table.serde_properties) {
    parameters["serde.param." + key] = value;
  }
  if (!table.comment.empty()) {
    parameters["comment"] = table.comment;
  }
  return Json{{"Name", table.name},
              {"CreateTime", EpochSeconds(table.created_millis)},
              {"TableType", TableTypeOf(table.kind)},
              {"Columns", ColumnsToJson(table.columns)},
              {"PartitionKeys", ColumnsToJson(table.partition_keys)},
              {"Parameters", std::move(parameters)}};
}

// Errors of the catalog (Trino's names) reach the client as MetadataException.
Result<Json> MappedCatalogError(Result<Json> result) {
  if (result.ok() || result.status().aws_type() == "MetadataException" ||
      result.status().aws_type() == "InvalidRequestException" ||
      result.status().aws_type() == "InternalServerException") {
    return result;
  }
  return result.status().WithAwsType("MetadataException", 400);
}

}  // namespace stratus::athena::api
