#include <charconv>

#include "athena/api/handlers.h"
#include "athena/api/request_fields.h"
#include "athena/engine.h"

namespace stratus::athena::api {
namespace {

// AWS: GetQueryResults returns at most 1000 rows a page (the default too).
constexpr int kMaxRows = 1000;

Result<int64_t> OffsetOf(std::string_view token) {
  if (token.empty()) {
    return 0;
  }
  int64_t offset = 0;
  const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), offset);
  if (error != std::errc() || end != token.data() + token.size() || offset < 0) {
    return AthenaError::InvalidRequest("Invalid NextToken.");
  }
  return offset;
}

Json ColumnInfoToJson(const ResultColumnInfo& column) {
  return Json{{"CatalogName", "hive"},
              {"SchemaName", ""},
              {"TableName", ""},
              {"Name", column.name},
              {"Label", column.name},
              {"Type", column.type},
              {"Precision", column.precision},
              {"Scale", column.scale},
              {"Nullable", "UNKNOWN"},
              {"CaseSensitive", column.case_sensitive}};
}

}  // namespace

Result<Json> GetQueryResults(Engine& engine,
                             const aws::RequestContext& /*context*/,
                             const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string id, RequiredString(input, "QueryExecutionId"));
  STRATUS_ASSIGN_OR_RETURN(std::string token, StringOr(input, "NextToken", ""));
  STRATUS_ASSIGN_OR_RETURN(int max_results, MaxResultsOf(input, kMaxRows, kMaxRows));
  STRATUS_ASSIGN_OR_RETURN(int64_t offset, OffsetOf(token));
  STRATUS_ASSIGN_OR_RETURN(ResultRows result, engine.GetResults(id, offset, max_results));
  Json rows = Json::array();
  for (const std::vector<std::optional<std::string>>& row : result.rows) {
    Json data = Json::array();
    for (const std::optional<std::string>& value : row) {
      // AWS: a NULL is a Datum without VarCharValue.
      data.push_back(value.has_value() ? Json{{"VarCharValue", *value}} : Json::object());
    }
    rows.push_back(Json{{"Data", std::move(data)}});
  }
  Json columns = Json::array();
  for (const ResultColumnInfo& column : result.metadata.columns) {
    columns.push_back(ColumnInfoToJson(column));
  }
  Json out{{"UpdateCount", result.metadata.update_count.value_or(0)},
           {"ResultSet", Json{{"Rows", std::move(rows)},
                              {"ResultSetMetadata", Json{{"ColumnInfo", std::move(columns)}}}}}};
  const int64_t next = offset + static_cast<int64_t>(result.rows.size());
  if (next < result.metadata.num_rows) {
    out["NextToken"] = std::to_string(next);
  }
  return out;
}

}  // namespace stratus::athena::api
