#include <utility>

#include "athena/api/athena_json.h"
#include "athena/api/handlers.h"
#include "athena/api/request_fields.h"
#include "athena/engine.h"
#include "athena/store.h"
#include "base/random.h"

namespace stratus::athena::api {

Result<Json> GetNamedQuery(Engine& engine,
                           const aws::RequestContext& /*context*/,
                           const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string id, RequiredString(input, "NamedQueryId"));
  STRATUS_ASSIGN_OR_RETURN(NamedQuery query, engine.store().GetNamedQuery(id));
  return Json{{"NamedQuery", NamedQueryToJson(query)}};
}

}  // namespace stratus::athena::api
