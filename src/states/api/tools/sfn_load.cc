// sfn_load: drives Step Functions StartSyncExecution (EXPRESS) or
// StartExecution (STANDARD) over many keep-alive connections and prints one
// JSON line of results. A benchmark tool (bench/sfn_bench.py), not part of
// the product.
//
//   sfn_load --endpoint http://127.0.0.1:PORT --state-machine-arn ARN
//            --mode sync|start [--connections 32] [--duration 5]
//            [--max-ops 100000] [--input '{}'] [--name-prefix run1]
//
// Each connection runs a closed loop (one request in flight) on one
// io_context thread. "start" names executions <prefix>-<n>.
//
// Output: {"mode","connections","calls","errors","succeeded","seconds",
// "calls_per_s","p50_us","p90_us","p99_us","max_us"}; "succeeded" counts
// sync answers with status SUCCEEDED (start: acknowledged starts). Loopback
// endpoints only.

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

namespace {

// A tool's main writes its own output (the lint allows std::cout/cerr in mains only).
std::ostream& Out() {
  return std::cout;
}  // STRATUS_LINT_ALLOW(tool main output)

std::ostream& Err() {
  return std::cerr;
}  // STRATUS_LINT_ALLOW(tool main output)

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Json = nlohmann::json;
using SteadyClock = std::chrono::steady_clock;

constexpr std::string_view kAuthorization =
    "AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/states/aws4_request, SignedHeaders=host, "
    "Signature=0";

struct Options {
  std::string host = "127.0.0.1";
  std::string port = {};
  std::string arn = {};
  std::string mode = "sync";
  int connections = 32;
  double duration_seconds = 5;
  int64_t max_ops = 100000;
  std::string input = "{}";
  std::string name_prefix = "load";
};

template <typename T>
bool ParseNumber(std::string_view text, T& out) {
  const auto result = std::from_chars(text.data(), text.data() + text.size(), out);
  return result.ec == std::errc() && result.ptr == text.data() + text.size();
}

std::optional<Options> ParseArguments(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view flag = argv[i];
    const std::string value = argv[i + 1];
    bool ok = true;
    if (flag == "--endpoint") {
      std::string_view rest = value;
      if (!rest.starts_with("http://")) {
        return std::nullopt;
      }
      rest.remove_prefix(7);
      rest = rest.substr(0, rest.find('/'));
      const size_t colon = rest.rfind(':');
      options.host = std::string(rest.substr(0, colon));
      options.port = colon == std::string_view::npos ? "80" : std::string(rest.substr(colon + 1));
    } else if (flag == "--state-machine-arn") {
      options.arn = value;
    } else if (flag == "--mode") {
      options.mode = value;
      ok = value == "sync" || value == "start";
    } else if (flag == "--connections") {
      ok = ParseNumber(std::string_view(value), options.connections) && options.connections > 0;
    } else if (flag == "--duration") {
      options.duration_seconds = std::stod(value);
    } else if (flag == "--max-ops") {
      ok = ParseNumber(std::string_view(value), options.max_ops) && options.max_ops > 0;
    } else if (flag == "--input") {
      options.input = value;
    } else if (flag == "--name-prefix") {
      options.name_prefix = value;
    } else {
      ok = false;
    }
    if (!ok) {
      Err() << "sfn_load: bad flag " << flag << " " << value << "\n";
      return std::nullopt;
    }
  }
  if (options.port.empty() || options.arn.empty()) {
    return std::nullopt;
  }
  if (options.host != "127.0.0.1" && options.host != "localhost" && options.host != "::1") {
    Err() << "sfn_load: loopback endpoints only\n";
    return std::nullopt;
  }
  return options;
}

struct Shared {
  Options options;
  SteadyClock::time_point deadline;
  std::atomic<int64_t> issued{0};
  int64_t calls = 0;
  int64_t errors = 0;
  int64_t succeeded = 0;
  std::vector<int64_t> latencies_us;
  std::string first_error;
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(asio::io_context& io, Shared& shared, tcp::resolver::results_type endpoints)
      : stream_(io), shared_(shared), endpoints_(std::move(endpoints)) {}

  void Begin() {
    auto self = shared_from_this();
    stream_.async_connect(endpoints_, [self](beast::error_code error, const tcp::endpoint&) {
      if (error) {
        self->Fail("connect: " + error.message());
        return;
      }
      self->Next();
    });
  }

