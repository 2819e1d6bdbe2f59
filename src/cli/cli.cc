#include "cli/cli.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <signal.h>
#include <unistd.h>

#include "base/log.h"
#include "cli/deploy_command.h"
#include "cli/extract_command.h"
#include "cli/sql_command.h"
#include "console/console.h"
#include "server/stratus_server.h"
#include "states/api/run_definition_from_file.h"

namespace stratus::cli {
namespace {

constexpr std::string_view kUsage = R"(stratus — the AWS serverless data stack on one machine

Usage:
  stratus serve [options]     run the local cloud (default 127.0.0.1:4566, state in ./.stratus)
  stratus sfn run FILE [--input JSON | --input-file F] [--time-scale X]
                 [--type STANDARD|EXPRESS] [--name MACHINE] [--mock-config F --test-case N]
                              run a state machine definition here, showing each state live
                              (MACHINE: the name mock configurations address; default: the
                              file name without .asl.json)
  stratus sql [-c SQL] [--format table|csv|json] [--endpoint-url URL] [--database DB]
                 [--work-group WG] [--output-location S3URI]
                              run SQL through a running server's Athena API; without -c, an
                              interactive shell (history, multi-line, \dt, \d TABLE, \l, \q)
  stratus deploy TEMPLATE --stack-name NAME [--param KEY=VALUE]... [--capabilities CAP]...
                 [--endpoint-url URL]
                              deploy a CloudFormation template to a running server through a
                              change set, showing each resource's progress and the outputs
  stratus extract mysql://USER:PASSWORD@HOST:PORT/DB (--table T | --query SQL) --to URI
                 [--null-as '\N'|''] [--incremental-column C] [--parallel N]
                 [--endpoint-url URL]
                              copy MySQL rows into the lake as Hive CSV (see `stratus extract -h`)
  stratus version             print the version
  stratus help                show this text

Options for serve:
  --host ADDR                 address to listen on (default 127.0.0.1)
  --port N                    port (default 4566; 0 picks a free one)
  --data-dir DIR              where state lives (default ./.stratus)
  --account-id ID             12-digit account id in ARNs and queue URLs (default 000000000000)
  --region NAME               region for unsigned requests (default us-east-1)
  --credentials-file FILE     verify SigV4 signatures against these keys (AWS credentials INI);
                              STRATUS_ACCESS_KEY_ID/STRATUS_SECRET_ACCESS_KEY do the same
  --threads N                 HTTP I/O threads (default 2)
  --log-level LEVEL           debug, info, warn, error (default info)
  --sfn-time-scale X          Step Functions waits, retries and timeouts take X × their time
                              (e.g. 0.001: an hour-long Wait passes in 3.6 s; history keeps
                              nominal times)
  --sfn-mock-config FILE      Step Functions Local mock configuration for mocked Task results
  --s3-host-suffix NAME       a host under which BUCKET.NAME addresses a bucket (virtual-hosted
                              style); repeatable (default: localhost, so BUCKET.localhost and
                              BUCKET.s3.localhost work)
  --lake-endpoint URL         keep the lake (s3:// URIs the engines read and write) on this
                              S3-compatible endpoint instead of the local S3; signed with
                              STRATUS_LAKE_ACCESS_KEY_ID/STRATUS_LAKE_SECRET_ACCESS_KEY (else
                              AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)
  --lake-region NAME          the endpoint's signing region (default us-east-1)
  --lake-addressing STYLE     path (default) or virtual (BUCKET.host)
  --sql-memory-limit SIZE     the SQL engine's memory budget for all running queries: bytes
                              with an optional K, M or G suffix, or a percentage of the RAM
                              (default 50%); beyond it queries spill or fail with
                              EXCEEDED_LOCAL_MEMORY_LIMIT
  --sql-threads N             the SQL engine's worker threads (default: one per core)

Point any AWS client at it:
  aws --endpoint-url http://localhost:4566 sqs list-queues
  export AWS_ENDPOINT_URL=http://localhost:4566
)";

bool ParseInt(std::string_view text, int* out) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return error == std::errc() && end == text.data() + text.size();
}

// Reads "512M", "2G", "1073741824" or "25%" (of the RAM) as bytes; nullopt when malformed.
std::optional<uint64_t> ParseMemorySize(std::string_view text) {
  if (text.empty()) {
    return std::nullopt;
  }
  uint64_t multiplier = 1;
  bool percent = false;
  switch (text.back()) {
    case '%':
      percent = true;
      break;
    case 'k':
    case 'K':
      multiplier = uint64_t{1} << 10;
      break;
    case 'm':
    case 'M':
      multiplier = uint64_t{1} << 20;
      break;
    case 'g':
    case 'G':
      multiplier = uint64_t{1} << 30;
      break;
    default:
      break;
  }
  if (percent || multiplier > 1) {
    text.remove_suffix(1);
  }
  uint64_t number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size() || number == 0) {
    return std::nullopt;
  }
  if (percent) {
    if (number > 100) {
      return std::nullopt;
    }
    const auto pages = static_cast<uint64_t>(sysconf(_SC_PHYS_PAGES));
    const auto page_size = static_cast<uint64_t>(sysconf(_SC_PAGE_SIZE));
    return pages * page_size / 100 * number;
  }
  if (number > (uint64_t{1} << 50) / multiplier) {
    return std::nullopt;
  }
  return number * multiplier;
}

