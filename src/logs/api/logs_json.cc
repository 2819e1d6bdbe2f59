#include "logs/api/logs_json.h"

#include <charconv>

#include "base/format.h"
#include "logs/errors.h"

namespace stratus::logs::api {
namespace {

Result<int64_t> ParseInt(std::string_view text) {
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
    return LogsError::InvalidParameter("The specified nextToken is invalid.");
  }
  return value;
}

}  // namespace

std::string GroupArn(const aws::RequestContext& context, std::string_view group) {
  return Format("arn:aws:logs:{}:{}:log-group:{}", context.region, context.account_id, group);
}

Json GroupToJson(const aws::RequestContext& context, const LogGroup& group) {
  const std::string arn = GroupArn(context, group.name);
  Json out{{"logGroupName", group.name}, {"creationTime", group.created_millis},
           {"metricFilterCount", 0},     {"arn", arn + ":*"},
           {"logGroupArn", arn},         {"storedBytes", group.stored_bytes},
           {"logGroupClass", "STANDARD"}};
  if (group.retention_days.has_value()) {
    out["retentionInDays"] = *group.retention_days;
  }
  return out;
}

Json StreamToJson(const aws::RequestContext& context,
                  std::string_view group,
                  const LogStream& stream) {
  Json out{{"logStreamName", stream.name},
           {"creationTime", stream.created_millis},
           {"arn", Format("{}:log-stream:{}", GroupArn(context, group), stream.name)},
           {"storedBytes", stream.stored_bytes}};
  if (stream.first_event_millis.has_value()) {
    out["firstEventTimestamp"] = *stream.first_event_millis;
  }
  if (stream.last_event_millis.has_value()) {
    out["lastEventTimestamp"] = *stream.last_event_millis;
  }
  if (stream.last_ingestion_millis.has_value()) {
    out["lastIngestionTime"] = *stream.last_ingestion_millis;
  }
  return out;
}

std::string CursorToken(char direction, const EventCursor& cursor) {
  if (direction == 0) {
    return Format("{}/{}", cursor.timestamp_millis, cursor.id);
  }
  return Format("{}/{}/{}", direction, cursor.timestamp_millis, cursor.id);
}

Result<EventCursor> CursorOfToken(std::string_view token, char* direction) {
  *direction = 0;
  if (token.size() > 2 && (token[0] == 'f' || token[0] == 'b') && token[1] == '/') {
    *direction = token[0];
    token.remove_prefix(2);
  }
  const size_t slash = token.find('/');
  if (slash == std::string_view::npos) {
    return LogsError::InvalidParameter("The specified nextToken is invalid.");
  }
  STRATUS_ASSIGN_OR_RETURN(int64_t timestamp, ParseInt(token.substr(0, slash)));
  STRATUS_ASSIGN_OR_RETURN(int64_t id, ParseInt(token.substr(slash + 1)));
  return EventCursor{.timestamp_millis = timestamp, .id = id};
}

}  // namespace stratus::logs::api
