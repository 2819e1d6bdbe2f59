#include <utility>

#include "athena/api/athena_json.h"
#include "athena/api/handlers.h"
#include "athena/api/request_fields.h"
#include "athena/engine.h"
#include "athena/store.h"
#include "base/random.h"

namespace stratus::athena::api {

Result<Json> BatchGetNamedQuery(Engine& engine,
                                const aws::RequestContext& /*context*/,
                                const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> ids, StringList(input, "NamedQueryIds"));
  Json out{{"NamedQueries", Json::array()}, {"UnprocessedNamedQueryIds", Json::array()}};
  for (const std::string& id : ids) {
    Result<NamedQuery> query = engine.store().GetNamedQuery(id);
    if (query.ok()) {
      out["NamedQueries"].push_back(NamedQueryToJson(*query));
    } else {
      out["UnprocessedNamedQueryIds"].push_back(Json{{"NamedQueryId", id},
                                                     {"ErrorCode", "INVALID_INPUT"},
                                                     {"ErrorMessage", query.status().message()}});
    }
  }
  return out;
}

}  // namespace stratus::athena::api
