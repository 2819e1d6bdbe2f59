#include <algorithm>
#include <cctype>
#include <utility>

#include "athena/api/athena_json.h"
#include "athena/api/handlers.h"
#include "athena/api/request_fields.h"
#include "athena/engine.h"
#include "base/format.h"
#include "sql/catalog/catalog.h"

namespace stratus::athena::api {
namespace {

// AWS: the Glue Data Catalog is every account's built-in catalog.
constexpr std::string_view kAwsDataCatalog = "AwsDataCatalog";
constexpr int kMaxListedTables = 50;

bool IsAwsDataCatalog(std::string_view name) {
  return std::equal(name.begin(), name.end(), kAwsDataCatalog.begin(), kAwsDataCatalog.end(),
                    [](char a, char b) { return std::tolower(a) == std::tolower(b); });
}

Result<sql::catalog::Catalog*> CatalogOf(Engine& engine, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "CatalogName"));
  if (!IsAwsDataCatalog(name)) {
    return AthenaError::DataCatalogNotFound(name);
  }
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

// Matches Athena's ListTableMetadata Expression: a regex-like pattern where
// '*' is any run of characters and '|' separates alternatives.
bool MatchesExpression(std::string_view name, std::string_view expression) {
  if (expression.empty()) {
    return true;
  }
  size_t start = 0;
  while (start <= expression.size()) {
    const size_t bar = expression.find('|', start);
    const std::string_view pattern = expression.substr(
        start, bar == std::string_view::npos ? std::string_view::npos : bar - start);
    // Glob match with '*' (also accepting ".*").
    std::string glob;
    for (size_t i = 0; i < pattern.size(); ++i) {
      if (pattern[i] == '.' && i + 1 < pattern.size() && pattern[i + 1] == '*') {
        continue;
      }
      glob.push_back(pattern[i]);
    }
    size_t n = 0;
    size_t g = 0;
    size_t star = std::string::npos;
    size_t mark = 0;
    while (n < name.size()) {
      if (g < glob.size() && glob[g] != '*' && std::tolower(glob[g]) == std::tolower(name[n])) {
        ++g;
        ++n;
      } else if (g < glob.size() && glob[g] == '*') {
        star = g++;
        mark = n;
      } else if (star != std::string::npos) {
        g = star + 1;
        n = ++mark;
      } else {
        break;
      }
    }
    while (g < glob.size() && glob[g] == '*') {
      ++g;
    }
    if (n == name.size() && g == glob.size()) {
      return true;
    }
    if (bar == std::string_view::npos) {
      break;
    }
    start = bar + 1;
  }
  return false;
}

}  // namespace

Result<Json> ListDataCatalogs(Engine& /*engine*/,
                              const aws::RequestContext& /*context*/,
                              const Json& /*input*/) {
  return Json{{"DataCatalogsSummary",
               Json::array({Json{{"CatalogName", kAwsDataCatalog}, {"Type", "GLUE"}}})}};
}

Result<Json> GetDataCatalog(Engine& /*engine*/,
                            const aws::RequestContext& context,
                            const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "Name"));
  if (!IsAwsDataCatalog(name)) {
    return AthenaError::DataCatalogNotFound(name);
  }
  return Json{{"DataCatalog", Json{{"Name", kAwsDataCatalog},
                                   {"Description", "AWS Glue Data Catalog"},
                                   {"Type", "GLUE"},
                                   {"Parameters", Json{{"catalog-id", context.account_id}}}}}};
}

