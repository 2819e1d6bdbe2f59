#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "http/message.h"

namespace stratus {
class Clock;
}  // namespace stratus

namespace stratus::lake {
class Lake;
}  // namespace stratus::lake

namespace stratus::states::api {
class StatesService;
}  // namespace stratus::states::api

namespace stratus::console {

class DashboardStore;
class ExecutionEvents;

/// What the console's own endpoints reach; everything else the console does
/// goes through the AWS APIs, as an SDK would.
struct ConsoleContext {
  std::string data_dir = {};   // The server's data dir (the console keeps console.db there).
  lake::Lake* lake = nullptr;  // For previews of lake objects.
  /// For live execution events; null without Step Functions (the endpoint
  /// then answers 404).
  states::api::StatesService* states = nullptr;
  bool signatures_verified = false;
};

/// One endpoint of the console below /_stratus/: requests whose method is
/// `method` and whose path starts with `path_prefix` go to `handle`.
struct ConsoleRoute {
  std::string method;
  std::string path_prefix;
  http::Handler handle;
};

/// Serves the web console embedded in the binary at /_stratus/ui/ and the
/// few /_stratus/ endpoints it needs where AWS has no API (see
/// docs/console.md). The console itself calls the AWS APIs the SDKs use.
///
/// Thread safety: Handle() from any thread once opened.
class Console {
 public:
  Console(const Console&) = delete;
  Console& operator=(const Console&) = delete;
  ~Console();

  static Result<std::unique_ptr<Console>> Open(ConsoleContext context);

  /// Handles a request below /_stratus/ and returns true, or returns false
  /// (leaving `respond` uncalled) when no console route has its path.
  bool Handle(http::Request& request, http::Responder& respond) const;

  /// Stops background work (event subscriptions) and closes console.db; idempotent.
  void Stop();

 private:
  explicit Console(ConsoleContext context);
  /// Starts the live execution events (execution_events.h) and adds their route.
  void OpenExecutionEvents();

  ConsoleContext context_;
  std::unique_ptr<Clock> clock_;
  std::unique_ptr<DashboardStore> dashboards_;  // Null without a data dir.
  std::vector<ConsoleRoute> routes_;
  std::unique_ptr<ExecutionEvents> execution_events_;
};

/// The console's path prefix, and its URL on `base` ("http://127.0.0.1:4566").
inline constexpr std::string_view kConsolePath = "/_stratus/ui/";
std::string ConsoleUrl(std::string_view base);

/// Returns the response for GET/HEAD of `path` below the console's root
/// ("", "index.html", "assets/x.js"); gzip-encoded when `accepts_gzip`.
http::Response ServeConsoleAsset(std::string_view path, bool accepts_gzip);

}  // namespace stratus::console
