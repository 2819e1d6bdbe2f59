#pragma once

// The closed-loop HTTP runner the load generators share (sqs_load, sfn_load,
// s3_load).
//
// A run opens --connections keep-alive connections to one loopback endpoint,
// all on one Asio io_context (--threads run it). Each connection runs a
// closed loop, one call in flight, and asks its Script what to send next; the
// runner times every call, counts calls and errors (non-2xx answers and
// connection failures; the first is printed to stderr) and reconnects when
// the server answers `Connection: close` (moto does) or a call fails.
//
// The run ends at --duration seconds or after --max-ops operations, whichever
// comes first; a Script takes an operation with Shared::TakeOp() and may send
// follow-up calls that take none (SQS deletes after a receive). After the
// deadline, calls in flight get kDrainTime before the run is cut off.
//
// Header-only: these are small tools built beside stratus, not part of it.
// Thread safety: a Script and its Connection run on one strand; Shared is
// atomics or read-only after setup.

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace closed_loop {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

inline constexpr uint64_t kMaxResponseBytes = uint64_t{64} * 1024 * 1024;
inline constexpr size_t kReadBufferBytes = 16 * 1024;
inline constexpr std::chrono::milliseconds kReconnectDelay = std::chrono::milliseconds(10);
inline constexpr std::chrono::seconds kDrainTime = std::chrono::seconds(10);

template <typename T>
bool ParseNumber(std::string_view text, T& out) {
  const auto result = std::from_chars(text.data(), text.data() + text.size(), out);
  return result.ec == std::errc() && result.ptr == text.data() + text.size();
}

/// The options every tool shares.
struct LoopOptions {
  std::string endpoint = {};
  std::string host = {};
  std::string port = {};
  int connections = 32;
  double duration_seconds = 5;
  int64_t max_ops = 200000;
  int threads = 1;
  /// Set by the tool: its name (messages, User-Agent), the signing service
  /// in the fake Authorization header and the Content-Type of every request.
  std::string tool = {};
  std::string service = {};
  std::string content_type = "application/x-amz-json-1.0";
  /// Sent with every request as well (s3_load: x-amz-content-sha256).
  std::vector<std::pair<std::string, std::string>> extra_headers = {};
};

/// Splits "http://host:port" into host and port; false if it is not that shape.
inline bool ParseEndpoint(LoopOptions& options) {
  std::string_view rest = options.endpoint;
  constexpr std::string_view kScheme = "http://";
  if (rest.substr(0, kScheme.size()) != kScheme) {
    return false;
  }
  rest.remove_prefix(kScheme.size());
  rest = rest.substr(0, rest.find('/'));
  std::string_view host = rest;
  std::string_view port = "80";
  if (!rest.empty() && rest.front() == '[') {  // [::1]:port
    const size_t close = rest.find(']');
    if (close == std::string_view::npos) {
      return false;
    }
    host = rest.substr(1, close - 1);
    if (close + 1 < rest.size() && rest[close + 1] == ':') {
      port = rest.substr(close + 2);
    }
  } else if (const size_t colon = rest.rfind(':'); colon != std::string_view::npos) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
  }
  options.host = std::string(host);
  options.port = std::string(port);
  return !host.empty() && !port.empty();
}

/// Walks `--flag value` and `--flag=value` pairs. The shared flags go into
/// `options`; every other flag goes to `tool_flag`, which returns false for an
/// unknown flag or a bad value. Returns false (after a message) on an error
/// or --help.
inline bool ParseFlags(
    int argc,
    char** argv,
    LoopOptions& options,
    const std::function<bool(std::string_view flag, std::string_view value)>& tool_flag) {
  for (int i = 1; i < argc; ++i) {
    std::string_view flag = argv[i];
    std::string_view value;
    if (const size_t eq = flag.find('='); eq != std::string_view::npos) {
      value = flag.substr(eq + 1);
      flag = flag.substr(0, eq);
    } else if (flag == "--help" || flag == "-h") {
      return false;
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      std::cerr << options.tool << ": " << flag << " needs a value\n";
      return false;
    }
    bool ok = true;
    if (flag == "--endpoint") {
      options.endpoint = std::string(value);
    } else if (flag == "--connections") {
      ok = ParseNumber(value, options.connections) && options.connections > 0;
    } else if (flag == "--duration") {
      ok = ParseNumber(value, options.duration_seconds) && options.duration_seconds > 0;
    } else if (flag == "--max-ops") {
      ok = ParseNumber(value, options.max_ops) && options.max_ops > 0;
    } else if (flag == "--threads") {
      ok = ParseNumber(value, options.threads) && options.threads > 0;
    } else {
      ok = tool_flag(flag, value);
    }
    if (!ok) {
      std::cerr << options.tool << ": unknown flag or bad value: " << flag << " " << value << "\n";
      return false;
    }
  }
  if (!ParseEndpoint(options)) {
    std::cerr << options.tool << ": --endpoint http://HOST:PORT is required\n";
    return false;
  }
  return true;
}

