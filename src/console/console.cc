#include "console/console.h"

#include <filesystem>
#include <utility>

#include <zlib.h>

#include "base/clock.h"
#include "base/json.h"
#include "console/assets.h"
#include "console/dashboards_routes.h"
#include "console/dashboards_store.h"
#include "console/execution_events.h"
#include "console/object_preview.h"

namespace stratus::console {
namespace {

// What the console's pages may load: only its own assets and its own origin.
constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'";

std::string Gunzip(std::string_view compressed) {
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) {
    return {};
  }
  std::string out;
  char buffer[64 * 1024];
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  int code = Z_OK;
  while (code == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof(buffer);
    code = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof(buffer) - stream.avail_out);
  }
  inflateEnd(&stream);
  return out;
}

const ConsoleAsset* FindAsset(std::string_view path) {
  for (const ConsoleAsset& asset : ConsoleAssets()) {
    if (asset.path == path) {
      return &asset;
    }
  }
  return nullptr;
}

bool AcceptsGzip(const http::Request& request) {
  std::optional<std::string_view> accept = request.headers.Get("accept-encoding");
  return accept.has_value() && accept->find("gzip") != std::string_view::npos;
}

http::Response Text(int status, std::string body) {
  http::Response response{.status = status, .headers = {}, .body = std::move(body)};
  response.headers.Set("Content-Type", "text/plain; charset=utf-8");
  return response;
}

}  // namespace

std::string ConsoleUrl(std::string_view base) {
  return std::string(base) + std::string(kConsolePath);
}

http::Response ServeConsoleAsset(std::string_view path, bool accepts_gzip) {
  if (path.empty()) {
    path = "index.html";
  }
  const ConsoleAsset* asset = FindAsset(path);
  // The console routes by the URL's fragment, but a path it does not have
  // (a bookmark of an older build) still gets the console, not an error.
  const bool fallback = asset == nullptr && path.find('.') == std::string_view::npos;
  if (fallback) {
    asset = FindAsset("index.html");
  }
  if (asset == nullptr) {
    return Text(404, "no such file in the console\n");
  }
  http::Response response;
  response.headers.Set("Content-Type", std::string(asset->content_type));
  response.headers.Set("Content-Security-Policy", std::string(kContentSecurityPolicy));
  response.headers.Set("X-Content-Type-Options", "nosniff");
  response.headers.Set("Vary", "Accept-Encoding");
  // Built assets carry a content hash in their names; index.html names them.
  response.headers.Set("Cache-Control", asset->path.starts_with("assets/")
                                            ? "public, max-age=31536000, immutable"
                                            : "no-cache");
  if (asset->gzip && accepts_gzip) {
    response.headers.Set("Content-Encoding", "gzip");
    response.body = std::string(asset->bytes);
  } else if (asset->gzip) {
    response.body = Gunzip(asset->bytes);
  } else {
    response.body = std::string(asset->bytes);
  }
  return response;
}

Console::Console(ConsoleContext context)
    : context_(std::move(context)), clock_(std::make_unique<SystemClock>()) {}

Console::~Console() {
  Stop();
}

Result<std::unique_ptr<Console>> Console::Open(ConsoleContext context) {
  auto console = std::unique_ptr<Console>(
      new Console(std::move(context)));  // STRATUS_LINT_ALLOW(private constructor)
  if (!console->context_.data_dir.empty()) {
    const std::string path =
        (std::filesystem::path(console->context_.data_dir) / "console.db").string();
    STRATUS_ASSIGN_OR_RETURN(console->dashboards_, DashboardStore::Open(path, *console->clock_));
  }
  // The console's own endpoints (docs/console.md), one line each.
  if (console->dashboards_ != nullptr) {
    AddDashboardRoutes(*console->dashboards_, console->routes_);
  }
  console->routes_.push_back(ObjectPreviewRoute(console->context_));
  console->OpenExecutionEvents();
  return console;
}

void Console::OpenExecutionEvents() {
  // Without Step Functions (some tests) the path is simply not the console's.
  if (context_.states == nullptr) {
    return;
  }
  execution_events_ = std::make_unique<ExecutionEvents>(*context_.states, ExecutionEventsOptions{});
  ExecutionEvents* events = execution_events_.get();
  routes_.push_back(
      ConsoleRoute{.method = "GET",
                   .path_prefix = std::string(kExecutionEventsPath),
                   .handle = [events](http::Request request, http::Responder respond) {
                     events->Handle(std::move(request), std::move(respond));
                   }});
}

void Console::Stop() {
  if (dashboards_ != nullptr) {
    dashboards_->Stop();
  }
  if (execution_events_ != nullptr) {
    execution_events_->Stop();
  }
}

bool Console::Handle(http::Request& request, http::Responder& respond) const {
  const std::string_view path = request.path;
  if (path == "/_stratus/ui" || path == "/_stratus") {
    http::Response response{.status = 302, .headers = {}, .body = {}};
    response.headers.Set("Location", std::string(kConsolePath));
    respond(std::move(response));
    return true;
  }
  if (path.starts_with(kConsolePath)) {
    if (request.method != "GET" && request.method != "HEAD") {
      http::Response response = Text(405, "the console's files are read-only\n");
      response.headers.Set("Allow", "GET, HEAD");
      respond(std::move(response));
      return true;
    }
    respond(ServeConsoleAsset(path.substr(kConsolePath.size()), AcceptsGzip(request)));
    return true;
  }
  for (const ConsoleRoute& route : routes_) {
    if (request.method == route.method && path.starts_with(route.path_prefix)) {
      route.handle(std::move(request), std::move(respond));
      return true;
    }
  }
  return false;
}

}  // namespace stratus::console
