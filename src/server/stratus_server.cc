#include "server/stratus_server.h"

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <system_error>
#include <utility>

#include "aws/dispatcher.h"
#include "aws/model/model_registry.h"
#include "aws/operation_table.h"
#include "aws/service.h"
#include "base/clock.h"
#include "base/json.h"
#include "base/random.h"
#include "console/console.h"
#include "http/server.h"
#include "lake/remote_s3_options.h"
#include "server/log.h"
#include "server/service_set.h"

namespace stratus::server {
namespace {

Result<std::optional<aws::CredentialStore>> LoadCredentials(const ServerConfig& config) {
  if (!config.credentials_file.empty()) {
    STRATUS_ASSIGN_OR_RETURN(aws::CredentialStore store,
                             aws::LoadCredentialsFile(config.credentials_file));
    return std::optional<aws::CredentialStore>(std::move(store));
  }
  const char* access_key = std::getenv("STRATUS_ACCESS_KEY_ID");
  const char* secret = std::getenv("STRATUS_SECRET_ACCESS_KEY");
  if (access_key != nullptr && secret != nullptr && *access_key != '\0') {
    return std::optional<aws::CredentialStore>(aws::CredentialStore{{access_key, secret}});
  }
  return std::optional<aws::CredentialStore>();
}

// Returns the remote lake's options, when --lake-endpoint was given.
std::optional<lake::RemoteS3Options> LakeEndpoint(const ServerConfig& config) {
  if (config.lake_endpoint.empty()) {
    return std::nullopt;
  }
  auto env = [](const char* name) {
    const char* value = std::getenv(name);
    return value == nullptr ? std::string() : std::string(value);
  };
  lake::RemoteS3Options options{.endpoint = config.lake_endpoint,
                                .region = config.lake_region,
                                .access_key_id = env("STRATUS_LAKE_ACCESS_KEY_ID"),
                                .secret_access_key = env("STRATUS_LAKE_SECRET_ACCESS_KEY"),
                                .addressing = config.lake_virtual_hosted
                                                  ? lake::S3Addressing::kVirtualHosted
                                                  : lake::S3Addressing::kPathStyle};
  if (options.access_key_id.empty()) {
    options.access_key_id = env("AWS_ACCESS_KEY_ID");
    options.secret_access_key = env("AWS_SECRET_ACCESS_KEY");
  }
  return options;
}

http::Response HealthResponse(const ServiceSet& services, bool signatures_verified) {
  Json body = {{"version", std::string(Version())},
               {"signatures", signatures_verified ? "verified" : "any"},
               {"services", Json::object()}};
  for (const auto& [name, state] : services.States()) {
    body["services"][name] = state;
  }
  http::Response response;
  response.headers.Set("Content-Type", "application/json");
  response.body = DumpJson(body);
  return response;
}

}  // namespace

std::string_view Version() {
  return "0.1.0";
}

// Declaration order is construction order; destruction runs backwards, so the
// HTTP server goes first and the services' databases last.
struct StratusServer::Parts {
  SystemClock clock;
  IdGenerator ids;
  aws::ModelRegistry models;
  aws::OperationTable operations;
  std::unique_ptr<ServiceSet> services;
  std::unique_ptr<aws::Dispatcher> dispatcher;
  std::unique_ptr<console::Console> console;
  std::unique_ptr<http::Server> http;
  bool stopped = false;
};

StratusServer::StratusServer(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}

StratusServer::~StratusServer() {
  Stop();
}

Result<std::unique_ptr<StratusServer>> StratusServer::Start(const ServerConfig& config) {
  std::error_code error;
  std::filesystem::create_directories(config.data_dir, error);
  if (error) {
    return Status::IoError(
        Format("cannot create data dir {}: {}", config.data_dir, error.message()));
  }
  auto parts = std::make_unique<Parts>();
  STRATUS_ASSIGN_OR_RETURN(std::optional<aws::CredentialStore> credentials,
                           LoadCredentials(config));
  const bool verify_signatures = credentials.has_value();
  // How function processes reach this server: its port on loopback when it
  // listens on every address. With port 0 the port is known once it listens,
  // before any function runs from a request (queued Event invocations may
  // wait for it).
  const std::string endpoint_host =
      config.host == "0.0.0.0" || config.host == "::" || config.host.empty() ? "127.0.0.1"
                                                                             : config.host;
  const Parts* listening = parts.get();
  const uint16_t configured_port = config.port;
  auto endpoint_url = [endpoint_host, listening, configured_port] {
    const uint16_t port = configured_port != 0         ? configured_port
                          : listening->http != nullptr ? listening->http->port()
                                                       : uint16_t{0};
    return Format("http://{}:{}", endpoint_host, port);
  };
  STRATUS_ASSIGN_OR_RETURN(
      parts->services,
      ServiceSet::Open(ServiceSetOptions{.sfn_time_scale = config.sfn_time_scale,
                                         .sfn_mock_config = config.sfn_mock_config,
                                         .lake_endpoint = LakeEndpoint(config),
                                         .account_id = config.account_id,
                                         .sql_memory_limit_bytes = config.sql_memory_limit_bytes,
                                         .sql_threads = static_cast<size_t>(config.sql_threads),
                                         .endpoint_url = endpoint_url,
                                         .region = config.default_region},
                       aws::ServiceEnvironment{.data_dir = config.data_dir,
                                               .clock = &parts->clock,
                                               .ids = &parts->ids,
                                               .models = &parts->models}));
  STRATUS_RETURN_IF_ERROR(parts->services->Start(parts->operations));
  parts->dispatcher = std::make_unique<aws::Dispatcher>(
      aws::DispatcherOptions{
          .account_id = config.account_id,
          .default_region = config.default_region,
          .credentials = std::move(credentials),
          .credential_lookup = [services = parts->services.get()](
                                   std::string_view key) { return services->FindCredential(key); },
          .s3_host_suffixes = config.s3_host_suffixes},
      parts->models, parts->operations, parts->ids, parts->clock);

  STRATUS_ASSIGN_OR_RETURN(parts->console, console::Console::Open(console::ConsoleContext{
                                               .data_dir = config.data_dir,
                                               .lake = &parts->services->lake(),
                                               .states = parts->services->states(),
                                               .signatures_verified = verify_signatures}));
  const aws::Dispatcher* dispatcher = parts->dispatcher.get();
  const ServiceSet* services = parts->services.get();
  const console::Console* web_console = parts->console.get();
  http::Handler handler = [dispatcher, services, web_console, verify_signatures](
                              http::Request request, http::Responder respond) {
    if (request.path.starts_with("/_stratus")) {
      if (request.path == "/_stratus/health") {
        respond(HealthResponse(*services, verify_signatures));
      } else if (web_console->Handle(request, respond)) {
        return;
      } else {
        respond(http::Response{.status = 404, .headers = {}, .body = "not found\n"});
      }
      return;
    }
    dispatcher->Handle(std::move(request), std::move(respond));
  };
  http::BodySinkFactory body_sinks =
      [dispatcher](const http::Request& head) -> std::shared_ptr<http::BodySink> {
    // The console's own endpoints take their (small) bodies whole.
    if (head.path.starts_with("/_stratus")) {
      return nullptr;
    }
    return dispatcher->OpenBodySink(head);
  };
  STRATUS_ASSIGN_OR_RETURN(
      parts->http, http::Server::Start(http::ServerOptions{.host = config.host,
                                                           .port = config.port,
                                                           .num_threads = config.num_threads},
                                       std::move(handler), std::move(body_sinks)));
  kServerLog.Info("listening host={} port={} data_dir={} signatures={}", config.host,
                  parts->http->port(), config.data_dir,
                  verify_signatures ? "verified" : "any accepted");
  return std::unique_ptr<StratusServer>(
      new StratusServer(std::move(parts)));  // STRATUS_LINT_ALLOW(private constructor)
}

uint16_t StratusServer::port() const {
  return parts_->http->port();
}

void StratusServer::Stop() {
  if (parts_ == nullptr || parts_->stopped) {
    return;
  }
  parts_->stopped = true;
  // The console first: it answers its parked long polls, which the HTTP
  // server then finishes writing.
  if (parts_->console != nullptr) {
    parts_->console->Stop();
  }
  if (parts_->http != nullptr) {
    parts_->http->Stop();
  }
  if (parts_->services != nullptr) {
    parts_->services->Stop();
  }
}

}  // namespace stratus::server