/// What all connections share.
struct Shared {
  const LoopOptions* options = nullptr;
  tcp::resolver::results_type endpoints = {};
  SteadyClock::time_point deadline = {};
  std::atomic<int64_t> num_issued{0};
  std::atomic<bool> error_printed{false};
  std::atomic<int> num_running{0};
  std::function<void()> on_all_finished = nullptr;

  /// Returns the index of a new operation, or nothing when the run is over.
  std::optional<int64_t> TakeOp() {
    if (SteadyClock::now() >= deadline) {
      return std::nullopt;
    }
    const int64_t index = num_issued.fetch_add(1, std::memory_order_relaxed);
    return index < options->max_ops ? std::optional<int64_t>(index) : std::nullopt;
  }

  void ReportError(std::string_view what) {
    if (!error_printed.exchange(true)) {
      std::cerr << options->tool << ": first error: " << what << "\n";
    }
  }
};

/// One call a Script asks for.
struct Call {
  /// POST / unless the Script says otherwise (S3 is REST).
  http::verb method = http::verb::post;
  std::string path = "/";
  /// X-Amz-Target; empty for none (query protocol, S3).
  std::string target = {};
  std::string body = {};
  /// Names the call in error messages.
  std::string label = {};
};

/// What one connection sends, and what it makes of the answers.
class Script {
 public:
  virtual ~Script() = default;
  /// Fills the next call; false when this connection is done. Takes an
  /// operation with shared.TakeOp() unless the call is a follow-up.
  virtual bool Next(Shared& shared, Call& call) = 0;
  /// A 2xx answer to the last call.
  virtual void OnSuccess(std::string_view body) = 0;

  /// A non-2xx answer or a failed connection: drop follow-ups.
  virtual void OnError() {}

  /// True while follow-up calls must still be sent after the deadline.
  virtual bool HasPending() const { return false; }
};

/// Latencies and counts of one connection, or of a whole run.
struct Stats {
  int64_t calls = 0;
  int64_t errors = 0;
  std::vector<uint32_t> latencies_us = {};
};

// One connection running a closed loop of calls.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(asio::io_context& io_context, Shared& shared, Script& script)
      : shared_(shared),
        script_(&script),
        stream_(asio::make_strand(io_context)),
        retry_timer_(stream_.get_executor()) {
    const LoopOptions& options = *shared.options;
    request_.method(http::verb::post);
    request_.target("/");
    request_.version(11);
    request_.set(http::field::host, options.host + ":" + options.port);
    request_.set(http::field::content_type, options.content_type);
    request_.set(http::field::authorization, "AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/" +
                                                 options.service +
                                                 "/aws4_request, SignedHeaders=host, Signature=0");
    request_.set("X-Amz-Date", "20260101T000000Z");
    request_.set(http::field::user_agent, options.tool);
    for (const auto& [name, value] : options.extra_headers) {
      request_.set(name, value);
    }
    stats_.latencies_us.reserve(static_cast<size_t>(
        std::min<int64_t>(options.max_ops / options.connections + 16, 1 << 20)));
    // Room for a whole answer: Beast reads at most the free capacity (512
    // bytes at first), so a smaller buffer costs a second read per call.
    buffer_.reserve(kReadBufferBytes);
  }

  void Start() {
    shared_.num_running.fetch_add(1);
    Connect();
  }

  const Stats& stats() const { return stats_; }

 private:
  void Connect() {
    buffer_.clear();
    stream_.async_connect(shared_.endpoints, [self = shared_from_this()](beast::error_code error,
                                                                         const tcp::endpoint&) {
      if (error) {
        self->Fail("connect: " + error.message());
        return;
      }
      self->stream_.socket().set_option(tcp::no_delay(true), error);
      self->Next();
    });
  }

  void Next() {
    call_ = {};
    if (!script_->Next(shared_, call_)) {
      Finish();
      return;
    }
    request_.method(call_.method);
    request_.target(call_.path);
    if (call_.target.empty()) {
      request_.erase("X-Amz-Target");
    } else {
      request_.set("X-Amz-Target", call_.target);
    }
    request_.body() = std::move(call_.body);
    request_.erase(http::field::content_length);  // A body-less GET after a PUT sends none.
    request_.prepare_payload();
    started_ = SteadyClock::now();
    http::async_write(stream_, request_,
                      [self = shared_from_this()](beast::error_code error, size_t) {
                        if (error) {
                          self->Fail("write: " + error.message());
                          return;
                        }
                        self->Read();
                      });
  }

  void Read() {
    parser_.emplace();
    parser_->body_limit(kMaxResponseBytes);
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code error, size_t) { self->OnResponse(error); });
  }

  void OnResponse(beast::error_code error) {
    if (error) {
      Fail("read: " + error.message());
      return;
    }
    const auto elapsed =
        std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - started_);
    stats_.latencies_us.push_back(
        static_cast<uint32_t>(std::min<int64_t>(elapsed.count(), UINT32_MAX)));
    ++stats_.calls;
    const auto& response = parser_->get();
    const int status = static_cast<int>(response.result_int());
    if (status / 100 == 2) {
      script_->OnSuccess(response.body());
    } else {
      ++stats_.errors;
      script_->OnError();
      shared_.ReportError(call_.label + " -> HTTP " + std::to_string(status) + ": " +
                          response.body());
    }
    if (!response.keep_alive()) {
      Reconnect(/*after_failure=*/false);
      return;
    }
    Next();
  }

  void Fail(const std::string& what) {
    ++stats_.errors;
    shared_.ReportError(what);
    script_->OnError();
    Reconnect(/*after_failure=*/true);
  }

  // Opens a new connection: at once after the server closed one, after a
  // short delay after a failure. Past the deadline it finishes instead, unless
  // the script still has follow-up calls to send.
  void Reconnect(bool after_failure) {
    beast::error_code ignored;
    stream_.socket().close(ignored);
    if (SteadyClock::now() >= shared_.deadline && !script_->HasPending()) {
      Finish();
      return;
    }
    if (!after_failure) {
      Connect();
      return;
    }
    retry_timer_.expires_after(kReconnectDelay);
    retry_timer_.async_wait([self = shared_from_this()](beast::error_code error) {
      if (error) {
        self->Finish();
        return;
      }
      self->Connect();
    });
  }

  void Finish() {
    if (finished_) {
      return;
    }
    finished_ = true;
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
    if (shared_.num_running.fetch_sub(1) == 1) {
      shared_.on_all_finished();
    }
  }

  Shared& shared_;
  Script* script_;
  beast::tcp_stream stream_;
  asio::steady_timer retry_timer_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
  std::optional<http::response_parser<http::string_body>> parser_;
  Call call_;
  SteadyClock::time_point started_;
  bool finished_ = false;
  Stats stats_;
};

