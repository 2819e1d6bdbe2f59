#include "console/dashboards_routes.h"

#include <optional>
#include <string>
#include <utility>

#include "base/format.h"
#include "base/json.h"
#include "console/console.h"
#include "console/dashboards.h"
#include "console/dashboards_store.h"

namespace stratus::console {
namespace {

constexpr std::string_view kListPath = "/_stratus/dashboards";
constexpr std::string_view kItemPrefix = "/_stratus/dashboards/";

http::Response JsonResponse(int status, const Json& body) {
  http::Response response{.status = status, .headers = {}, .body = DumpJson(body)};
  response.headers.Set("Content-Type", "application/json");
  response.headers.Set("Cache-Control", "no-store");
  return response;
}

http::Response ErrorResponse(int status, std::string_view code, std::string_view message) {
  return JsonResponse(status, Json{{"error", code}, {"message", message}});
}

// Answers a store's failure: a user error as 400, anything else as 500.
http::Response StatusResponse(const Status& status) {
  if (status.code() == StatusCode::kInvalidArgument) {
    return ErrorResponse(400, "InvalidDashboard", status.message());
  }
  return ErrorResponse(500, "InternalError", status.message());
}

// Returns the decoded id in `/_stratus/dashboards/<id>`, or nullopt for any other path.
std::optional<std::string> ItemId(std::string_view path) {
  if (!path.starts_with(kItemPrefix)) {
    return std::nullopt;
  }
  std::string id = http::PercentDecode(path.substr(kItemPrefix.size()));
  if (id.empty() || id.find('/') != std::string::npos) {
    return std::nullopt;
  }
  return id;
}

http::Response NotFound(std::string_view id) {
  return ErrorResponse(404, "DashboardNotFound", Format("there is no dashboard \"{}\"", id));
}

http::Response BadId() {
  return ErrorResponse(
      400, "InvalidDashboard",
      Format("the dashboard id must be 1 to {} of A-Z, a-z, 0-9, _ and -", kMaxDashboardIdLength));
}

void HandleGet(const DashboardStore& store,
               const http::Request& request,
               http::Responder& respond) {
  if (request.path == kListPath || request.path == kItemPrefix) {
    Result<std::vector<DashboardSummary>> summaries = store.List();
    if (!summaries.ok()) {
      respond(StatusResponse(summaries.status()));
      return;
    }
    Json list = Json::array();
    for (const DashboardSummary& summary : *summaries) {
      list.push_back(Json{{"id", summary.id},
                          {"name", summary.name},
                          {"updated", summary.updated_millis},
                          {"num_charts", summary.num_charts}});
    }
    respond(JsonResponse(200, Json{{"dashboards", std::move(list)}}));
    return;
  }
  std::optional<std::string> id = ItemId(request.path);
  if (!id.has_value()) {
    respond(ErrorResponse(404, "NotFound", "no such console endpoint"));
    return;
  }
  if (!IsValidDashboardId(*id)) {
    respond(NotFound(*id));
    return;
  }
  Result<std::optional<Json>> found = store.Get(*id);
  if (!found.ok()) {
    respond(StatusResponse(found.status()));
  } else if (!found->has_value()) {
    respond(NotFound(*id));
  } else {
    respond(JsonResponse(200, **found));
  }
}

void HandlePut(DashboardStore& store, const http::Request& request, http::Responder& respond) {
  std::optional<std::string> id = ItemId(request.path);
  if (!id.has_value() || !IsValidDashboardId(*id)) {
    respond(BadId());
    return;
  }
  Result<Json> body = ParseJson(request.body);
  if (!body.ok()) {
    respond(ErrorResponse(400, "InvalidJson",
                          Format("the body is not JSON: {}", body.status().message())));
    return;
  }
  Result<DashboardInput> input = ValidateDashboard(*id, *body);
  if (!input.ok()) {
    respond(StatusResponse(input.status()));
    return;
  }
  store.Put(std::move(*id), std::move(*input), [respond = std::move(respond)](Result<Json> stored) {
    respond(stored.ok() ? JsonResponse(200, *stored) : StatusResponse(stored.status()));
  });
}

void HandleDelete(DashboardStore& store, const http::Request& request, http::Responder& respond) {
  std::optional<std::string> id = ItemId(request.path);
  if (!id.has_value() || !IsValidDashboardId(*id)) {
    respond(NotFound(id.value_or("")));
    return;
  }
  store.Delete(*id, [respond = std::move(respond), id = *id](Result<bool> deleted) {
    if (!deleted.ok()) {
      respond(StatusResponse(deleted.status()));
    } else if (!*deleted) {
      respond(NotFound(id));
    } else {
      respond(http::Response{.status = 204, .headers = {}, .body = {}});
    }
  });
}

}  // namespace

void AddDashboardRoutes(DashboardStore& store, std::vector<ConsoleRoute>& routes) {
  DashboardStore* shared = &store;
  routes.push_back(ConsoleRoute{.method = "GET",
                                .path_prefix = std::string(kListPath),
                                .handle = [shared](http::Request request, http::Responder respond) {
                                  HandleGet(*shared, request, respond);
                                }});
  routes.push_back(ConsoleRoute{.method = "PUT",
                                .path_prefix = std::string(kItemPrefix),
                                .handle = [shared](http::Request request, http::Responder respond) {
                                  HandlePut(*shared, request, respond);
                                }});
  routes.push_back(ConsoleRoute{.method = "DELETE",
                                .path_prefix = std::string(kItemPrefix),
                                .handle = [shared](http::Request request, http::Responder respond) {
                                  HandleDelete(*shared, request, respond);
                                }});
}

}  // namespace stratus::console