 private:
  void Next() {
    if (SteadyClock::now() >= shared_.deadline) {
      return;
    }
    const int64_t n = shared_.issued.fetch_add(1);
    if (n >= shared_.options.max_ops) {
      return;
    }
    Json body = {{"stateMachineArn", shared_.options.arn}, {"input", shared_.options.input}};
    std::string target = "AWSStepFunctions.StartSyncExecution";
    if (shared_.options.mode == "start") {
      body["name"] = shared_.options.name_prefix + "-" + std::to_string(n);
      target = "AWSStepFunctions.StartExecution";
    }
    request_ = {};
    request_.method(http::verb::post);
    request_.target("/");
    request_.version(11);
    request_.set(http::field::host, shared_.options.host + ":" + shared_.options.port);
    request_.set(http::field::content_type, "application/x-amz-json-1.0");
    request_.set("X-Amz-Target", target);
    request_.set(http::field::authorization, std::string(kAuthorization));
    request_.keep_alive(true);
    request_.body() = body.dump();
    request_.prepare_payload();
    started_ = SteadyClock::now();
    auto self = shared_from_this();
    http::async_write(stream_, request_, [self](beast::error_code error, size_t) {
      if (error) {
        self->Fail("write: " + error.message());
        return;
      }
      self->response_ = {};
      http::async_read(self->stream_, self->buffer_, self->response_,
                       [self](beast::error_code read_error, size_t) { self->Done(read_error); });
    });
  }

  void Done(beast::error_code error) {
    if (error) {
      Fail("read: " + error.message());
      return;
    }
    const auto elapsed =
        std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - started_);
    ++shared_.calls;
    shared_.latencies_us.push_back(elapsed.count());
    if (response_.result_int() != 200) {
      ++shared_.errors;
      if (shared_.first_error.empty()) {
        shared_.first_error = response_.body();
      }
    } else if (shared_.options.mode == "start" ||
               response_.body().find("\"status\":\"SUCCEEDED\"") != std::string::npos) {
      ++shared_.succeeded;
    }
    Next();
  }

  void Fail(std::string what) {
    ++shared_.errors;
    if (shared_.first_error.empty()) {
      shared_.first_error = std::move(what);
    }
  }

  beast::tcp_stream stream_;
  Shared& shared_;
  tcp::resolver::results_type endpoints_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
  http::response<http::string_body> response_;
  SteadyClock::time_point started_;
};

int64_t Percentile(std::vector<int64_t>& sorted, double p) {
  if (sorted.empty()) {
    return 0;
  }
  const auto index = static_cast<size_t>(p * static_cast<double>(sorted.size() - 1));
  return sorted[index];
}

}  // namespace

int main(int argc, char** argv) {
  std::optional<Options> options = ParseArguments(argc, argv);
  if (!options.has_value()) {
    Err() << "usage: sfn_load --endpoint http://127.0.0.1:PORT --state-machine-arn ARN "
             "--mode sync|start [--connections 32] [--duration 5] [--max-ops 100000] "
             "[--input '{}'] [--name-prefix P]\n";
    return 2;
  }
  asio::io_context io;
  Shared shared;
  shared.options = *options;
  shared.latencies_us.reserve(static_cast<size_t>(std::min<int64_t>(options->max_ops, 2'000'000)));
  tcp::resolver resolver(io);
  auto endpoints = resolver.resolve(options->host, options->port);
  const auto start = SteadyClock::now();
  shared.deadline = start + std::chrono::duration_cast<SteadyClock::duration>(
                                std::chrono::duration<double>(options->duration_seconds));
  std::vector<std::shared_ptr<Connection>> connections;
  for (int i = 0; i < options->connections; ++i) {
    connections.push_back(std::make_shared<Connection>(io, shared, endpoints));
    connections.back()->Begin();
  }
  io.run();
  const double seconds = std::chrono::duration<double>(SteadyClock::now() - start).count();
  std::sort(shared.latencies_us.begin(), shared.latencies_us.end());
  Json out = {{"mode", options->mode},
              {"connections", options->connections},
              {"calls", shared.calls},
              {"errors", shared.errors},
              {"succeeded", shared.succeeded},
              {"seconds", seconds},
              {"calls_per_s", static_cast<double>(shared.calls) / seconds},
              {"p50_us", Percentile(shared.latencies_us, 0.50)},
              {"p90_us", Percentile(shared.latencies_us, 0.90)},
              {"p99_us", Percentile(shared.latencies_us, 0.99)},
              {"max_us", shared.latencies_us.empty() ? 0 : shared.latencies_us.back()}};
  if (!shared.first_error.empty()) {
    Err() << "sfn_load: first error: " << shared.first_error.substr(0, 500) << "\n";
  }
  Out() << out.dump() << std::endl;
  return 0;
}
