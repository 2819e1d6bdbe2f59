#include "glue/api/request_fields.h"

#include <algorithm>

#include "aws/request_fields.h"
#include "base/format.h"
#include "glue/errors.h"

namespace stratus::glue::api {
namespace {

Status WrongType(std::string_view member, aws::FieldType expected) {
  return GlueError::InvalidInput(Format("Invalid type for parameter {}, expected {}", member,
                                        aws::DescribeFieldType(expected)));
}

Status Missing(std::string_view member) {
  return GlueError::InvalidInput(Format("{} is required", member));
}

constexpr aws::FieldErrors kErrors{.missing = Missing, .wrong_type = WrongType};

}  // namespace

Result<std::string> RequiredString(const Json& input, std::string_view member) {
  return aws::RequiredString(input, member, kErrors);
}

Result<std::optional<std::string>> OptionalString(const Json& input, std::string_view member) {
  return aws::OptionalString(input, member, kErrors);
}

Result<std::optional<bool>> OptionalBool(const Json& input, std::string_view member) {
  return aws::OptionalBool(input, member, kErrors);
}

Result<std::optional<int64_t>> OptionalInteger(const Json& input, std::string_view member) {
  return aws::OptionalInteger(input, member, kErrors);
}

Result<Json> RequiredObject(const Json& input, std::string_view member) {
  if (aws::PresentMember(input, member) == nullptr) {
    return Missing(member);
  }
  return aws::OptionalObject(input, member, kErrors);
}

Result<Json> OptionalObject(const Json& input, std::string_view member) {
  return aws::OptionalObject(input, member, kErrors);
}

Result<Json> OptionalArray(const Json& input, std::string_view member) {
  return aws::OptionalArray(input, member, kErrors);
}

Result<std::vector<std::string>> StringList(const Json& input, std::string_view member) {
  return aws::StringList(input, member, kErrors);
}

Result<std::string> CatalogIdOf(const aws::RequestContext& context, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> catalog_id,
                           OptionalString(input, "CatalogId"));
  return catalog_id.value_or(context.account_id);
}

Result<DatabaseRef> DatabaseRefOf(const aws::RequestContext& context, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string catalog_id, CatalogIdOf(context, input));
  STRATUS_ASSIGN_OR_RETURN(std::string database, RequiredString(input, "DatabaseName"));
  return DatabaseRef{.catalog_id = std::move(catalog_id), .name = std::move(database)};
}

Result<TableRef> TableRefOf(const aws::RequestContext& context,
                            const Json& input,
                            std::string_view name_member) {
  STRATUS_ASSIGN_OR_RETURN(DatabaseRef database, DatabaseRefOf(context, input));
  STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, name_member));
  return TableRef{.catalog_id = std::move(database.catalog_id),
                  .database = std::move(database.name),
                  .name = std::move(name)};
}

Result<PageRequest> PageOf(const Json& input, int default_max) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> token, OptionalString(input, "NextToken"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> max_results,
                           OptionalInteger(input, "MaxResults"));
  return PageRequest{.token = token.value_or(""),
                     .max_results = static_cast<int>(
                         std::clamp<int64_t>(max_results.value_or(default_max), 1, 1000))};
}

}  // namespace stratus::glue::api