namespace {

Result<Json> ListDatabasesUnmapped(Engine& engine,
                                   const aws::RequestContext& /*context*/,
                                   const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(sql::catalog::Catalog * catalog, CatalogOf(engine, input));
  STRATUS_ASSIGN_OR_RETURN(std::vector<sql::catalog::DatabaseDescriptor> databases,
                           catalog->ListDatabases());
  Json out{{"DatabaseList", Json::array()}};
  for (const sql::catalog::DatabaseDescriptor& database : databases) {
    out["DatabaseList"].push_back(DatabaseToJson(database));
  }
  return out;
}

Result<Json> GetDatabaseUnmapped(Engine& engine,
                                 const aws::RequestContext& /*context*/,
                                 const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(sql::catalog::Catalog * catalog, CatalogOf(engine, input));
  STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "DatabaseName"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<sql::catalog::DatabaseDescriptor> database,
                           catalog->GetDatabase(name));
  if (!database.has_value()) {
    return AthenaError::DatabaseNotFound(name);
  }
  return Json{{"Database", DatabaseToJson(*database)}};
}

Result<Json> ListTableMetadataUnmapped(Engine& engine,
                                       const aws::RequestContext& /*context*/,
                                       const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(sql::catalog::Catalog * catalog, CatalogOf(engine, input));
  STRATUS_ASSIGN_OR_RETURN(std::string database, RequiredString(input, "DatabaseName"));
  STRATUS_ASSIGN_OR_RETURN(std::string expression, StringOr(input, "Expression", ""));
  STRATUS_ASSIGN_OR_RETURN(std::string token, StringOr(input, "NextToken", ""));
  STRATUS_ASSIGN_OR_RETURN(int max_results,
                           MaxResultsOf(input, kMaxListedTables, kMaxListedTables));
  STRATUS_ASSIGN_OR_RETURN(std::optional<sql::catalog::DatabaseDescriptor> found,
                           catalog->GetDatabase(database));
  if (!found.has_value()) {
    return AthenaError::DatabaseNotFound(database);
  }
  STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> names, catalog->ListTables(database));
  Json out{{"TableMetadataList", Json::array()}};
  for (const std::string& name : names) {
    if (name <= token || !MatchesExpression(name, expression)) {
      continue;
    }
    if (std::ssize(out["TableMetadataList"]) == max_results) {
      out["NextToken"] = out["TableMetadataList"].back()["Name"];
      break;
    }
    STRATUS_ASSIGN_OR_RETURN(std::optional<sql::catalog::TableDescriptor> table,
                             catalog->GetTable(database, name));
    if (table.has_value()) {
      out["TableMetadataList"].push_back(TableToJson(*table));
    }
  }
  return out;
}

Result<Json> GetTableMetadataUnmapped(Engine& engine,
                                      const aws::RequestContext& /*context*/,
                                      const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(sql::catalog::Catalog * catalog, CatalogOf(engine, input));
  STRATUS_ASSIGN_OR_RETURN(std::string database, RequiredString(input, "DatabaseName"));
  STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "TableName"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<sql::catalog::DatabaseDescriptor> found,
                           catalog->GetDatabase(database));
  if (!found.has_value()) {
    return AthenaError::DatabaseNotFound(database);
  }
  STRATUS_ASSIGN_OR_RETURN(std::optional<sql::catalog::TableDescriptor> table,
                           catalog->GetTable(database, name));
  if (!table.has_value()) {
    return AthenaError::TableNotFound(Format("{}.{}", database, name));
  }
  return Json{{"TableMetadata", TableToJson(*table)}};
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

}  // namespace

Result<Json> ListDatabases(Engine& engine, const aws::RequestContext& context, const Json& input) {
  return MappedCatalogError(ListDatabasesUnmapped(engine, context, input));
}

Result<Json> GetDatabase(Engine& engine, const aws::RequestContext& context, const Json& input) {
  return MappedCatalogError(GetDatabaseUnmapped(engine, context, input));
}

Result<Json> ListTableMetadata(Engine& engine,
                               const aws::RequestContext& context,
                               const Json& input) {
  return MappedCatalogError(ListTableMetadataUnmapped(engine, context, input));
}

Result<Json> GetTableMetadata(Engine& engine,
                              const aws::RequestContext& context,
                              const Json& input) {
  return MappedCatalogError(GetTableMetadataUnmapped(engine, context, input));
}

}  // namespace stratus::athena::api
