#include <utility>

#include "base/clock.h"
#include "logs/api/handlers.h"
#include "logs/api/logs_json.h"
#include "logs/api/request_fields.h"
#include "logs/log_store.h"

namespace stratus::logs::api {

// AWS: without a token, startFromHead=false (the default) reads the newest
// events; the forward token of a page at the end of the stream is the token
// given, which is how clients know to stop. Pinned by
// test/wire/test_logs.py::test_get_log_events_pages_both_ways.
Result<Json> GetLogEvents(LogStore& store,
                          const aws::RequestContext& /*context*/,
                          const Json& input) {
  constexpr int kMaxEvents = 10000;
  GetEventsQuery query;
  STRATUS_ASSIGN_OR_RETURN(query.group, GroupNameOf(input));
  STRATUS_ASSIGN_OR_RETURN(query.stream, RequiredString(input, "logStreamName"));
  STRATUS_ASSIGN_OR_RETURN(query.start_millis, OptionalInteger(input, "startTime"));
  STRATUS_ASSIGN_OR_RETURN(query.end_millis, OptionalInteger(input, "endTime"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> limit, OptionalInteger(input, "limit"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<bool> from_head, OptionalBool(input, "startFromHead"));
  STRATUS_ASSIGN_OR_RETURN(std::string token, StringOr(input, "nextToken", ""));
  query.limit = static_cast<int>(limit.value_or(kMaxEvents));
  query.forward = from_head.value_or(false);
  std::optional<std::string> given;
  if (!token.empty()) {
    char direction = 0;
    STRATUS_ASSIGN_OR_RETURN(EventCursor cursor, CursorOfToken(token, &direction));
    if (direction == 0) {
      return LogsError::InvalidParameter("The specified nextToken is invalid.");
    }
    query.forward = direction == 'f';
    (query.forward ? query.after : query.before) = cursor;
    given = token;
  }
  STRATUS_ASSIGN_OR_RETURN(EventPage page, store.GetEvents(query));
  Json out{{"events", Json::array()}};
  for (const StoredEvent& event : page.events) {
    out["events"].push_back({{"timestamp", event.timestamp_millis},
                             {"message", event.message},
                             {"ingestionTime", event.ingestion_millis}});
  }
  if (page.events.empty()) {
    // Nothing read: both tokens stay where the reader is.
    const EventCursor here =
        query.forward ? query.after.value_or(EventCursor{}) : query.before.value_or(EventCursor{});
    out["nextForwardToken"] = given.value_or(CursorToken('f', here));
    out["nextBackwardToken"] = given.value_or(CursorToken('b', here));
    return out;
  }
  const StoredEvent& first = page.events.front();
  const StoredEvent& last = page.events.back();
  out["nextForwardToken"] =
      CursorToken('f', {.timestamp_millis = last.timestamp_millis, .id = last.id});
  out["nextBackwardToken"] =
      CursorToken('b', {.timestamp_millis = first.timestamp_millis, .id = first.id});
  return out;
}

}  // namespace stratus::logs::api
