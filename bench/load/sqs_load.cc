// sqs_load: drives an SQS endpoint over many keep-alive connections and prints
// one JSON line of results.
//
//   sqs_load --endpoint http://127.0.0.1:4566 --queue-url URL
//            --mode send|send-batch|receive-delete|receive-delete-batch
//            [--connections 32] [--duration 5] [--max-ops 200000]
//            [--body-bytes 100] [--protocol json|query] [--threads 1]
//
// Each connection runs a closed loop (one request in flight) on one shared
// io_context. The run ends at --duration seconds or after --max-ops calls,
// whichever comes first. A "call" is one HTTP request; deletes that follow a
// receive are always sent (so that received messages do not reappear) and
// count as calls, but are not held back by --max-ops.
//
// Output: {"mode":..,"protocol":..,"connections":..,"calls":..,"messages":..,
// "errors":..,"empty_receives":..,"seconds":..,"calls_per_s":..,
// "messages_per_s":..,"p50_us":..,"p99_us":..}. "messages" counts messages
// sent (send modes) or received and then deleted (receive modes). "errors"
// counts non-2xx responses and connection failures; the first error is also
// printed to stderr.
//
// Only loopback endpoints are accepted: this is a tool for local servers.

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <exception>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
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
#include <nlohmann/json.hpp>

namespace sqs_load {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Json = nlohmann::json;
using SteadyClock = std::chrono::steady_clock;

constexpr int kBatchSize = 10;
constexpr uint64_t kMaxResponseBytes = uint64_t{64} * 1024 * 1024;
constexpr std::chrono::milliseconds kReconnectDelay = std::chrono::milliseconds(10);
// After --duration, in-flight calls get this long before the run is cut off.
constexpr std::chrono::seconds kDrainTime = std::chrono::seconds(10);
constexpr std::string_view kAuthorization =
    "AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, "
    "Signature=0";

enum class Mode { kSend, kSendBatch, kReceiveDelete, kReceiveDeleteBatch };
enum class Protocol { kJson, kQuery };
enum class Call { kSend, kSendBatch, kReceive, kDelete, kDeleteBatch };

struct Options {
  std::string endpoint = {};
  std::string host = {};
  std::string port = {};
  std::string queue_url = {};
  std::string mode_name = "send";
  Mode mode = Mode::kSend;
  Protocol protocol = Protocol::kJson;
  int connections = 32;
  double duration_seconds = 5;
  int64_t max_ops = 200000;
  size_t body_bytes = 100;
  int threads = 1;
};

void PrintUsage() {
  std::cerr << "usage: sqs_load --endpoint http://127.0.0.1:PORT --queue-url URL\n"
               "         --mode send|send-batch|receive-delete|receive-delete-batch\n"
               "         [--connections 32] [--duration 5] [--max-ops 200000]\n"
               "         [--body-bytes 100] [--protocol json|query] [--threads 1]\n";
}

template <typename T>
bool ParseNumber(std::string_view text, T& out) {
  const auto result = std::from_chars(text.data(), text.data() + text.size(), out);
  return result.ec == std::errc() && result.ptr == text.data() + text.size();
}

// Splits "http://host:port" into host and port; false if it is not that shape.
bool ParseEndpoint(Options& options) {
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

std::optional<Options> ParseArguments(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string_view flag = argv[i];
    std::string_view value;
    if (const size_t eq = flag.find('='); eq != std::string_view::npos) {
      value = flag.substr(eq + 1);
      flag = flag.substr(0, eq);
    } else if (flag == "--help" || flag == "-h") {
      return std::nullopt;
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      std::cerr << "sqs_load: " << flag << " needs a value\n";
      return std::nullopt;
    }
    bool ok = true;
    if (flag == "--endpoint") {
      options.endpoint = std::string(value);
    } else if (flag == "--queue-url") {
      options.queue_url = std::string(value);
    } else if (flag == "--mode") {
      options.mode_name = std::string(value);
    } else if (flag == "--protocol") {
      ok = value == "json" || value == "query";
      options.protocol = value == "query" ? Protocol::kQuery : Protocol::kJson;
    } else if (flag == "--connections") {
      ok = ParseNumber(value, options.connections) && options.connections > 0;
    } else if (flag == "--duration") {
      ok = ParseNumber(value, options.duration_seconds) && options.duration_seconds > 0;
    } else if (flag == "--max-ops") {
      ok = ParseNumber(value, options.max_ops) && options.max_ops > 0;
    } else if (flag == "--body-bytes") {
      ok = ParseNumber(value, options.body_bytes) && options.body_bytes > 0;
    } else if (flag == "--threads") {
      ok = ParseNumber(value, options.threads) && options.threads > 0;
    } else {
      std::cerr << "sqs_load: unknown flag " << flag << "\n";
      return std::nullopt;
    }
    if (!ok) {
      std::cerr << "sqs_load: bad value for " << flag << ": " << value << "\n";
      return std::nullopt;
    }
  }
  if (options.mode_name == "send") {
    options.mode = Mode::kSend;
  } else if (options.mode_name == "send-batch") {
    options.mode = Mode::kSendBatch;
  } else if (options.mode_name == "receive-delete") {
    options.mode = Mode::kReceiveDelete;
  } else if (options.mode_name == "receive-delete-batch") {
    options.mode = Mode::kReceiveDeleteBatch;
  } else {
    std::cerr << "sqs_load: unknown mode " << options.mode_name << "\n";
    return std::nullopt;
  }
  if (options.queue_url.empty() || !ParseEndpoint(options)) {
    std::cerr << "sqs_load: --endpoint http://HOST:PORT and --queue-url are required\n";
    return std::nullopt;
  }
  return options;
}

std::string_view CallName(Call call) {
  switch (call) {
    case Call::kSend:
      return "SendMessage";
    case Call::kSendBatch:
      return "SendMessageBatch";
    case Call::kReceive:
      return "ReceiveMessage";
    case Call::kDelete:
      return "DeleteMessage";
    case Call::kDeleteBatch:
      return "DeleteMessageBatch";
  }
  return "";
}

// ---------------------------------------------------------------------------
// Request bodies and response parsing for the two SQS wire protocols.

std::string FormEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(c);
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0xF]);
    }
  }
  return out;
}

