// A development server for the Step Functions work: SQS and Step Functions
// behind the real dispatcher, speaking the same command line as
// `stratus serve` (plus the Step Functions options), so that the wire tests,
// the kill -9 test and the benchmark can run before the composition root
// wires the service. Also `sfn run FILE --input JSON`. Not part of the
// product binary.

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <signal.h>

#include "aws/dispatcher.h"
#include "aws/model/model_registry.h"
#include "aws/operation_table.h"
#include "base/clock.h"
#include "base/json.h"
#include "base/log.h"
#include "base/random.h"
#include "http/server.h"
#include "sqs/api/operations.h"
#include "sqs/queue_service.h"
#include "states/api/run_definition_from_file.h"
#include "states/api/states_service.h"
#include "storage/database.h"

namespace {

// A tool's main writes its own output (the lint allows std::cout/cerr in mains only).
std::ostream& Out() {
  return std::cout;
}  // STRATUS_LINT_ALLOW(tool main output)

std::ostream& Err() {
  return std::cerr;
}  // STRATUS_LINT_ALLOW(tool main output)

using stratus::Json;

struct Options {
  std::string host = "127.0.0.1";
  uint16_t port = 4566;
  std::string data_dir = "./.stratus";
  int threads = 2;
  double time_scale = 1.0;
  std::string mock_config = {};
};

bool ParseServe(const std::vector<std::string_view>& args, Options* options) {
  for (size_t i = 0; i + 1 < args.size(); i += 2) {
    const std::string_view name = args[i];
    const std::string value(args[i + 1]);
    if (name == "--host") {
      options->host = value;
    } else if (name == "--port") {
      options->port = static_cast<uint16_t>(std::atoi(value.c_str()));
    } else if (name == "--data-dir") {
      options->data_dir = value;
    } else if (name == "--threads") {
      options->threads = std::atoi(value.c_str());
    } else if (name == "--sfn-time-scale") {
      options->time_scale = std::strtod(value.c_str(), nullptr);
    } else if (name == "--sfn-mock-config") {
      options->mock_config = value;
    } else if (name == "--log-level") {
      stratus::SetLogLevel(value == "debug"  ? stratus::LogLevel::kDebug
                           : value == "warn" ? stratus::LogLevel::kWarn
                                             : stratus::LogLevel::kInfo);
    } else {
      Err() << "unknown option " << name << "\n";
      return false;
    }
  }
  return true;
}

int Serve(const std::vector<std::string_view>& args) {
  Options options;
  if (!ParseServe(args, &options)) {
    return 2;
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);
  std::filesystem::create_directories(options.data_dir);

  stratus::SystemClock clock;
  stratus::IdGenerator ids;
  stratus::aws::ModelRegistry models;
  stratus::aws::OperationTable table;
  auto sqs_db = stratus::storage::Database::Open(
      (std::filesystem::path(options.data_dir) / "sqs.db").string());
  if (!sqs_db.ok()) {
    Err() << sqs_db.status().ToString() << "\n";
    return 1;
  }
  stratus::sqs::QueueService queues(**sqs_db, clock, ids);
  if (auto started = queues.Start(); !started.ok()) {
    Err() << started.ToString() << "\n";
    return 1;
  }
  auto states = stratus::states::api::OpenStatesService(
      stratus::states::api::StatesServiceOptions{.data_dir = options.data_dir,
                                                 .time_scale = options.time_scale,
                                                 .mock_config_path = options.mock_config,
                                                 .models = &models},
      clock, ids);
  if (!states.ok()) {
    Err() << states.status().ToString() << "\n";
    return 1;
  }
  stratus::sqs::RegisterSqsOperations(table, queues);
  stratus::states::api::RegisterStatesOperations(table, **states);
  stratus::aws::Dispatcher dispatcher(stratus::aws::DispatcherOptions{}, models, table, ids, clock);
  auto server = stratus::http::Server::Start(
      stratus::http::ServerOptions{
          .host = options.host, .port = options.port, .num_threads = options.threads},
      [&dispatcher](stratus::http::Request request, stratus::http::Responder respond) {
        if (request.path == "/_stratus/health") {
          stratus::http::Response response;
          response.headers.Set("Content-Type", "application/json");
          response.body =
              R"({"version":"sfn-dev","services":{"sqs":"running","states":"running"}})";
          respond(std::move(response));
          return;
        }
        dispatcher.Handle(std::move(request), std::move(respond));
      });
  if (!server.ok()) {
    Err() << server.status().ToString() << "\n";
    return 1;
  }
  Out() << "sfn dev server listening on http://" << options.host << ":" << (*server)->port()
        << std::endl;
  int received = 0;
  sigwait(&signals, &received);
  (*server)->Stop();
  (*states)->Stop();
  queues.Stop();
  (*sqs_db)->Stop();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.size() >= 2 && args[0] == "sfn" && args[1] == "run") {
    std::vector<std::string> rest(args.begin() + 2, args.end());
    return stratus::states::api::RunDefinitionFromFile(rest, Out(), Err());
  }
  if (!args.empty() && args[0] == "serve") {
    args.erase(args.begin());
    return Serve(args);
  }
  Err() << "usage: stratus_sfn_dev_server serve [options] | sfn run FILE [--input JSON]\n";
  return 2;
}
