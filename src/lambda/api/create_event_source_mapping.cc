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

void CreateEventSourceMapping(LambdaEngine& engine,
                              const aws::RequestContext& /*context*/,
                              const Json& input,
                              aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    EventSourceMapping mapping;
    STRATUS_ASSIGN_OR_RETURN(FunctionTarget target,
                             FunctionTargetOf(input, engine.FunctionArn("")));
    // A qualified ARN (a version or an alias) is invoked as given.
    STRATUS_RETURN_IF_ERROR(FindTarget(engine, target).status());
    mapping.function = target.Reference();
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> source,
                             OptionalString(input, "EventSourceArn"));
    if (!source.has_value() || !source->starts_with("arn:aws:sqs:")) {
      return LambdaError::InvalidParameter(
          "stratus supports SQS queues as event sources (EventSourceArn arn:aws:sqs:...); "
          "streams, Kafka and MQ are not supported yet.");
    }
    mapping.event_source_arn = *source;
    STRATUS_RETURN_IF_ERROR(ApplyMappingSettings(input, mapping));
    mapping.uuid = engine.ids().Uuid();
    mapping.last_modified_millis = engine.clock().NowMillis();
    engine.store().PutMapping(
        std::move(mapping), [&engine, reply = std::move(reply)](Result<EventSourceMapping> stored) {
          if (!stored.ok()) {
            reply(LambdaError::FromEngine(stored.status()));
            return;
          }
          engine.MappingChanged(*stored);
          // AWS: a new mapping answers 202 in state Creating.
          reply(MappingToJson(engine, *stored, "Creating"));
        });
    return Status::Ok();
  });
}

}  // namespace stratus::lambda::api
