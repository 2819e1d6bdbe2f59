#include "glue/api/handlers.h"
#include "glue/api/request_fields.h"
#include "glue/api/table_version_id.h"
#include "glue/engine.h"

namespace stratus::glue::api {

Result<Json> GetTableVersion(Engine& engine,
                             const aws::RequestContext& context,
                             const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(TableRef ref, TableRefOf(context, input, "TableName"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> version_id,
                           OptionalString(input, "VersionId"));
  std::optional<int64_t> version;
  if (version_id.has_value()) {
    version = ParseTableVersionId(*version_id);
    if (!version.has_value()) {
      return GlueError::VersionNotFound(ref.name, *version_id);
    }
  }
  STRATUS_ASSIGN_OR_RETURN(Table table, engine.GetTableVersion(ref, version));
  return Json{{"TableVersion", TableVersionToJson(table)}};
}

}  // namespace stratus::glue::api
