#include <utility>

#include "base/clock.h"
#include "base/random.h"
#include "lambda/api/function_lookup.h"
#include "lambda/api/handlers.h"
#include "lambda/api/mapping_json.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"

namespace stratus::lambda::api {

Result<Json> ListEventSourceMappings(LambdaEngine& engine,
                                     const aws::RequestContext& /*context*/,
                                     const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> source,
                           OptionalString(input, "EventSourceArn"));
  std::optional<FunctionTarget> function;
  if (input.contains("FunctionName")) {
    STRATUS_ASSIGN_OR_RETURN(function, FunctionTargetOf(input, engine.FunctionArn("")));
  }
  // An unqualified name lists the function's mappings, its versions' and aliases' too.
  auto matches = [&](const EventSourceMapping& mapping) {
    return !function.has_value() || mapping.function == function->Reference() ||
           (function->qualifier.empty() && mapping.function.starts_with(function->name + ":"));
  };
  STRATUS_ASSIGN_OR_RETURN(std::vector<EventSourceMapping> mappings, engine.store().ListMappings());
  Json out{{"EventSourceMappings", Json::array()}};
  for (const EventSourceMapping& mapping : mappings) {
    if ((source.has_value() && mapping.event_source_arn != *source) || !matches(mapping)) {
      continue;
    }
    out["EventSourceMappings"].push_back(MappingToJson(engine, mapping));
  }
  return out;
}

}  // namespace stratus::lambda::api