// Parses serve's options into `config`; returns an error message or "".
std::string ParseServeOptions(const std::vector<std::string_view>& args,
                              server::ServerConfig* config) {
  bool custom_suffixes = false;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string_view name = args[i];
    std::string_view value;
    if (const size_t equals = name.find('='); equals != std::string_view::npos) {
      value = name.substr(equals + 1);
      name = name.substr(0, equals);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return Format("option {} needs a value", name);
    }
    int number = 0;
    if (name == "--host") {
      config->host = value;
    } else if (name == "--port") {
      if (!ParseInt(value, &number) || number < 0 || number > 65535) {
        return Format("--port must be 0-65535, not '{}'", value);
      }
      config->port = static_cast<uint16_t>(number);
    } else if (name == "--data-dir") {
      config->data_dir = value;
    } else if (name == "--account-id") {
      if (value.size() != 12 || value.find_first_not_of("0123456789") != std::string_view::npos) {
        return Format("--account-id must be 12 digits, not '{}'", value);
      }
      config->account_id = value;
    } else if (name == "--region") {
      config->default_region = value;
    } else if (name == "--credentials-file") {
      config->credentials_file = value;
    } else if (name == "--threads") {
      if (!ParseInt(value, &number) || number < 1 || number > 64) {
        return Format("--threads must be 1-64, not '{}'", value);
      }
      config->num_threads = number;
    } else if (name == "--sfn-time-scale") {
      char* end = nullptr;
      const std::string text(value);
      const double scale = std::strtod(text.c_str(), &end);
      if (end == text.c_str() || *end != '\0' || !(scale > 0) || scale > 1000) {
        return Format("--sfn-time-scale must be a number in (0, 1000], not '{}'", value);
      }
      config->sfn_time_scale = scale;
    } else if (name == "--sfn-mock-config") {
      config->sfn_mock_config = value;
    } else if (name == "--lake-endpoint") {
      if (!value.starts_with("http://") && !value.starts_with("https://")) {
        return Format("--lake-endpoint must be an http:// or https:// URL, not '{}'", value);
      }
      config->lake_endpoint = value;
    } else if (name == "--lake-region") {
      config->lake_region = value;
    } else if (name == "--lake-addressing") {
      if (value != "path" && value != "virtual") {
        return Format("--lake-addressing must be path or virtual, not '{}'", value);
      }
      config->lake_virtual_hosted = value == "virtual";
    } else if (name == "--s3-host-suffix") {
      if (value.empty() || value.front() == '.' || value.find(':') != std::string_view::npos) {
        return Format("--s3-host-suffix must be a host name such as localhost, not '{}'", value);
      }
      if (!custom_suffixes) {
        config->s3_host_suffixes.clear();
        custom_suffixes = true;
      }
      config->s3_host_suffixes.emplace_back(value);
    } else if (name == "--sql-memory-limit") {
      const std::optional<uint64_t> bytes = ParseMemorySize(value);
      if (!bytes.has_value()) {
        return Format(
            "--sql-memory-limit must be bytes with an optional K, M or G suffix, or "
            "a percentage of the RAM such as 50%, not '{}'",
            value);
      }
      config->sql_memory_limit_bytes = *bytes;
    } else if (name == "--sql-threads") {
      if (!ParseInt(value, &number) || number < 1 || number > 256) {
        return Format("--sql-threads must be 1-256, not '{}'", value);
      }
      config->sql_threads = number;
    } else if (name == "--log-level") {
      if (value == "debug") {
        SetLogLevel(LogLevel::kDebug);
      } else if (value == "info") {
        SetLogLevel(LogLevel::kInfo);
      } else if (value == "warn") {
        SetLogLevel(LogLevel::kWarn);
      } else if (value == "error") {
        SetLogLevel(LogLevel::kError);
      } else {
        return Format("unknown log level '{}'", value);
      }
    } else {
      return Format("unknown option '{}'", name);
    }
  }
  return "";
}

