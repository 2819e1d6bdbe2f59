#include "glue/api/catalog_json.h"

#include <cmath>
#include <string>
#include <string_view>

#include "aws/request_fields.h"
#include "glue/api/request_fields.h"
#include "glue/errors.h"

namespace stratus::glue::api {
namespace {

Json EpochSeconds(int64_t millis) {
  return static_cast<double>(millis) / 1000.0;
}

void PutString(Json& out, std::string_view member, const std::string& value) {
  if (!value.empty()) {
    out[std::string(member)] = value;
  }
}

void PutTime(Json& out, std::string_view member, int64_t millis) {
  if (millis != 0) {
    out[std::string(member)] = EpochSeconds(millis);
  }
}

Result<std::string> StringOr(const Json& input, std::string_view member) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> value, OptionalString(input, member));
  return value.value_or("");
}

// Reads an epoch-seconds timestamp member as milliseconds (0 when absent).
Result<int64_t> TimeOf(const Json& input, std::string_view member) {
  const Json* value = input.is_object() && input.contains(member) ? &input.at(member) : nullptr;
  if (value == nullptr || value->is_null()) {
    return 0;
  }
  if (!value->is_number()) {
    return GlueError::InvalidInput(std::string("Invalid type for parameter ") +
                                   std::string(member) + ", expected a timestamp");
  }
  return static_cast<int64_t>(std::llround(value->get<double>() * 1000.0));
}

Result<Parameters> ParametersOf(const Json& input, std::string_view member) {
  STRATUS_ASSIGN_OR_RETURN(Json object, OptionalObject(input, member));
  Parameters parameters;
  for (const auto& [key, value] : object.items()) {
    if (!value.is_string()) {
      return GlueError::InvalidInput(std::string("Invalid type for parameter ") +
                                     std::string(member) + "." + key + ", expected a string");
    }
    parameters.emplace(key, value.get<std::string>());
  }
  return parameters;
}

Json ParametersJson(const Parameters& parameters) {
  Json out = Json::object();
  for (const auto& [key, value] : parameters) {
    out[key] = value;
  }
  return out;
}

Result<std::vector<Column>> ColumnsOf(const Json& input, std::string_view member) {
  STRATUS_ASSIGN_OR_RETURN(Json list, OptionalArray(input, member));
  std::vector<Column> columns;
  for (const Json& item : list) {
    Column column;
    STRATUS_ASSIGN_OR_RETURN(column.name, RequiredString(item, "Name"));
    STRATUS_ASSIGN_OR_RETURN(column.type, StringOr(item, "Type"));
    STRATUS_ASSIGN_OR_RETURN(column.comment, StringOr(item, "Comment"));
    STRATUS_ASSIGN_OR_RETURN(column.parameters, ParametersOf(item, "Parameters"));
    columns.push_back(std::move(column));
  }
  return columns;
}

Json ColumnsJson(const std::vector<Column>& columns) {
  Json out = Json::array();
  for (const Column& column : columns) {
    Json item{{"Name", column.name}};
    PutString(item, "Type", column.type);
    PutString(item, "Comment", column.comment);
    if (!column.parameters.empty()) {
      item["Parameters"] = ParametersJson(column.parameters);
    }
    out.push_back(std::move(item));
  }
  return out;
}

Result<std::optional<SerDeInfo>> SerdeOf(const Json& input) {
  if (aws::PresentMember(input, "SerdeInfo") == nullptr) {
    return std::optional<SerDeInfo>();
  }
  STRATUS_ASSIGN_OR_RETURN(Json serde_json, OptionalObject(input, "SerdeInfo"));
  SerDeInfo serde;
  STRATUS_ASSIGN_OR_RETURN(serde.name, StringOr(serde_json, "Name"));
  STRATUS_ASSIGN_OR_RETURN(serde.serialization_library,
                           StringOr(serde_json, "SerializationLibrary"));
  STRATUS_ASSIGN_OR_RETURN(serde.parameters, ParametersOf(serde_json, "Parameters"));
  return std::optional<SerDeInfo>(std::move(serde));
}

