#include <limits>
#include <utility>

#include "aws/protocol/timestamp_format.h"
#include "base/clock.h"
#include "base/format.h"
#include "rds/api/handlers.h"
#include "rds/api/rds_json.h"
#include "rds/api/request_fields.h"
#include "rds/errors.h"
#include "rds/rds_engine.h"

namespace stratus::rds::api {
namespace {

constexpr int64_t kMillisPerMinute = int64_t{60} * 1000;
// AWS: without StartTime or Duration, the past hour.
constexpr int64_t kDefaultDurationMinutes = 60;

Result<std::optional<int64_t>> TimeOf(const Json& input, std::string_view member) {
  if (!input.contains(member) || input[std::string(member)].is_null()) {
    return std::optional<int64_t>();
  }
  Result<double> seconds = aws::TimestampFromJson(input[std::string(member)]);
  if (!seconds.ok()) {
    return RdsError::InvalidParameterValue(
        Format("Invalid {}: {}", member, seconds.status().message()));
  }
  return std::optional<int64_t>(static_cast<int64_t>(*seconds * 1000.0));
}

}  // namespace

Result<Json> DescribeEvents(RdsEngine& engine,
                            const aws::RequestContext& /*context*/,
                            const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> source_id,
                           OptionalString(input, "SourceIdentifier"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> source_type,
                           OptionalString(input, "SourceType"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> start, TimeOf(input, "StartTime"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> end, TimeOf(input, "EndTime"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> duration, OptionalInteger(input, "Duration"));
  STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> categories,
                           StringList(input, "EventCategories"));
  STRATUS_ASSIGN_OR_RETURN(Page page, PageOf(input));
  if (source_id.has_value() && !source_type.has_value()) {
    return RdsError::InvalidParameterCombination(
        "Cannot specify SourceIdentifier without specifying SourceType");
  }
  const int64_t now = engine.clock().NowMillis();
  const int64_t to = end.value_or(now);
  int64_t from = 0;
  if (start.has_value()) {
    from = *start;
  } else {
    from = to - duration.value_or(kDefaultDurationMinutes) * kMillisPerMinute;
  }
  STRATUS_ASSIGN_OR_RETURN(std::vector<RdsEvent> events, engine.ListEvents(from, to));
  std::vector<RdsEvent> matching;
  const std::string wanted_id = source_id.has_value() ? Lowercase(*source_id) : "";
  for (RdsEvent& event : events) {
    if (source_type.has_value() && event.source_type != *source_type) {
      continue;
    }
    if (source_id.has_value() && event.source_id != wanted_id) {
      continue;
    }
    if (!categories.empty() &&
        std::find(categories.begin(), categories.end(), event.category) == categories.end()) {
      continue;
    }
    matching.push_back(std::move(event));
  }
  Json output = Json::object();
  Json list = Json::array();
  for (const RdsEvent& event : Slice(std::move(matching), page, output)) {
    list.push_back(EventJson(engine, event));
  }
  output["Events"] = std::move(list);
  return output;
}

}  // namespace stratus::rds::api
