#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/json.h"
#include "base/result.h"

namespace stratus::console {

/// Limits on a dashboard (docs/formats/console.md).
inline constexpr size_t kMaxDashboardIdLength = 64;
inline constexpr size_t kMaxDashboardNameLength = 256;
inline constexpr size_t kMaxDashboardCharts = 50;
inline constexpr size_t kMaxChartQueryBytes =
    256 * 1024;  // Bytes; the other limits count characters.
inline constexpr size_t kMaxChartFieldLength = 256;

/// A dashboard as a client puts it, validated: its name and its charts, each
/// `{"title", "database", "query", "spec": {"kind", "dimension", "metric",
/// "split"?, "aggregate"?}}` with only those members.
struct DashboardInput {
  std::string name = {};
  Json charts = Json::array();
};

/// Returns whether `id` is 1 to 64 of [A-Za-z0-9_-].
bool IsValidDashboardId(std::string_view id);

/// Validates the body of `PUT /_stratus/dashboards/<id>`. The body may repeat
/// the id (it must then match) and carry "created"/"updated" (ignored: the
/// store sets them). Returns kInvalidArgument naming the first bad member
/// ("charts[2].spec.kind must be one of bar, line, area, pie, table").
Result<DashboardInput> ValidateDashboard(std::string_view id, const Json& body);

}  // namespace stratus::console
