#include <utility>

#include "base/clock.h"
#include "logs/api/handlers.h"
#include "logs/api/logs_json.h"
#include "logs/api/request_fields.h"
#include "logs/filter_pattern.h"
#include "logs/log_store.h"

namespace stratus::logs::api {

// AWS: events of every matching stream, oldest first, with a nextToken while
// more may follow; `aws logs tail` (awscli v2) pages through this and, with
// --follow, polls it again from the last timestamp seen, dropping eventIds it
// has printed. Pinned by test/wire/test_logs.py::test_filter_log_events_*.
Result<Json> FilterLogEvents(LogStore& store,
                             const aws::RequestContext& /*context*/,
                             const Json& input) {
  constexpr int kMaxEvents = 10000;
  FilterEventsQuery query;
  STRATUS_ASSIGN_OR_RETURN(query.group, GroupNameOf(input));
  STRATUS_ASSIGN_OR_RETURN(query.streams, StringList(input, "logStreamNames"));
  STRATUS_ASSIGN_OR_RETURN(query.stream_prefix, StringOr(input, "logStreamNamePrefix", ""));
  if (!query.streams.empty() && !query.stream_prefix.empty()) {
    return LogsError::InvalidParameter(
        "logStreamNames and logStreamNamePrefix are mutually exclusive parameters.");
  }
  STRATUS_ASSIGN_OR_RETURN(query.start_millis, OptionalInteger(input, "startTime"));
  STRATUS_ASSIGN_OR_RETURN(query.end_millis, OptionalInteger(input, "endTime"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> limit, OptionalInteger(input, "limit"));
  query.limit = static_cast<int>(limit.value_or(kMaxEvents));
  STRATUS_ASSIGN_OR_RETURN(std::string token, StringOr(input, "nextToken", ""));
  if (!token.empty()) {
    char direction = 0;
    STRATUS_ASSIGN_OR_RETURN(query.after, CursorOfToken(token, &direction));
  }
  STRATUS_ASSIGN_OR_RETURN(std::string text, StringOr(input, "filterPattern", ""));
  STRATUS_ASSIGN_OR_RETURN(FilterPattern pattern, FilterPattern::Parse(text));
  if (!text.empty()) {
    query.matches = [&pattern](const std::string& message) {
      return pattern.Matches(message);
    };
  }
  STRATUS_ASSIGN_OR_RETURN(EventPage page, store.FilterEvents(query));
  Json out{{"events", Json::array()}, {"searchedLogStreams", Json::array()}};
  for (const StoredEvent& event : page.events) {
    out["events"].push_back({{"logStreamName", event.stream},
                             {"timestamp", event.timestamp_millis},
                             {"message", event.message},
                             {"ingestionTime", event.ingestion_millis},
                             {"eventId", std::to_string(event.id)}});
  }
  if (page.more && !page.events.empty()) {
    out["nextToken"] = CursorToken(
        0, {.timestamp_millis = page.events.back().timestamp_millis, .id = page.events.back().id});
  }
  return out;
}

}  // namespace stratus::logs::api