Result<std::optional<StorageDescriptor>> StorageOf(const Json& input) {
  if (aws::PresentMember(input, "StorageDescriptor") == nullptr) {
    return std::optional<StorageDescriptor>();
  }
  STRATUS_ASSIGN_OR_RETURN(Json sd, OptionalObject(input, "StorageDescriptor"));
  StorageDescriptor storage;
  STRATUS_ASSIGN_OR_RETURN(storage.columns, ColumnsOf(sd, "Columns"));
  STRATUS_ASSIGN_OR_RETURN(storage.location, StringOr(sd, "Location"));
  STRATUS_ASSIGN_OR_RETURN(storage.additional_locations, StringList(sd, "AdditionalLocations"));
  STRATUS_ASSIGN_OR_RETURN(storage.input_format, StringOr(sd, "InputFormat"));
  STRATUS_ASSIGN_OR_RETURN(storage.output_format, StringOr(sd, "OutputFormat"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<bool> compressed, OptionalBool(sd, "Compressed"));
  storage.compressed = compressed.value_or(false);
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> buckets, OptionalInteger(sd, "NumberOfBuckets"));
  storage.number_of_buckets = buckets.value_or(0);
  STRATUS_ASSIGN_OR_RETURN(storage.serde_info, SerdeOf(sd));
  STRATUS_ASSIGN_OR_RETURN(storage.bucket_columns, StringList(sd, "BucketColumns"));
  STRATUS_ASSIGN_OR_RETURN(Json sort_columns, OptionalArray(sd, "SortColumns"));
  for (const Json& item : sort_columns) {
    SortColumn sort;
    STRATUS_ASSIGN_OR_RETURN(sort.column, RequiredString(item, "Column"));
    STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> order, OptionalInteger(item, "SortOrder"));
    sort.sort_order = static_cast<int>(order.value_or(1));
    storage.sort_columns.push_back(std::move(sort));
  }
  STRATUS_ASSIGN_OR_RETURN(storage.parameters, ParametersOf(sd, "Parameters"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<bool> sub_directories,
                           OptionalBool(sd, "StoredAsSubDirectories"));
  storage.stored_as_sub_directories = sub_directories.value_or(false);
  return std::optional<StorageDescriptor>(std::move(storage));
}

// AWS: a StorageDescriptor comes back with its lists, flags and maps even
// when they are empty.
Json StorageJson(const StorageDescriptor& storage, bool exclude_columns) {
  Json out{{"Columns", exclude_columns ? Json::array() : ColumnsJson(storage.columns)},
           {"Compressed", storage.compressed},
           {"NumberOfBuckets", storage.number_of_buckets},
           {"BucketColumns", storage.bucket_columns},
           {"SortColumns", Json::array()},
           {"Parameters", ParametersJson(storage.parameters)},
           {"StoredAsSubDirectories", storage.stored_as_sub_directories}};
  PutString(out, "Location", storage.location);
  if (!storage.additional_locations.empty()) {
    out["AdditionalLocations"] = storage.additional_locations;
  }
  PutString(out, "InputFormat", storage.input_format);
  PutString(out, "OutputFormat", storage.output_format);
  if (storage.serde_info.has_value()) {
    Json serde{{"Parameters", ParametersJson(storage.serde_info->parameters)}};
    PutString(serde, "Name", storage.serde_info->name);
    PutString(serde, "SerializationLibrary", storage.serde_info->serialization_library);
    out["SerdeInfo"] = std::move(serde);
  }
  for (const SortColumn& sort : storage.sort_columns) {
    out["SortColumns"].push_back(Json{{"Column", sort.column}, {"SortOrder", sort.sort_order}});
  }
  return out;
}

}  // namespace

Result<DatabaseDefinition> DatabaseFromJson(const Json& input) {
  DatabaseDefinition definition;
  STRATUS_ASSIGN_OR_RETURN(definition.name, RequiredString(input, "Name"));
  STRATUS_ASSIGN_OR_RETURN(definition.description, StringOr(input, "Description"));
  STRATUS_ASSIGN_OR_RETURN(definition.location_uri, StringOr(input, "LocationUri"));
  STRATUS_ASSIGN_OR_RETURN(definition.parameters, ParametersOf(input, "Parameters"));
  STRATUS_ASSIGN_OR_RETURN(Json grants, OptionalArray(input, "CreateTableDefaultPermissions"));
  for (const Json& item : grants) {
    PrincipalPermissions grant;
    STRATUS_ASSIGN_OR_RETURN(Json principal, OptionalObject(item, "Principal"));
    STRATUS_ASSIGN_OR_RETURN(grant.principal, StringOr(principal, "DataLakePrincipalIdentifier"));
    STRATUS_ASSIGN_OR_RETURN(grant.permissions, StringList(item, "Permissions"));
    definition.create_table_default_permissions.push_back(std::move(grant));
  }
  return definition;
}

Json DatabaseToJson(const Database& database) {
  const DatabaseDefinition& definition = database.definition;
  Json out{{"Name", definition.name},
           {"Parameters", ParametersJson(definition.parameters)},
           {"CreateTime", EpochSeconds(database.created_millis)},
           {"CreateTableDefaultPermissions", Json::array()},
           {"CatalogId", database.catalog_id}};
  PutString(out, "Description", definition.description);
  PutString(out, "LocationUri", definition.location_uri);
  for (const PrincipalPermissions& grant : definition.create_table_default_permissions) {
    out["CreateTableDefaultPermissions"].push_back(
        Json{{"Principal", Json{{"DataLakePrincipalIdentifier", grant.principal}}},
             {"Permissions", grant.permissions}});
  }
  return out;
}

