#include <utility>

#include "base/clock.h"
#include "base/random.h"
#include "lambda/api/function_lookup.h"
#include "lambda/api/handlers.h"
#include "lambda/api/mapping_json.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"

namespace stratus::lambda::api {

Result<Json> GetEventSourceMapping(LambdaEngine& engine,
                                   const aws::RequestContext& /*context*/,
                                   const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string uuid, RequiredString(input, "UUID"));
  STRATUS_ASSIGN_OR_RETURN(std::vector<EventSourceMapping> mappings, engine.store().ListMappings());
  for (const EventSourceMapping& mapping : mappings) {
    if (mapping.uuid == uuid) {
      return MappingToJson(engine, mapping);
    }
  }
  // AWS: "The resource you requested does not exist."
  return LambdaError::FromEngine(Status::NotFound("The resource you requested does not exist."));
}

}  // namespace stratus::lambda::api
