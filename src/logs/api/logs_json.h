#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "aws/request_context.h"
#include "base/json.h"
#include "base/result.h"
#include "logs/logs_types.h"

namespace stratus::logs::api {

/// Returns the ARN of a log group, without AWS's trailing ":*".
std::string GroupArn(const aws::RequestContext& context, std::string_view group);

/// Returns a LogGroup shape.
Json GroupToJson(const aws::RequestContext& context, const LogGroup& group);

/// Returns a LogStream shape.
Json StreamToJson(const aws::RequestContext& context,
                  std::string_view group,
                  const LogStream& stream);

/// Returns a pagination token for a position: `direction` 'f', 'b' or 0 (none).
std::string CursorToken(char direction, const EventCursor& cursor);

/// Reads a token CursorToken wrote; `*direction` gets its direction.
Result<EventCursor> CursorOfToken(std::string_view token, char* direction);

}  // namespace stratus::logs::api
