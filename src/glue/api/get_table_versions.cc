#include "glue/api/handlers.h"
#include "glue/api/request_fields.h"
#include "glue/api/table_version_id.h"
#include "glue/engine.h"

namespace stratus::glue::api {

Result<Json> GetTableVersions(Engine& engine,
                              const aws::RequestContext& context,
                              const Json& input) {
  constexpr int kDefaultPage = 100;
  STRATUS_ASSIGN_OR_RETURN(TableRef ref, TableRefOf(context, input, "TableName"));
  STRATUS_ASSIGN_OR_RETURN(PageRequest page, PageOf(input, kDefaultPage));
  STRATUS_ASSIGN_OR_RETURN(TableVersionPage result, engine.ListTableVersions(ref, page));
  Json out{{"TableVersions", Json::array()}};
  for (const Table& version : result.versions) {
    out["TableVersions"].push_back(TableVersionToJson(version));
  }
  if (!result.next_token.empty()) {
    out["NextToken"] = result.next_token;
  }
  return out;
}

}  // namespace stratus::glue::api
