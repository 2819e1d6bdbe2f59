#include "glue/api/catalog_json.h"
#include "glue/api/handlers.h"
#include "glue/api/request_fields.h"
#include "glue/engine.h"

namespace stratus::glue::api {
namespace {

Result<Segment> SegmentOf(const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(Json segment, OptionalObject(input, "Segment"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> number,
                           OptionalInteger(segment, "SegmentNumber"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> total, OptionalInteger(segment, "TotalSegments"));
  return Segment{.segment_number = static_cast<int>(number.value_or(0)),
                 .total_segments = static_cast<int>(total.value_or(1))};
}

}  // namespace

Result<Json> GetPartitions(Engine& engine, const aws::RequestContext& context, const Json& input) {
  constexpr int kDefaultPage = 1000;
  STRATUS_ASSIGN_OR_RETURN(TableRef ref, TableRefOf(context, input, "TableName"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> expression,
                           OptionalString(input, "Expression"));
  STRATUS_ASSIGN_OR_RETURN(Segment segment, SegmentOf(input));
  STRATUS_ASSIGN_OR_RETURN(PageRequest page, PageOf(input, kDefaultPage));
  STRATUS_ASSIGN_OR_RETURN(std::optional<bool> exclude_columns,
                           OptionalBool(input, "ExcludeColumnSchema"));
  STRATUS_ASSIGN_OR_RETURN(
      PartitionPage result,
      engine.ListPartitions(
          ref,
          PartitionQuery{.expression = expression.value_or(""), .segment = segment, .page = page}));
  Json out{{"Partitions", Json::array()}};
  for (const Partition& partition : result.partitions) {
    out["Partitions"].push_back(PartitionToJson(partition, exclude_columns.value_or(false)));
  }
  if (!result.next_token.empty()) {
    out["NextToken"] = result.next_token;
  }
  return out;
}

}  // namespace stratus::glue::api