int Serve(const std::vector<std::string_view>& args) {
  server::ServerConfig config;
  if (std::string error = ParseServeOptions(args, &config); !error.empty()) {
    std::cerr << "stratus serve: " << error << "\n";
    return 2;
  }
  // Block the stop signals in every thread; this thread waits for them below.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  Result<std::unique_ptr<server::StratusServer>> started = server::StratusServer::Start(config);
  if (!started.ok()) {
    std::cerr << "stratus serve: " << started.status().ToString() << "\n";
    return 1;
  }
  std::unique_ptr<server::StratusServer> running = std::move(started).value();
  std::cout << "stratus " << server::Version() << " listening on http://" << config.host << ":"
            << running->port() << " (data in " << config.data_dir << ")" << std::endl;
  const bool any_address = config.host == "0.0.0.0" || config.host == "::" || config.host.empty();
  std::cout << "console: "
            << console::ConsoleUrl(
                   Format("http://{}:{}", any_address ? "localhost" : config.host, running->port()))
            << std::endl;
  int received = 0;
  sigwait(&signals, &received);
  std::cout << "stratus: stopping" << std::endl;
  running->Stop();
  return 0;
}

}  // namespace

int RunCli(int argc, char** argv) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
    std::cout << kUsage;
    return args.empty() ? 2 : 0;
  }
  const std::string_view command = args[0];
  args.erase(args.begin());
  if (command == "serve") {
    return Serve(args);
  }
  if (command == "sfn" && !args.empty() && args[0] == "run") {
    const std::vector<std::string> words(args.begin() + 1, args.end());
    return states::api::RunDefinitionFromFile(words, std::cout, std::cerr);
  }
  if (command == "sql") {
    return RunSqlCommand(std::vector<std::string>(args.begin(), args.end()), std::cout, std::cerr);
  }
  if (command == "deploy") {
    return RunDeployCommand(std::vector<std::string>(args.begin(), args.end()), std::cout,
                            std::cerr, isatty(STDOUT_FILENO) == 1);
  }
  if (command == "extract") {
    return RunExtractCommand(std::vector<std::string>(args.begin(), args.end()), std::cout,
                             std::cerr);
  }
  if (command == "version" || command == "--version") {
    std::cout << "stratus " << server::Version() << "\n";
    return 0;
  }
  std::cerr << "stratus: unknown command '" << command << "'\n\n" << kUsage;
  return 2;
}

}  // namespace stratus::cli
