#include "console/dashboards.h"

#include <algorithm>
#include <array>

#include "base/format.h"

namespace stratus::console {
namespace {

constexpr std::array<std::string_view, 5> kChartKinds = {"bar", "line", "area", "pie", "table"};
constexpr std::array<std::string_view, 5> kAggregates = {"sum", "avg", "min", "max", "count"};

bool IsIdCharacter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

// Returns the number of code points in UTF-8 `text` (bytes that do not continue one).
size_t CodePoints(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// Reads the string member `key` of `object` into `out`; `where` names it in errors.
Status ReadString(const Json& object,
                  const std::string& key,
                  const std::string& where,
                  bool required,
                  size_t max_length,
                  std::string& out) {
  auto found = object.find(key);
  if (found == object.end() || found->is_null()) {
    return required ? Status::InvalidArgument(Format("{} is required", where)) : Status::Ok();
  }
  if (!found->is_string()) {
    return Status::InvalidArgument(Format("{} must be a string", where));
  }
  out = found->get<std::string>();
  if (required && out.empty()) {
    return Status::InvalidArgument(Format("{} must not be empty", where));
  }
  if (CodePoints(out) > max_length) {
    return Status::InvalidArgument(Format("{} is longer than {} characters", where, max_length));
  }
  return Status::Ok();
}

Status RejectUnknownMembers(const Json& object,
                            std::initializer_list<std::string_view> known,
                            const std::string& where) {
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (std::find(known.begin(), known.end(), it.key()) == known.end()) {
      return Status::InvalidArgument(Format("{} has an unknown member \"{}\"", where, it.key()));
    }
  }
  return Status::Ok();
}

template <size_t N>
Status RequireOneOf(const std::string& value,
                    const std::array<std::string_view, N>& allowed,
                    const std::string& where) {
  if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) {
    return Status::Ok();
  }
  std::string list;
  for (std::string_view each : allowed) {
    list += list.empty() ? "" : ", ";
    list += each;
  }
  return Status::InvalidArgument(Format("{} must be one of {}", where, list));
}

Result<Json> ValidateSpec(const Json& spec, const std::string& where) {
  if (!spec.is_object()) {
    return Status::InvalidArgument(Format("{} must be an object", where));
  }
  STRATUS_RETURN_IF_ERROR(
      RejectUnknownMembers(spec, {"kind", "dimension", "metric", "split", "aggregate"}, where));
  std::string kind;
  std::string dimension;
  std::string metric;
  std::string split;
  std::string aggregate;
  STRATUS_RETURN_IF_ERROR(ReadString(spec, "kind", where + ".kind", true, 16, kind));
  STRATUS_RETURN_IF_ERROR(RequireOneOf(kind, kChartKinds, where + ".kind"));
  STRATUS_RETURN_IF_ERROR(
      ReadString(spec, "dimension", where + ".dimension", true, kMaxChartFieldLength, dimension));
  STRATUS_RETURN_IF_ERROR(
      ReadString(spec, "metric", where + ".metric", true, kMaxChartFieldLength, metric));
  STRATUS_RETURN_IF_ERROR(
      ReadString(spec, "split", where + ".split", false, kMaxChartFieldLength, split));
  STRATUS_RETURN_IF_ERROR(
      ReadString(spec, "aggregate", where + ".aggregate", false, 16, aggregate));
  Json out = {{"kind", kind}, {"dimension", dimension}, {"metric", metric}};
  if (!split.empty()) {
    out["split"] = split;
  }
  if (!aggregate.empty()) {
    STRATUS_RETURN_IF_ERROR(RequireOneOf(aggregate, kAggregates, where + ".aggregate"));
    out["aggregate"] = aggregate;
  }
  return out;
}

Result<Json> ValidateChart(const Json& chart, const std::string& where) {
  if (!chart.is_object()) {
    return Status::InvalidArgument(Format("{} must be an object", where));
  }
  STRATUS_RETURN_IF_ERROR(
      RejectUnknownMembers(chart, {"title", "database", "query", "spec"}, where));
  std::string title;
  std::string database;
  std::string query;
  STRATUS_RETURN_IF_ERROR(
      ReadString(chart, "title", where + ".title", false, kMaxDashboardNameLength, title));
  STRATUS_RETURN_IF_ERROR(
      ReadString(chart, "database", where + ".database", false, kMaxChartFieldLength, database));
  STRATUS_RETURN_IF_ERROR(
      ReadString(chart, "query", where + ".query", true, kMaxChartQueryBytes, query));
  if (query.size() > kMaxChartQueryBytes) {
    return Status::InvalidArgument(
        Format("{}.query is longer than {} bytes", where, kMaxChartQueryBytes));
  }
  auto spec = chart.find("spec");
  if (spec == chart.end()) {
    return Status::InvalidArgument(Format("{}.spec is required", where));
  }
  STRATUS_ASSIGN_OR_RETURN(Json valid_spec, ValidateSpec(*spec, where + ".spec"));
  return Json{{"title", title}, {"database", database}, {"query", query}, {"spec", valid_spec}};
}

}  // namespace

bool IsValidDashboardId(std::string_view id) {
  return !id.empty() && id.size() <= kMaxDashboardIdLength &&
         std::all_of(id.begin(), id.end(), IsIdCharacter);
}

Result<DashboardInput> ValidateDashboard(std::string_view id, const Json& body) {
  if (!IsValidDashboardId(id)) {
    return Status::InvalidArgument(Format(
        "the dashboard id must be 1 to {} of A-Z, a-z, 0-9, _ and -", kMaxDashboardIdLength));
  }
  if (!body.is_object()) {
    return Status::InvalidArgument("the dashboard must be a JSON object");
  }
  STRATUS_RETURN_IF_ERROR(
      RejectUnknownMembers(body, {"id", "name", "charts", "created", "updated"}, "the dashboard"));
  std::string body_id;
  STRATUS_RETURN_IF_ERROR(ReadString(body, "id", "id", false, kMaxDashboardIdLength, body_id));
  if (!body_id.empty() && body_id != id) {
    return Status::InvalidArgument(
        Format("id \"{}\" does not match the id in the path \"{}\"", body_id, id));
  }
  DashboardInput input;
  STRATUS_RETURN_IF_ERROR(
      ReadString(body, "name", "name", true, kMaxDashboardNameLength, input.name));
  auto charts = body.find("charts");
  if (charts == body.end() || charts->is_null()) {
    return input;
  }
  if (!charts->is_array()) {
    return Status::InvalidArgument("charts must be an array");
  }
  if (charts->size() > kMaxDashboardCharts) {
    return Status::InvalidArgument(
        Format("a dashboard has at most {} charts, not {}", kMaxDashboardCharts, charts->size()));
  }
  for (size_t i = 0; i < charts->size(); ++i) {
    STRATUS_ASSIGN_OR_RETURN(Json chart, ValidateChart((*charts)[i], Format("charts[{}]", i)));
    input.charts.push_back(std::move(chart));
  }
  return input;
}

}  // namespace stratus::console