std::string XmlUnescape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out.push_back(text[i]);
      continue;
    }
    const size_t semicolon = text.find(';', i);
    if (semicolon == std::string_view::npos) {
      out.push_back('&');
      continue;
    }
    const std::string_view entity = text.substr(i + 1, semicolon - i - 1);
    if (entity == "amp") {
      out.push_back('&');
    } else if (entity == "lt") {
      out.push_back('<');
    } else if (entity == "gt") {
      out.push_back('>');
    } else if (entity == "quot") {
      out.push_back('"');
    } else if (entity == "apos") {
      out.push_back('\'');
    } else if (entity.size() > 1 && entity[0] == '#') {
      unsigned code = 0;
      const bool hex = entity[1] == 'x' || entity[1] == 'X';
      const std::string_view digits = entity.substr(hex ? 2 : 1);
      std::from_chars(digits.data(), digits.data() + digits.size(), code, hex ? 16 : 10);
      out.push_back(static_cast<char>(code));  // Receipt handles are ASCII.
    } else {
      out.append(text.substr(i, semicolon - i + 1));
    }
    i = semicolon;
  }
  return out;
}

// Returns the text of every <tag>...</tag> element, unescaped.
std::vector<std::string> XmlElements(std::string_view xml, std::string_view tag) {
  const std::string open = "<" + std::string(tag) + ">";
  const std::string close = "</" + std::string(tag) + ">";
  std::vector<std::string> values;
  size_t position = 0;
  while ((position = xml.find(open, position)) != std::string_view::npos) {
    position += open.size();
    const size_t end = xml.find(close, position);
    if (end == std::string_view::npos) {
      break;
    }
    values.push_back(XmlUnescape(xml.substr(position, end - position)));
    position = end + close.size();
  }
  return values;
}

size_t CountOccurrences(std::string_view text, std::string_view needle) {
  size_t count = 0;
  for (size_t position = text.find(needle); position != std::string_view::npos;
       position = text.find(needle, position + needle.size())) {
    ++count;
  }
  return count;
}

class Codec {
 public:
  Codec(Protocol protocol, std::string queue_url)
      : protocol_(protocol), queue_url_(std::move(queue_url)) {}

  std::string SendMessage(const std::string& body) const {
    if (protocol_ == Protocol::kJson) {
      return Json{{"QueueUrl", queue_url_}, {"MessageBody", body}}.dump();
    }
    return QueryPrefix(Call::kSend) + "&MessageBody=" + FormEncode(body);
  }

