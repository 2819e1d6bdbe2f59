#include <utility>

#include "aws/service_operations.h"
#include "base/clock.h"
#include "logs/api/handlers.h"
#include "logs/api/logs_json.h"
#include "logs/api/request_fields.h"
#include "logs/log_store.h"

namespace stratus::logs::api {
namespace {

// AWS: a batch holds at most 1,048,576 bytes, counting each message plus 26
// bytes, and spans at most 24 hours.
constexpr int64_t kMaxBatchBytes = 1048576;
constexpr int64_t kEventOverheadBytes = 26;
constexpr int64_t kMaxSpanMillis = int64_t{24} * 3600 * 1000;

Result<std::vector<InputEvent>> EventsOf(const Json& input) {
  const Json* events = input.contains("logEvents") ? &input["logEvents"] : nullptr;
  if (events == nullptr || !events->is_array()) {
    return LogsError::InvalidParameter("logEvents must be a list");
  }
  std::vector<InputEvent> out;
  int64_t bytes = 0;
  for (const Json& event : *events) {
    STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> timestamp, OptionalInteger(event, "timestamp"));
    STRATUS_ASSIGN_OR_RETURN(std::string message, RequiredString(event, "message"));
    if (!timestamp.has_value()) {
      return LogsError::InvalidParameter("Missing required parameter timestamp");
    }
    if (!out.empty() && *timestamp < out.back().timestamp_millis) {
      // AWS: "Log events in a single PutLogEvents request must be in chronological order."
      return LogsError::InvalidParameter(
          "Log events in a single PutLogEvents request must be in chronological order.");
    }
    bytes += static_cast<int64_t>(message.size()) + kEventOverheadBytes;
    out.push_back(InputEvent{.timestamp_millis = *timestamp, .message = std::move(message)});
  }
  if (bytes > kMaxBatchBytes) {
    return LogsError::InvalidParameter("Upload too large: " + std::to_string(bytes) +
                                       " bytes exceeds limit of 1048576");
  }
  if (!out.empty() && out.back().timestamp_millis - out.front().timestamp_millis > kMaxSpanMillis) {
    return LogsError::InvalidParameter(
        "The batch of log events in a single PutLogEvents request cannot span more than 24 "
        "hours.");
  }
  return out;
}

Json ResultToJson(const PutEventsResult& result) {
  Json out = Json::object();
  Json rejected = Json::object();
  if (result.too_new_start_index.has_value()) {
    rejected["tooNewLogEventStartIndex"] = *result.too_new_start_index;
  }
  if (result.too_old_end_index.has_value()) {
    rejected["tooOldLogEventEndIndex"] = *result.too_old_end_index;
  }
  if (result.expired_end_index.has_value()) {
    rejected["expiredLogEventEndIndex"] = *result.expired_end_index;
  }
  if (!rejected.empty()) {
    out["rejectedLogEventsInfo"] = std::move(rejected);
  }
  return out;
}

}  // namespace

void PutLogEvents(LogStore& store,
                  const aws::RequestContext& /*context*/,
                  const Json& input,
                  aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string group, RequiredString(input, "logGroupName"));
    STRATUS_ASSIGN_OR_RETURN(std::string stream, RequiredString(input, "logStreamName"));
    STRATUS_ASSIGN_OR_RETURN(std::vector<InputEvent> events, EventsOf(input));
    store.PutEvents(std::move(group), std::move(stream), std::move(events),
                    aws::ReplyAfterCommit<PutEventsResult>(std::move(reply), &ResultToJson,
                                                           &LogsError::FromEngine));
    return Status::Ok();
  });
}

}  // namespace stratus::logs::api
