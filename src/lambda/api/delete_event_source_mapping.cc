#include <utility>

#include "base/clock.h"
#include "base/random.h"
#include "lambda/api/function_lookup.h"
#include "lambda/api/handlers.h"
#include "lambda/api/mapping_json.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"

namespace stratus::lambda::api {

void DeleteEventSourceMapping(LambdaEngine& engine,
                              const aws::RequestContext& /*context*/,
                              const Json& input,
                              aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string uuid, RequiredString(input, "UUID"));
    engine.store().DeleteMapping(
        uuid, [&engine, reply = std::move(reply)](Result<EventSourceMapping> deleted) {
          if (!deleted.ok()) {
            reply(LambdaError::FromEngine(
                deleted.status().code() == StatusCode::kNotFound
                    ? Status::NotFound("The resource you requested does not exist.")
                    : deleted.status()));
            return;
          }
          engine.MappingDeleted(deleted->uuid);
          reply(MappingToJson(engine, *deleted, "Deleting"));
        });
    return Status::Ok();
  });
}

}  // namespace stratus::lambda::api