  std::string SendMessageBatch(const std::string& body) const {
    if (protocol_ == Protocol::kJson) {
      Json entries = Json::array();
      for (int i = 0; i < kBatchSize; ++i) {
        entries.push_back({{"Id", "m" + std::to_string(i)}, {"MessageBody", body}});
      }
      return Json{{"QueueUrl", queue_url_}, {"Entries", std::move(entries)}}.dump();
    }
    std::string form = QueryPrefix(Call::kSendBatch);
    for (int i = 1; i <= kBatchSize; ++i) {
      const std::string prefix = "&SendMessageBatchRequestEntry." + std::to_string(i) + ".";
      form.append(prefix).append("Id=m").append(std::to_string(i));
      form.append(prefix).append("MessageBody=").append(FormEncode(body));
    }
    return form;
  }

  std::string ReceiveMessage(int max_messages) const {
    if (protocol_ == Protocol::kJson) {
      return Json{
          {"QueueUrl", queue_url_}, {"MaxNumberOfMessages", max_messages}, {"WaitTimeSeconds", 0}}
          .dump();
    }
    return QueryPrefix(Call::kReceive) + "&MaxNumberOfMessages=" + std::to_string(max_messages) +
           "&WaitTimeSeconds=0";
  }

  std::string DeleteMessage(const std::string& receipt_handle) const {
    if (protocol_ == Protocol::kJson) {
      return Json{{"QueueUrl", queue_url_}, {"ReceiptHandle", receipt_handle}}.dump();
    }
    return QueryPrefix(Call::kDelete) + "&ReceiptHandle=" + FormEncode(receipt_handle);
  }

  std::string DeleteMessageBatch(const std::vector<std::string>& receipt_handles) const {
    if (protocol_ == Protocol::kJson) {
      Json entries = Json::array();
      for (size_t i = 0; i < receipt_handles.size(); ++i) {
        entries.push_back({{"Id", "d" + std::to_string(i)}, {"ReceiptHandle", receipt_handles[i]}});
      }
      return Json{{"QueueUrl", queue_url_}, {"Entries", std::move(entries)}}.dump();
    }
    std::string form = QueryPrefix(Call::kDeleteBatch);
    for (size_t i = 0; i < receipt_handles.size(); ++i) {
      const std::string prefix = "&DeleteMessageBatchRequestEntry." + std::to_string(i + 1) + ".";
      form.append(prefix).append("Id=d").append(std::to_string(i));
      form.append(prefix).append("ReceiptHandle=").append(FormEncode(receipt_handles[i]));
    }
    return form;
  }

  // Returns the receipt handles in a ReceiveMessage response.
  std::vector<std::string> ReceiptHandles(std::string_view response) const {
    if (protocol_ == Protocol::kQuery) {
      return XmlElements(response, "ReceiptHandle");
    }
    std::vector<std::string> handles;
    const Json parsed = Json::parse(response, nullptr, /*allow_exceptions=*/false);
    if (!parsed.is_object() || !parsed.contains("Messages") || !parsed["Messages"].is_array()) {
      return handles;
    }
    for (const Json& message : parsed["Messages"]) {
      if (message.is_object() && message.contains("ReceiptHandle") &&
          message["ReceiptHandle"].is_string()) {
        handles.push_back(message["ReceiptHandle"].get<std::string>());
      }
    }
    return handles;
  }

  // Returns the number of successful entries in a batch response.
  int64_t NumSuccessful(Call call, std::string_view response) const {
    if (protocol_ == Protocol::kQuery) {
      return static_cast<int64_t>(
          CountOccurrences(response, call == Call::kSendBatch ? "<SendMessageBatchResultEntry>"
                                                              : "<DeleteMessageBatchResultEntry>"));
    }
    const Json parsed = Json::parse(response, nullptr, /*allow_exceptions=*/false);
    if (!parsed.is_object() || !parsed.contains("Successful") || !parsed["Successful"].is_array()) {
      return 0;
    }
    return static_cast<int64_t>(parsed["Successful"].size());
  }

  std::string_view content_type() const {
    return protocol_ == Protocol::kJson ? "application/x-amz-json-1.0"
                                        : "application/x-www-form-urlencoded; charset=utf-8";
  }

  Protocol protocol() const { return protocol_; }

 private:
  std::string QueryPrefix(Call call) const {
    return "Action=" + std::string(CallName(call)) +
           "&Version=2012-11-05&QueueUrl=" + FormEncode(queue_url_);
  }

  Protocol protocol_;
  std::string queue_url_;
};

// ---------------------------------------------------------------------------
// The load loop.

struct Stats {
  int64_t calls = 0;
  int64_t messages = 0;
  int64_t errors = 0;
  int64_t empty_receives = 0;
  std::vector<uint32_t> latencies_us = {};
};

