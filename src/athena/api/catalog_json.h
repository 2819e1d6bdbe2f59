#pragma once

#include <string>
#include <string_view>

#include "base/json.h"
#include "base/result.h"

namespace stratus::sql::catalog {
class Catalog;
struct DatabaseDescriptor;
struct TableDescriptor;
}  // namespace stratus::sql::catalog

namespace stratus::athena {
class Engine;
}  // namespace stratus::athena

namespace stratus::athena::api {

// The data catalog operations' shared parts: the one catalog Athena has
// (AwsDataCatalog, Glue's) and its databases and tables as Athena's
// Database and TableMetadata shapes.

/// AWS: the Glue Data Catalog is every account's built-in catalog.
inline constexpr std::string_view kAwsDataCatalog = "AwsDataCatalog";

/// Returns true for "AwsDataCatalog" in any case.
bool IsAwsDataCatalog(std::string_view name);

/// Fails unless `name` is AwsDataCatalog, the one catalog stratus queries: a
/// registered GLUE, HIVE or LAMBDA catalog or an unknown one is
/// InvalidRequestException.
Status RequireQueryableCatalog(Engine& engine, const std::string& name);

/// Returns the engine's catalog for the input's CatalogName; another name is
/// InvalidRequestException.
Result<sql::catalog::Catalog*> CatalogOf(Engine& engine, const Json& input);

/// The Database shape.
Json DatabaseToJson(const sql::catalog::DatabaseDescriptor& database);

/// The TableMetadata shape.
Json TableToJson(const sql::catalog::TableDescriptor& table);

/// Returns `result`, its catalog errors (Trino's names) as MetadataException.
Result<Json> MappedCatalogError(Result<Json> result);

}  // namespace stratus::athena::api
