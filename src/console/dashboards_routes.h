#pragma once

#include <vector>

namespace stratus::console {

class DashboardStore;
struct ConsoleRoute;

/// Appends the dashboards endpoints (docs/console.md) to `routes`:
///   GET    /_stratus/dashboards        the list (id, name, updated, num_charts)
///   GET    /_stratus/dashboards/<id>   one dashboard, 404 when absent
///   PUT    /_stratus/dashboards/<id>   create or replace; 400 with a JSON error when invalid
///   DELETE /_stratus/dashboards/<id>   204, or 404 when absent
/// Every answer is JSON; errors are `{"error": CODE, "message": TEXT}`. A PUT
/// or DELETE is answered once durable. `store` must outlive the routes.
void AddDashboardRoutes(DashboardStore& store, std::vector<ConsoleRoute>& routes);

}  // namespace stratus::console