/// A finished run: the merged stats (latencies sorted) and each connection's
/// script, for the tool's own counters.
struct RunResult {
  double seconds = 0;
  Stats total = {};
  std::vector<std::unique_ptr<Script>> scripts = {};
};

inline uint32_t Percentile(const std::vector<uint32_t>& sorted, double fraction) {
  if (sorted.empty()) {
    return 0;
  }
  const auto index = static_cast<size_t>(fraction * static_cast<double>(sorted.size() - 1));
  return sorted[index];
}

/// Runs the closed loops; `make_script(i)` makes connection i's script.
/// Returns nothing (after a message) when the endpoint is not loopback.
inline std::optional<RunResult> Run(
    const LoopOptions& options, const std::function<std::unique_ptr<Script>(int)>& make_script) {
  asio::io_context io_context(options.threads);
  tcp::resolver resolver(io_context);
  beast::error_code error;
  Shared shared;
  shared.options = &options;
  shared.endpoints = resolver.resolve(options.host, options.port, error);
  if (error || shared.endpoints.empty()) {
    std::cerr << options.tool << ": cannot resolve " << options.host << ": " << error.message()
              << "\n";
    return std::nullopt;
  }
  for (const auto& entry : shared.endpoints) {
    if (!entry.endpoint().address().is_loopback()) {
      std::cerr << options.tool << ": refusing non-loopback endpoint " << entry.endpoint() << "\n";
      return std::nullopt;
    }
  }
  asio::steady_timer watchdog(asio::make_strand(io_context));
  shared.on_all_finished = [&watchdog] {
    asio::post(watchdog.get_executor(), [&watchdog] { watchdog.cancel(); });
  };
  RunResult result;
  // Declared after io_context: the connections go first.
  std::vector<std::shared_ptr<Connection>> connections;
  for (int i = 0; i < options.connections; ++i) {
    result.scripts.push_back(make_script(i));
    connections.push_back(std::make_shared<Connection>(io_context, shared, *result.scripts.back()));
  }
  const SteadyClock::time_point start = SteadyClock::now();
  shared.deadline = start + std::chrono::duration_cast<SteadyClock::duration>(
                                std::chrono::duration<double>(options.duration_seconds));
  watchdog.expires_at(shared.deadline + kDrainTime);
  watchdog.async_wait([&io_context, &options](beast::error_code wait_error) {
    if (!wait_error) {
      std::cerr << options.tool << ": calls still in flight after the drain time; cutting off\n";
      io_context.stop();
    }
  });
  for (const auto& connection : connections) {
    connection->Start();
  }
  std::vector<std::thread> threads;
  for (int i = 1; i < options.threads; ++i) {
    threads.emplace_back([&io_context] { io_context.run(); });
  }
  io_context.run();
  for (std::thread& thread : threads) {
    thread.join();
  }
  result.seconds = std::chrono::duration<double>(SteadyClock::now() - start).count();
  for (const auto& connection : connections) {
    const Stats& stats = connection->stats();
    result.total.calls += stats.calls;
    result.total.errors += stats.errors;
    result.total.latencies_us.insert(result.total.latencies_us.end(), stats.latencies_us.begin(),
                                     stats.latencies_us.end());
  }
  std::sort(result.total.latencies_us.begin(), result.total.latencies_us.end());
  return result;
}

}  // namespace closed_loop
