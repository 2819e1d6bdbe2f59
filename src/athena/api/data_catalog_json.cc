#include "athena/api/data_catalog_json.h"

#include <algorithm>
#include <utility>

#include "athena/api/catalog_json.h"
#include "athena/api/request_fields.h"
#include "athena/errors.h"
#include "base/format.h"

namespace stratus::athena::api {
namespace {

bool HasParameter(const DataCatalog& catalog, std::string_view key) {
  for (size_t i = 0; i + 1 < catalog.parameters.size(); i += 2) {
    if (catalog.parameters[i] == key) {
      return true;
    }
  }
  return false;
}

Status ValidateParameters(const DataCatalog& catalog) {
  if (catalog.type == "GLUE" && !HasParameter(catalog, "catalog-id")) {
    return AthenaError::InvalidRequest("GLUE data catalog parameters must include catalog-id");
  }
  if (catalog.type == "HIVE" && !HasParameter(catalog, "metadata-function")) {
    return AthenaError::InvalidRequest(
        "HIVE data catalog parameters must include metadata-function");
  }
  if (catalog.type == "LAMBDA" && !HasParameter(catalog, "function") &&
      !(HasParameter(catalog, "metadata-function") && HasParameter(catalog, "record-function"))) {
    return AthenaError::InvalidRequest(
        "LAMBDA data catalog parameters must include function, or metadata-function and "
        "record-function");
  }
  return Status::Ok();
}

}  // namespace

Result<DataCatalog> DataCatalogOf(const Json& input) {
  DataCatalog catalog;
  STRATUS_ASSIGN_OR_RETURN(catalog.name, RequiredString(input, "Name"));
  STRATUS_ASSIGN_OR_RETURN(catalog.type, RequiredString(input, "Type"));
  STRATUS_ASSIGN_OR_RETURN(catalog.description, StringOr(input, "Description", ""));
  if (IsAwsDataCatalog(catalog.name)) {
    return AthenaError::InvalidRequest(Format("Catalog {} is reserved", kAwsDataCatalog));
  }
  if (catalog.type != "GLUE" && catalog.type != "HIVE" && catalog.type != "LAMBDA") {
    return AthenaError::InvalidRequest(
        Format("Data catalog type {} is not supported: use GLUE, HIVE or LAMBDA", catalog.type));
  }
  STRATUS_ASSIGN_OR_RETURN(Json parameters, OptionalObject(input, "Parameters"));
  for (const auto& [key, value] : parameters.items()) {
    if (!value.is_string()) {
      return AthenaError::InvalidRequest(Format("Parameter {} must be a string", key));
    }
    catalog.parameters.push_back(key);
    catalog.parameters.push_back(value.get<std::string>());
  }
  STRATUS_RETURN_IF_ERROR(ValidateParameters(catalog));
  return catalog;
}

Json DataCatalogToJson(const DataCatalog& catalog) {
  Json parameters = Json::object();
  for (size_t i = 0; i + 1 < catalog.parameters.size(); i += 2) {
    parameters[catalog.parameters[i]] = catalog.parameters[i + 1];
  }
  Json out{{"Name", catalog.name}, {"Type", catalog.type}, {"Parameters", std::move(parameters)}};
  if (!catalog.description.empty()) {
    out["Description"] = catalog.description;
  }
  return out;
}

Result<std::vector<Tag>> TagsOf(const Json& input, const char* member) {
  std::vector<Tag> tags;
  if (!input.contains(member)) {
    return tags;
  }
  const Json& list = input[member];
  if (!list.is_array()) {
    return AthenaError::InvalidRequest(Format("{} must be a list", member));
  }
  for (const Json& item : list) {
    Tag tag;
    STRATUS_ASSIGN_OR_RETURN(tag.key, RequiredString(item, "Key"));
    STRATUS_ASSIGN_OR_RETURN(tag.value, StringOr(item, "Value", ""));
    tags.push_back(std::move(tag));
  }
  return tags;
}

Json TagsToJson(const std::vector<Tag>& tags) {
  Json out = Json::array();
  for (const Tag& tag : tags) {
    out.push_back(Json{{"Key", tag.key}, {"Value", tag.value}});
  }
  return out;
}

Result<std::string> TaggedResourceOf(const std::string& arn) {
  // arn:<partition>:athena:<region>:<account>:workgroup/<name> or datacatalog/<name>.
  size_t colons = 0;
  size_t position = 0;
  while (colons < 5 && (position = arn.find(':', position)) != std::string::npos) {
    ++colons;
    ++position;
  }
  if (colons == 5 && arn.starts_with("arn:") && arn.find(":athena:") != std::string::npos) {
    const std::string resource = arn.substr(position);
    for (std::string_view kind : {"workgroup/", "datacatalog/"}) {
      if (resource.starts_with(kind) && resource.size() > kind.size()) {
        return resource;
      }
    }
  }
  return AthenaError::InvalidRequest(Format("Invalid resource ARN: {}", arn));
}

}  // namespace stratus::athena::api