// What all connections share. Thread safety: atomics, or read-only after setup.
struct Shared {
  const Options* options = nullptr;
  const Codec* codec = nullptr;
  tcp::resolver::results_type endpoints = {};
  SteadyClock::time_point deadline = {};
  std::atomic<int64_t> num_issued{0};
  std::atomic<bool> error_printed{false};
  std::atomic<int> num_running{0};
  std::function<void()> on_all_finished = nullptr;

  // Returns true if another call may start.
  bool TakeOp() {
    return SteadyClock::now() < deadline &&
           num_issued.fetch_add(1, std::memory_order_relaxed) < options->max_ops;
  }

  void ReportError(std::string_view what) {
    if (!error_printed.exchange(true)) {
      std::cerr << "sqs_load: first error: " << what << "\n";
    }
  }
};

// One connection running a closed loop of calls.
class Worker : public std::enable_shared_from_this<Worker> {
 public:
  Worker(asio::io_context& io_context, Shared& shared, int index)
      : shared_(shared),
        stream_(asio::make_strand(io_context)),
        retry_timer_(stream_.get_executor()) {
    const Options& options = *shared.options;
    std::string body(options.body_bytes, 'x');
    const std::string tag = "c" + std::to_string(index) + "-";
    body.replace(0, std::min(tag.size(), body.size()), tag.substr(0, body.size()));
    send_body_ = shared.codec->SendMessage(body);
    send_batch_body_ = shared.codec->SendMessageBatch(body);
    receive_body_ =
        shared.codec->ReceiveMessage(options.mode == Mode::kReceiveDelete ? 1 : kBatchSize);

    request_.method(http::verb::post);
    request_.target("/");
    request_.version(11);
    request_.set(http::field::host, options.host + ":" + options.port);
    request_.set(http::field::content_type, std::string(shared.codec->content_type()));
    request_.set(http::field::authorization, std::string(kAuthorization));
    request_.set("X-Amz-Date", "20260101T000000Z");
    request_.set(http::field::user_agent, "sqs_load");
    stats_.latencies_us.reserve(static_cast<size_t>(
        std::min<int64_t>(options.max_ops / options.connections + 16, 1 << 20)));
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
    if (!pending_handles_.empty()) {
      if (shared_.options->mode == Mode::kReceiveDeleteBatch) {
        Issue(Call::kDeleteBatch, shared_.codec->DeleteMessageBatch(pending_handles_));
        pending_handles_.clear();
      } else {
        Issue(Call::kDelete, shared_.codec->DeleteMessage(pending_handles_.back()));
        pending_handles_.pop_back();
      }
      return;
    }
    if (!shared_.TakeOp()) {
      Finish();
      return;
    }
    switch (shared_.options->mode) {
      case Mode::kSend:
        Issue(Call::kSend, send_body_);
        return;
      case Mode::kSendBatch:
        Issue(Call::kSendBatch, send_batch_body_);
        return;
      case Mode::kReceiveDelete:
      case Mode::kReceiveDeleteBatch:
        Issue(Call::kReceive, receive_body_);
        return;
    }
  }

