#include <algorithm>
#include <utility>

#include "athena/api/athena_json.h"
#include "athena/api/catalog_json.h"
#include "athena/api/handlers.h"
#include "athena/api/request_fields.h"
#include "athena/engine.h"
#include "athena/store.h"
#include "base/clock.h"

namespace stratus::athena::api {
namespace {

Result<StartQueryRequest> StartRequestOf(const Json& input) {
  StartQueryRequest request;
  STRATUS_ASSIGN_OR_RETURN(request.query, RequiredString(input, "QueryString"));
  STRATUS_ASSIGN_OR_RETURN(request.client_request_token, StringOr(input, "ClientRequestToken", ""));
  STRATUS_ASSIGN_OR_RETURN(request.work_group, StringOr(input, "WorkGroup", "primary"));
  STRATUS_ASSIGN_OR_RETURN(Json context, OptionalObject(input, "QueryExecutionContext"));
  STRATUS_ASSIGN_OR_RETURN(request.database, StringOr(context, "Database", ""));
  STRATUS_ASSIGN_OR_RETURN(request.catalog, StringOr(context, "Catalog", ""));
  STRATUS_ASSIGN_OR_RETURN(Json result_configuration, OptionalObject(input, "ResultConfiguration"));
  STRATUS_ASSIGN_OR_RETURN(request.output_location,
                           StringOr(result_configuration, "OutputLocation", ""));
  STRATUS_ASSIGN_OR_RETURN(request.execution_parameters, StringList(input, "ExecutionParameters"));
  return request;
}

}  // namespace

void StartQueryExecution(Engine& engine,
                         const aws::RequestContext& /*context*/,
                         const Json& input,
                         aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(StartQueryRequest request, StartRequestOf(input));
    if (!request.catalog.empty()) {
      STRATUS_RETURN_IF_ERROR(RequireQueryableCatalog(engine, request.catalog));
    }
    engine.StartQuery(std::move(request),
                      ReplyAfterCommit<std::string>(std::move(reply), [](std::string id) {
                        return Json{{"QueryExecutionId", std::move(id)}};
                      }));
    return Status::Ok();
  });
}

}  // namespace stratus::athena::api