Result<TableDefinition> TableFromJson(const Json& input) {
  TableDefinition definition;
  STRATUS_ASSIGN_OR_RETURN(definition.name, RequiredString(input, "Name"));
  STRATUS_ASSIGN_OR_RETURN(definition.description, StringOr(input, "Description"));
  STRATUS_ASSIGN_OR_RETURN(definition.owner, StringOr(input, "Owner"));
  STRATUS_ASSIGN_OR_RETURN(definition.last_access_millis, TimeOf(input, "LastAccessTime"));
  STRATUS_ASSIGN_OR_RETURN(definition.last_analyzed_millis, TimeOf(input, "LastAnalyzedTime"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> retention, OptionalInteger(input, "Retention"));
  definition.retention = retention.value_or(0);
  STRATUS_ASSIGN_OR_RETURN(definition.storage, StorageOf(input));
  STRATUS_ASSIGN_OR_RETURN(definition.partition_keys, ColumnsOf(input, "PartitionKeys"));
  STRATUS_ASSIGN_OR_RETURN(definition.view_original_text, StringOr(input, "ViewOriginalText"));
  STRATUS_ASSIGN_OR_RETURN(definition.view_expanded_text, StringOr(input, "ViewExpandedText"));
  STRATUS_ASSIGN_OR_RETURN(definition.table_type, StringOr(input, "TableType"));
  STRATUS_ASSIGN_OR_RETURN(definition.parameters, ParametersOf(input, "Parameters"));
  if (aws::PresentMember(input, "TargetTable") != nullptr) {
    STRATUS_ASSIGN_OR_RETURN(Json target_json, OptionalObject(input, "TargetTable"));
    TableIdentifier target;
    STRATUS_ASSIGN_OR_RETURN(target.catalog_id, StringOr(target_json, "CatalogId"));
    STRATUS_ASSIGN_OR_RETURN(target.database_name, StringOr(target_json, "DatabaseName"));
    STRATUS_ASSIGN_OR_RETURN(target.name, StringOr(target_json, "Name"));
    STRATUS_ASSIGN_OR_RETURN(target.region, StringOr(target_json, "Region"));
    definition.target_table = std::move(target);
  }
  return definition;
}

Json TableToJson(const Table& table) {
  const TableDefinition& definition = table.definition;
  Json out{{"Name", definition.name},
           {"DatabaseName", table.database_name},
           {"CreateTime", EpochSeconds(table.created_millis)},
           {"UpdateTime", EpochSeconds(table.updated_millis)},
           {"Retention", definition.retention},
           {"PartitionKeys", ColumnsJson(definition.partition_keys)},
           {"Parameters", ParametersJson(definition.parameters)},
           {"IsRegisteredWithLakeFormation", false},
           {"CatalogId", table.catalog_id},
           {"VersionId", std::to_string(table.version)},
           {"IsMultiDialectView", false}};
  PutString(out, "Description", definition.description);
  PutString(out, "Owner", definition.owner);
  PutTime(out, "LastAccessTime", definition.last_access_millis);
  PutTime(out, "LastAnalyzedTime", definition.last_analyzed_millis);
  if (definition.storage.has_value()) {
    out["StorageDescriptor"] = StorageJson(*definition.storage, false);
  }
  PutString(out, "ViewOriginalText", definition.view_original_text);
  PutString(out, "ViewExpandedText", definition.view_expanded_text);
  PutString(out, "TableType", definition.table_type);
  if (definition.target_table.has_value()) {
    Json target = Json::object();
    PutString(target, "CatalogId", definition.target_table->catalog_id);
    PutString(target, "DatabaseName", definition.target_table->database_name);
    PutString(target, "Name", definition.target_table->name);
    PutString(target, "Region", definition.target_table->region);
    out["TargetTable"] = std::move(target);
  }
  return out;
}

Result<PartitionDefinition> PartitionFromJson(const Json& input) {
  PartitionDefinition definition;
  STRATUS_ASSIGN_OR_RETURN(definition.values, StringList(input, "Values"));
  STRATUS_ASSIGN_OR_RETURN(definition.last_access_millis, TimeOf(input, "LastAccessTime"));
  STRATUS_ASSIGN_OR_RETURN(definition.last_analyzed_millis, TimeOf(input, "LastAnalyzedTime"));
  STRATUS_ASSIGN_OR_RETURN(definition.storage, StorageOf(input));
  STRATUS_ASSIGN_OR_RETURN(definition.parameters, ParametersOf(input, "Parameters"));
  return definition;
}

Json PartitionToJson(const Partition& partition, bool exclude_columns) {
  const PartitionDefinition& definition = partition.definition;
  Json out{{"Values", definition.values},
           {"DatabaseName", partition.database_name},
           {"TableName", partition.table_name},
           {"CreationTime", EpochSeconds(partition.created_millis)},
           {"Parameters", ParametersJson(definition.parameters)},
           {"CatalogId", partition.catalog_id}};
  PutTime(out, "LastAccessTime", definition.last_access_millis);
  PutTime(out, "LastAnalyzedTime", definition.last_analyzed_millis);
  if (definition.storage.has_value()) {
    out["StorageDescriptor"] = StorageJson(*definition.storage, exclude_columns);
  }
  return out;
}

Json ErrorDetailJson(const Status& status) {
  const Status tagged = GlueError::FromEngine(status);
  return Json{{"ErrorCode", tagged.aws_type()}, {"ErrorMessage", tagged.message()}};
}

}  // namespace stratus::glue::api