  void Issue(Call call, std::string body) {
    call_ = call;
    if (shared_.codec->protocol() == Protocol::kJson) {
      request_.set("X-Amz-Target", "AmazonSQS." + std::string(CallName(call)));
    }
    request_.body() = std::move(body);
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
      CountSuccess(response.body());
    } else {
      ++stats_.errors;
      pending_handles_.clear();
      shared_.ReportError(std::string(CallName(call_)) + " -> HTTP " + std::to_string(status) +
                          ": " + response.body());
    }
    if (!response.keep_alive()) {
      Reconnect(/*after_failure=*/false);
      return;
    }
    Next();
  }

  void CountSuccess(const std::string& body) {
    switch (call_) {
      case Call::kSend:
      case Call::kDelete:
        ++stats_.messages;
        return;
      case Call::kSendBatch:
      case Call::kDeleteBatch:
        stats_.messages += shared_.codec->NumSuccessful(call_, body);
        return;
      case Call::kReceive:
        pending_handles_ = shared_.codec->ReceiptHandles(body);
        if (pending_handles_.empty()) {
          ++stats_.empty_receives;
        }
        return;
    }
  }

  void Fail(const std::string& what) {
    ++stats_.errors;
    shared_.ReportError(what);
    pending_handles_.clear();
    Reconnect(/*after_failure=*/true);
  }

  // Opens a new connection: at once after the server closed one, after a
  // short delay after a failure. Past the deadline it finishes instead, unless
  // received messages still wait to be deleted.
  void Reconnect(bool after_failure) {
    beast::error_code ignored;
    stream_.socket().close(ignored);
    if (SteadyClock::now() >= shared_.deadline && pending_handles_.empty()) {
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
  beast::tcp_stream stream_;
  asio::steady_timer retry_timer_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
  std::optional<http::response_parser<http::string_body>> parser_;
  std::string send_body_;
  std::string send_batch_body_;
  std::string receive_body_;
  std::vector<std::string> pending_handles_;
  Call call_ = Call::kSend;
  SteadyClock::time_point started_;
  bool finished_ = false;
  Stats stats_;
};

uint32_t Percentile(std::vector<uint32_t>& sorted, double fraction) {
  if (sorted.empty()) {
    return 0;
  }
  const auto index = static_cast<size_t>(fraction * static_cast<double>(sorted.size() - 1));
  return sorted[index];
}

int Run(const Options& options) {
  asio::io_context io_context(options.threads);
  tcp::resolver resolver(io_context);
  beast::error_code error;
  Shared shared;
  shared.endpoints = resolver.resolve(options.host, options.port, error);
  if (error || shared.endpoints.empty()) {
    std::cerr << "sqs_load: cannot resolve " << options.host << ": " << error.message() << "\n";
    return 2;
  }
  for (const auto& entry : shared.endpoints) {
    if (!entry.endpoint().address().is_loopback()) {
      std::cerr << "sqs_load: refusing non-loopback endpoint " << entry.endpoint() << "\n";
      return 2;
    }
  }
  const Codec codec(options.protocol, options.queue_url);
  shared.options = &options;
  shared.codec = &codec;

  asio::steady_timer watchdog(asio::make_strand(io_context));
  shared.on_all_finished = [&watchdog] {
    asio::post(watchdog.get_executor(), [&watchdog] { watchdog.cancel(); });
  };

  std::vector<std::shared_ptr<Worker>> workers;
  workers.reserve(static_cast<size_t>(options.connections));
  for (int i = 0; i < options.connections; ++i) {
    workers.push_back(std::make_shared<Worker>(io_context, shared, i));
  }
  const auto duration = std::chrono::duration_cast<SteadyClock::duration>(
      std::chrono::duration<double>(options.duration_seconds));
  const SteadyClock::time_point start = SteadyClock::now();
  shared.deadline = start + duration;
  watchdog.expires_at(shared.deadline + kDrainTime);
  watchdog.async_wait([&io_context](beast::error_code wait_error) {
    if (!wait_error) {
      std::cerr << "sqs_load: calls still in flight after the drain time; cutting off\n";
      io_context.stop();
    }
  });
  for (const auto& worker : workers) {
    worker->Start();
  }
  std::vector<std::thread> threads;
  for (int i = 1; i < options.threads; ++i) {
    threads.emplace_back([&io_context] { io_context.run(); });
  }
  io_context.run();
  for (std::thread& thread : threads) {
    thread.join();
  }
  const double seconds = std::chrono::duration<double>(SteadyClock::now() - start).count();

  Stats total;
  for (const auto& worker : workers) {
    const Stats& stats = worker->stats();
    total.calls += stats.calls;
    total.messages += stats.messages;
    total.errors += stats.errors;
    total.empty_receives += stats.empty_receives;
    total.latencies_us.insert(total.latencies_us.end(), stats.latencies_us.begin(),
                              stats.latencies_us.end());
  }
  std::sort(total.latencies_us.begin(), total.latencies_us.end());
  const nlohmann::ordered_json result = {
      {"mode", options.mode_name},
      {"protocol", options.protocol == Protocol::kJson ? "json" : "query"},
      {"connections", options.connections},
      {"calls", total.calls},
      {"messages", total.messages},
      {"errors", total.errors},
      {"empty_receives", total.empty_receives},
      {"seconds", std::round(seconds * 1000) / 1000},
      {"calls_per_s", std::round(static_cast<double>(total.calls) / seconds)},
      {"messages_per_s", std::round(static_cast<double>(total.messages) / seconds)},
      {"p50_us", Percentile(total.latencies_us, 0.50)},
      {"p99_us", Percentile(total.latencies_us, 0.99)},
  };
  std::cout << result.dump() << std::endl;
  return 0;
}

}  // namespace
}  // namespace sqs_load

int main(int argc, char** argv) {
  try {
    const std::optional<sqs_load::Options> options = sqs_load::ParseArguments(argc, argv);
    if (!options.has_value()) {
      sqs_load::PrintUsage();
      return 2;
    }
    return sqs_load::Run(*options);
  } catch (const std::exception& e) {  // Asio and Beast report some failures by throwing.
    std::cerr << "sqs_load: " << e.what() << "\n";
    return 1;
  }
}
