#include <charconv>
#include <utility>

#include "base/clock.h"
#include "logs/api/handlers.h"
#include "logs/api/logs_json.h"
#include "logs/api/request_fields.h"
#include "logs/log_store.h"

namespace stratus::logs::api {

Result<Json> DescribeLogStreams(LogStore& store,
                                const aws::RequestContext& context,
                                const Json& input) {
  // AWS: at most 50 streams a page; the token here is the offset of the next page.
  constexpr int kMaxListed = 50;
  STRATUS_ASSIGN_OR_RETURN(std::string group, GroupNameOf(input));
  STRATUS_ASSIGN_OR_RETURN(std::string prefix, StringOr(input, "logStreamNamePrefix", ""));
  STRATUS_ASSIGN_OR_RETURN(std::string order, StringOr(input, "orderBy", "LogStreamName"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<bool> descending, OptionalBool(input, "descending"));
  STRATUS_ASSIGN_OR_RETURN(std::string token, StringOr(input, "nextToken", ""));
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> limit, OptionalInteger(input, "limit"));
  const bool by_last_event = order == "LastEventTime";
  if (by_last_event && !prefix.empty()) {
    // AWS: "Cannot order by LastEventTime with a logStreamNamePrefix."
    return LogsError::InvalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix.");
  }
  int64_t offset = 0;
  if (!token.empty()) {
    const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), offset);
    if (error != std::errc() || end != token.data() + token.size() || offset < 0) {
      return LogsError::InvalidParameter("The specified nextToken is invalid.");
    }
  }
  const int page_size = static_cast<int>(limit.value_or(kMaxListed));
  bool more = false;
  STRATUS_ASSIGN_OR_RETURN(std::vector<LogStream> streams,
                           store.ListStreams(group, prefix, by_last_event,
                                             descending.value_or(false), offset, page_size, &more));
  Json out{{"logStreams", Json::array()}};
  for (const LogStream& stream : streams) {
    out["logStreams"].push_back(StreamToJson(context, group, stream));
  }
  if (more) {
    out["nextToken"] = std::to_string(offset + std::ssize(streams));
  }
  return out;
}

}  // namespace stratus::logs::api
