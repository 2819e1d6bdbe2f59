#include <algorithm>
#include <utility>

#include "base/clock.h"
#include "base/random.h"
#include "lambda/api/function_lookup.h"
#include "lambda/api/handlers.h"
#include "lambda/api/mapping_json.h"
#include "lambda/api/mapping_settings.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"

namespace stratus::lambda::api {

void UpdateEventSourceMapping(LambdaEngine& engine,
                              const aws::RequestContext& /*context*/,
                              const Json& input,
                              aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string uuid, RequiredString(input, "UUID"));
    STRATUS_ASSIGN_OR_RETURN(std::vector<EventSourceMapping> mappings,
                             engine.store().ListMappings());
    auto found = std::find_if(mappings.begin(), mappings.end(),
                              [&](const EventSourceMapping& m) { return m.uuid == uuid; });
    if (found == mappings.end()) {
      return LambdaError::FromEngine(
          Status::NotFound("The resource you requested does not exist."));
    }
    EventSourceMapping mapping = *found;
    if (input.contains("FunctionName")) {
      STRATUS_ASSIGN_OR_RETURN(FunctionTarget target,
                               FunctionTargetOf(input, engine.FunctionArn("")));
      // A qualified ARN (a version or an alias) is invoked as given.
      STRATUS_RETURN_IF_ERROR(FindTarget(engine, target).status());
      mapping.function = target.Reference();
    }
    STRATUS_RETURN_IF_ERROR(ApplyMappingSettings(input, mapping));
    mapping.last_modified_millis = engine.clock().NowMillis();
    engine.store().PutMapping(
        std::move(mapping), [&engine, reply = std::move(reply)](Result<EventSourceMapping> stored) {
          if (!stored.ok()) {
            reply(LambdaError::FromEngine(stored.status()));
            return;
          }
          engine.MappingChanged(*stored);
          reply(MappingToJson(engine, *stored));
        });
    return Status::Ok();
  });
}

}  // namespace stratus::lambda::api
