// s3_load: drives an S3 endpoint (path-style URLs) over many connections and
// prints one JSON line of results (bench/s3_bench.py).
//
//   s3_load --endpoint http://127.0.0.1:PORT --bucket B --mode put|get|list
//           [--size 1024] [--prefix obj/] [--keys N] [--connections 32]
//           [--duration 5] [--max-ops 200000] [--page-size 1000]
//           [--stream-above 1048576] [--threads 1]
//
// put:  PutObject of --size bytes to <prefix><n>, n the operation's index
//       written as 8 digits (0, 1, 2, ...): with --max-ops N a run writes
//       exactly the keys 0..N-1 (how the benchmark fills a bucket).
// get:  GetObject of <prefix><n mod --keys>; the answer must be --size bytes
//       equal to what put sent, else it counts as corrupt.
// list: ListObjectsV2 pages (--page-size keys each) through the whole bucket,
//       following NextContinuationToken; one operation is one full listing.
//       With --keys N a listing that saw other than N keys is incomplete.
//
// Object bytes are a fixed 1 MiB pseudo-random pattern repeated, generated
// once: nothing holds an object in memory. Objects up to --stream-above go
// through closed_loop.h (Beast, keep-alive, one call in flight per
// connection); larger ones are streamed on blocking sockets, one thread per
// connection: PUT sends the pattern piece by piece after its head, GET reads
// and compares piece by piece and keeps nothing.
//
// Requests carry a fake SigV4 Authorization header, x-amz-date and
// x-amz-content-sha256: UNSIGNED-PAYLOAD (stratus without credentials and
// moto accept any signature; moto refuses unsigned GETs), and Content-Type
// application/octet-stream (moto's server hangs on form-typed PUT bodies).
//
// Output, put/get: {"mode","size","connections","calls","errors","corrupt",
// "bytes","seconds","calls_per_s","mb_per_s","p50_us","p99_us","max_us",
// "streamed"}; list: {"mode","connections","listings","pages","keys",
// "errors","incomplete_listings","seconds","keys_per_s","listing_p50_ms",
// "listing_max_ms","page_p50_us","page_p99_us"}. MB is 10^6 bytes. Loopback
// endpoints only.

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <exception>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <nlohmann/json.hpp>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "closed_loop.h"

namespace s3_load {
namespace {

using closed_loop::ParseNumber;
using closed_loop::SteadyClock;

constexpr size_t kPatternBytes = size_t{1} << 20;
constexpr int kSocketTimeoutSeconds = 120;
constexpr size_t kMaxHeadBytes = 64 * 1024;
constexpr std::string_view kAuthorization =
    "AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, "
    "Signature=0000000000000000000000000000000000000000000000000000000000000000";

enum class Mode { kPut, kGet, kList };

struct Options {
  closed_loop::LoopOptions loop = {};
  std::string mode_name = "put";
  Mode mode = Mode::kPut;
  std::string bucket = {};
  std::string prefix = "obj/";
  uint64_t size = 1024;
  int64_t keys = 0;
  int page_size = 1000;
  uint64_t stream_above = kPatternBytes;
};

void PrintUsage() {
  std::cerr << "usage: s3_load --endpoint http://127.0.0.1:PORT --bucket B --mode put|get|list\n"
               "         [--size 1024] [--prefix obj/] [--keys N] [--connections 32]\n"
               "         [--duration 5] [--max-ops 200000] [--page-size 1000]\n"
               "         [--stream-above 1048576] [--threads 1]\n";
}

// Bucket names and prefixes go into URLs unescaped.
bool IsUrlSafe(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == '/';
  });
}

std::optional<Options> ParseArguments(int argc, char** argv) {
  Options options;
  options.loop.tool = "s3_load";
  options.loop.service = "s3";
  options.loop.content_type = "application/octet-stream";
  options.loop.extra_headers = {{"x-amz-content-sha256", "UNSIGNED-PAYLOAD"}};
  const bool parsed = closed_loop::ParseFlags(
      argc, argv, options.loop, [&options](std::string_view flag, std::string_view value) {
        if (flag == "--mode") {
          options.mode_name = std::string(value);
        } else if (flag == "--bucket") {
          options.bucket = std::string(value);
        } else if (flag == "--prefix") {
          options.prefix = std::string(value);
        } else if (flag == "--size") {
          return ParseNumber(value, options.size);
        } else if (flag == "--keys") {
          return ParseNumber(value, options.keys) && options.keys >= 0;
        } else if (flag == "--page-size") {
          return ParseNumber(value, options.page_size) && options.page_size > 0 &&
                 options.page_size <= 1000;
        } else if (flag == "--stream-above") {
          return ParseNumber(value, options.stream_above);
        } else {
          return false;
        }
        return true;
      });
  if (!parsed) {
    return std::nullopt;
  }
  if (options.mode_name == "put") {
    options.mode = Mode::kPut;
  } else if (options.mode_name == "get") {
    options.mode = Mode::kGet;
  } else if (options.mode_name == "list") {
    options.mode = Mode::kList;
  } else {
    std::cerr << "s3_load: unknown mode " << options.mode_name << "\n";
    return std::nullopt;
  }
  if (options.bucket.empty() || !IsUrlSafe(options.bucket) || !IsUrlSafe(options.prefix)) {
    std::cerr << "s3_load: --bucket is required; bucket and prefix must be [A-Za-z0-9._/-]\n";
    return std::nullopt;
  }
  if (options.mode == Mode::kGet && options.keys <= 0) {
    std::cerr << "s3_load: get needs --keys N (how many objects put wrote)\n";
    return std::nullopt;
  }
  return options;
}

// The bytes every object is made of: byte i of an object is Pattern()[i %
// kPatternBytes]. splitmix64, fixed seed.
const std::string& Pattern() {
  static const std::string pattern = [] {
    std::string bytes(kPatternBytes, '\0');
    uint64_t state = 0x5eed5eed5eed5eedULL;
    for (size_t i = 0; i < bytes.size(); i += 8) {
      state += 0x9e3779b97f4a7c15ULL;
      uint64_t z = state;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      z ^= z >> 31;
      std::memcpy(bytes.data() + i, &z, 8);
    }
    return bytes;
  }();
  return pattern;
}

// True when `piece` equals the object's bytes from `offset` on.
bool MatchesPattern(uint64_t offset, std::string_view piece) {
  const std::string& pattern = Pattern();
  while (!piece.empty()) {
    const size_t at = static_cast<size_t>(offset % kPatternBytes);
    const size_t n = std::min(piece.size(), kPatternBytes - at);
    if (std::memcmp(piece.data(), pattern.data() + at, n) != 0) {
      return false;
    }
    piece.remove_prefix(n);
    offset += n;
  }
  return true;
}

std::string KeyName(const Options& options, int64_t index) {
  std::string digits = std::to_string(index);
  if (digits.size() < 8) {
    digits.insert(0, 8 - digits.size(), '0');
  }
  return options.prefix + digits;
}

std::string ObjectPath(const Options& options, int64_t index) {
  return "/" + options.bucket + "/" + KeyName(options, index);
}

std::string UrlEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
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

// Enough XML for continuation tokens: the five named entities.
std::string XmlUnescape(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, char>, 5> kEntities = {
      {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}}};
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    bool replaced = false;
    if (text[i] == '&') {
      for (const auto& [entity, c] : kEntities) {
        if (text.substr(i, entity.size()) == entity) {
          out.push_back(c);
          i += entity.size() - 1;
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::optional<std::string> XmlElement(std::string_view xml, std::string_view tag) {
  const std::string open = "<" + std::string(tag) + ">";
  const std::string close = "</" + std::string(tag) + ">";
  const size_t start = xml.find(open);
  if (start == std::string_view::npos) {
    return std::nullopt;
  }
  const size_t end = xml.find(close, start + open.size());
  if (end == std::string_view::npos) {
    return std::nullopt;
  }
  return XmlUnescape(xml.substr(start + open.size(), end - start - open.size()));
}

size_t CountOccurrences(std::string_view text, std::string_view needle) {
  size_t count = 0;
  for (size_t position = text.find(needle); position != std::string_view::npos;
       position = text.find(needle, position + needle.size())) {
    ++count;
  }
  return count;
}

// ---------------------------------------------------------------------------
// Small objects and listings: scripts for closed_loop.h.

class ObjectScript final : public closed_loop::Script {
 public:
  explicit ObjectScript(const Options& options) : options_(options) {
    if (options.mode == Mode::kPut) {
      body_ = Pattern().substr(0, static_cast<size_t>(options.size));
    }
  }

  bool Next(closed_loop::Shared& shared, closed_loop::Call& call) override {
    const std::optional<int64_t> op = shared.TakeOp();
    if (!op.has_value()) {
      return false;
    }
    if (options_.mode == Mode::kPut) {
      call.method = closed_loop::http::verb::put;
      call.path = ObjectPath(options_, *op);
      call.body = body_;
      call.label = "PutObject " + call.path;
    } else {
      call.method = closed_loop::http::verb::get;
      call.path = ObjectPath(options_, *op % options_.keys);
      call.label = "GetObject " + call.path;
    }
    return true;
  }

  void OnSuccess(std::string_view body) override {
    if (options_.mode == Mode::kPut) {
      bytes_ += options_.size;
      return;
    }
    bytes_ += body.size();
    if (body.size() != options_.size || !MatchesPattern(0, body)) {
      ++corrupt_;
    }
  }

  uint64_t bytes() const { return bytes_; }

  int64_t corrupt() const { return corrupt_; }

 private:
  const Options& options_;
  std::string body_;
  uint64_t bytes_ = 0;
  int64_t corrupt_ = 0;
};

class ListScript final : public closed_loop::Script {
 public:
  explicit ListScript(const Options& options) : options_(options) {}

  bool Next(closed_loop::Shared& shared, closed_loop::Call& call) override {
    if (!in_listing_) {
      if (!shared.TakeOp().has_value()) {
        return false;
      }
      in_listing_ = true;
      token_.clear();
      keys_in_listing_ = 0;
      listing_started_ = SteadyClock::now();
    }
    call.method = closed_loop::http::verb::get;
    call.path =
        "/" + options_.bucket + "?list-type=2&max-keys=" + std::to_string(options_.page_size);
    if (!token_.empty()) {
      call.path += "&continuation-token=" + UrlEncode(token_);
    }
    call.label = "ListObjectsV2 " + call.path;
    return true;
  }

  void OnSuccess(std::string_view body) override {
    ++pages_;
    const auto num_keys = static_cast<int64_t>(CountOccurrences(body, "<Key>"));
    keys_ += num_keys;
    keys_in_listing_ += num_keys;
    if (body.find("<IsTruncated>true</IsTruncated>") != std::string_view::npos) {
      std::optional<std::string> token = XmlElement(body, "NextContinuationToken");
      if (token.has_value() && !token->empty()) {
        token_ = *std::move(token);
        return;
      }
      ++incomplete_;  // Truncated without a token: the listing cannot go on.
      in_listing_ = false;
      return;
    }
    in_listing_ = false;
    ++listings_;
    listing_us_.push_back(static_cast<uint32_t>(std::min<int64_t>(
        std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - listing_started_)
            .count(),
        UINT32_MAX)));
    if (options_.keys > 0 && keys_in_listing_ != options_.keys) {
      ++incomplete_;
    }
  }

  void OnError() override {
    if (in_listing_) {
      ++incomplete_;
    }
    in_listing_ = false;
  }

  bool HasPending() const override { return in_listing_; }

  int64_t pages() const { return pages_; }

  int64_t keys() const { return keys_; }

  int64_t listings() const { return listings_; }

  int64_t incomplete() const { return incomplete_; }

  const std::vector<uint32_t>& listing_us() const { return listing_us_; }

 private:
  const Options& options_;
  bool in_listing_ = false;
  std::string token_;
  int64_t keys_in_listing_ = 0;
  SteadyClock::time_point listing_started_;
  int64_t pages_ = 0;
  int64_t keys_ = 0;
  int64_t listings_ = 0;
  int64_t incomplete_ = 0;
  std::vector<uint32_t> listing_us_;
};

// ---------------------------------------------------------------------------
// Large objects: blocking sockets, one thread per connection.

struct ResponseHead {
  int status = 0;
  std::optional<uint64_t> content_length = std::nullopt;
  bool chunked = false;
  bool close = false;
};

std::string Lowered(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// One client connection. Thread safety: one thread.
class BlockingSocket {
 public:
  BlockingSocket() = default;
  BlockingSocket(const BlockingSocket&) = delete;
  BlockingSocket& operator=(const BlockingSocket&) = delete;

  ~BlockingSocket() { Close(); }

  bool is_open() const { return fd_ >= 0; }

  bool Open(const sockaddr_storage& address, socklen_t length, std::string& error) {
    Close();
    fd_ = ::socket(address.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) {
      error = std::string("socket: ") + std::strerror(errno);
      return false;
    }
    timeval timeout{};
    timeout.tv_sec = kSocketTimeoutSeconds;
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    const int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&address), length) != 0) {
      error = std::string("connect: ") + std::strerror(errno);
      Close();
      return false;
    }
    return true;
  }

  void Close() {
    if (fd_ >= 0) {
      ::close(fd_);
      fd_ = -1;
    }
    pending_.clear();
  }

  bool Send(std::string_view data, std::string& error) {
    while (!data.empty()) {
      const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) {
        continue;
      }
      if (n <= 0) {
        error = std::string("send: ") + std::strerror(errno);
        return false;
      }
      data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }

  // Reads the status line and headers; bytes past them stay in pending_.
  bool ReadHead(ResponseHead& head, std::string& error) {
    size_t end = 0;
    while ((end = pending_.find("\r\n\r\n")) == std::string::npos) {
      if (pending_.size() > kMaxHeadBytes) {
        error = "response head too large";
        return false;
      }
      if (!Fill(error)) {
        return false;
      }
    }
    const std::string text = pending_.substr(0, end + 2);
    pending_.erase(0, end + 4);
    head = {};
    size_t line_end = text.find("\r\n");
    const std::string_view status_line = std::string_view(text).substr(0, line_end);
    const size_t space = status_line.find(' ');
    if (space == std::string_view::npos ||
        !ParseNumber(status_line.substr(space + 1, 3), head.status)) {
      error = "bad status line: " + std::string(status_line);
      return false;
    }
    for (size_t start = line_end + 2; start < text.size(); start = line_end + 2) {
      line_end = text.find("\r\n", start);
      const std::string_view line = std::string_view(text).substr(start, line_end - start);
      const size_t colon = line.find(':');
      if (colon == std::string_view::npos) {
        continue;
      }
      const std::string name = Lowered(line.substr(0, colon));
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') {
        value.remove_prefix(1);
      }
      if (name == "content-length") {
        uint64_t length = 0;
        if (!ParseNumber(value, length)) {
          error = "bad Content-Length";
          return false;
        }
        head.content_length = length;
      } else if (name == "transfer-encoding") {
        head.chunked = Lowered(value).find("chunked") != std::string::npos;
      } else if (name == "connection") {
        head.close = Lowered(value) == "close";
      }
    }
    return true;
  }

  // Reads a body of `length` bytes (or up to EOF when nothing gives its
  // length), handing each piece to `sink`. Chunked bodies are not expected.
  template <typename Sink>
  bool ReadBody(const ResponseHead& head, Sink&& sink, std::string& error) {
    if (head.chunked) {
      error = "chunked response bodies are not supported";
      return false;
    }
    const bool to_eof = !head.content_length.has_value();
    uint64_t remaining = head.content_length.value_or(UINT64_MAX);
    if (!pending_.empty()) {
      const size_t n = static_cast<size_t>(std::min<uint64_t>(remaining, pending_.size()));
      sink(std::string_view(pending_).substr(0, n));
      pending_.erase(0, n);
      remaining -= n;
    }
    if (buffer_.empty()) {
      buffer_.resize(kPatternBytes);
    }
    while (remaining > 0) {
      const size_t want = static_cast<size_t>(std::min<uint64_t>(remaining, buffer_.size()));
      const ssize_t n = ::recv(fd_, buffer_.data(), want, 0);
      if (n < 0 && errno == EINTR) {
        continue;
      }
      if (n == 0 && to_eof) {
        return true;
      }
      if (n <= 0) {
        error =
            n == 0 ? "connection closed mid-body" : std::string("recv: ") + std::strerror(errno);
        return false;
      }
      sink(std::string_view(buffer_.data(), static_cast<size_t>(n)));
      remaining -= static_cast<uint64_t>(n);
    }
    return true;
  }

 private:
  bool Fill(std::string& error) {
    char chunk[16 * 1024];
    while (true) {
      const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n < 0 && errno == EINTR) {
        continue;
      }
      if (n <= 0) {
        error = n == 0 ? "connection closed" : std::string("recv: ") + std::strerror(errno);
        return false;
      }
      pending_.append(chunk, static_cast<size_t>(n));
      return true;
    }
  }

  int fd_ = -1;
  std::string pending_;
  std::string buffer_;
};

struct StreamStats {
  closed_loop::Stats stats = {};
  uint64_t bytes = 0;
  int64_t corrupt = 0;
};

class StreamWorker {
 public:
  StreamWorker(const Options& options,
               closed_loop::Shared& shared,
               const sockaddr_storage& address,
               socklen_t address_length)
      : options_(options), shared_(shared), address_(address), address_length_(address_length) {}

  void Run() {
    while (const std::optional<int64_t> op = shared_.TakeOp()) {
      const SteadyClock::time_point started = SteadyClock::now();
      std::string error;
      const bool ok = RunOne(*op, error);
      const auto elapsed =
          std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - started);
      ++result_.stats.calls;
      result_.stats.latencies_us.push_back(
          static_cast<uint32_t>(std::min<int64_t>(elapsed.count(), UINT32_MAX)));
      if (!ok) {
        ++result_.stats.errors;
        shared_.ReportError(error);
        socket_.Close();
        std::this_thread::sleep_for(closed_loop::kReconnectDelay);
      }
    }
  }

  const StreamStats& result() const { return result_; }

 private:
  std::string Head(std::string_view method, const std::string& path, bool with_body) const {
    std::string head = std::string(method) + " " + path +
                       " HTTP/1.1\r\nHost: " + options_.loop.host + ":" + options_.loop.port +
                       "\r\nUser-Agent: s3_load\r\nAuthorization: " + std::string(kAuthorization) +
                       "\r\nX-Amz-Date: 20260101T000000Z\r\n"
                       "x-amz-content-sha256: UNSIGNED-PAYLOAD\r\n";
    if (with_body) {
      head += "Content-Type: application/octet-stream\r\nContent-Length: " +
              std::to_string(options_.size) + "\r\n";
    }
    return head + "\r\n";
  }

  bool RunOne(int64_t op, std::string& error) {
    if (!socket_.is_open() && !socket_.Open(address_, address_length_, error)) {
      return false;
    }
    const bool put = options_.mode == Mode::kPut;
    const std::string path = ObjectPath(options_, put ? op : op % options_.keys);
    if (!socket_.Send(Head(put ? "PUT" : "GET", path, put), error)) {
      return false;
    }
    if (put) {
      const std::string& pattern = Pattern();
      for (uint64_t sent = 0; sent < options_.size;) {
        const size_t n =
            static_cast<size_t>(std::min<uint64_t>(options_.size - sent, kPatternBytes));
        if (!socket_.Send(std::string_view(pattern).substr(0, n), error)) {
          return false;
        }
        sent += n;
      }
    }
    ResponseHead head;
    if (!socket_.ReadHead(head, error)) {
      return false;
    }
    std::string error_body;
    uint64_t received = 0;
    bool intact = true;
    const bool ok_status = head.status / 100 == 2;
    if (!socket_.ReadBody(
            head,
            [&](std::string_view piece) {
              if (!ok_status || put) {
                error_body.append(piece.substr(0, 512 - std::min<size_t>(512, error_body.size())));
              } else {
                intact = intact && MatchesPattern(received, piece);
              }
              received += piece.size();
            },
            error)) {
      return false;
    }
    if (head.close || !head.content_length.has_value()) {
      socket_.Close();
    }
    if (!ok_status) {
      error = (put ? "PutObject " : "GetObject ") + path + " -> HTTP " +
              std::to_string(head.status) + ": " + error_body;
      return false;
    }
    if (put) {
      result_.bytes += options_.size;
      return true;
    }
    result_.bytes += received;
    if (received != options_.size || !intact) {
      ++result_.corrupt;
    }
    return true;
  }

  const Options& options_;
  closed_loop::Shared& shared_;
  sockaddr_storage address_;
  socklen_t address_length_;
  BlockingSocket socket_;
  StreamStats result_;
};

bool IsLoopback(const sockaddr_storage& address) {
  if (address.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
    return (ntohl(v4.sin_addr.s_addr) >> 24) == 127;
  }
  if (address.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
    return IN6_IS_ADDR_LOOPBACK(&v6.sin6_addr);
  }
  return false;
}

std::optional<StreamStats> RunStreamed(const Options& options, double& seconds) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (::getaddrinfo(options.loop.host.c_str(), options.loop.port.c_str(), &hints, &found) != 0 ||
      found == nullptr) {
    std::cerr << "s3_load: cannot resolve " << options.loop.host << "\n";
    return std::nullopt;
  }
  sockaddr_storage address{};
  const auto address_length = static_cast<socklen_t>(found->ai_addrlen);
  std::memcpy(&address, found->ai_addr, found->ai_addrlen);
  ::freeaddrinfo(found);
  if (!IsLoopback(address)) {
    std::cerr << "s3_load: refusing non-loopback endpoint " << options.loop.host << "\n";
    return std::nullopt;
  }
  closed_loop::Shared shared;
  shared.options = &options.loop;
  std::vector<std::unique_ptr<StreamWorker>> workers;
  for (int i = 0; i < options.loop.connections; ++i) {
    workers.push_back(std::make_unique<StreamWorker>(options, shared, address, address_length));
  }
  const SteadyClock::time_point start = SteadyClock::now();
  shared.deadline = start + std::chrono::duration_cast<SteadyClock::duration>(
                                std::chrono::duration<double>(options.loop.duration_seconds));
  std::vector<std::thread> threads;
  for (auto& worker : workers) {
    threads.emplace_back([&worker] { worker->Run(); });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  seconds = std::chrono::duration<double>(SteadyClock::now() - start).count();
  StreamStats total;
  for (const auto& worker : workers) {
    const StreamStats& one = worker->result();
    total.stats.calls += one.stats.calls;
    total.stats.errors += one.stats.errors;
    total.bytes += one.bytes;
    total.corrupt += one.corrupt;
    total.stats.latencies_us.insert(total.stats.latencies_us.end(), one.stats.latencies_us.begin(),
                                    one.stats.latencies_us.end());
  }
  std::sort(total.stats.latencies_us.begin(), total.stats.latencies_us.end());
  return total;
}

// ---------------------------------------------------------------------------

double Rounded(double value, double unit) {
  return std::round(value / unit) / std::round(1 / unit);
}

nlohmann::ordered_json ObjectResult(const Options& options,
                                    const closed_loop::Stats& total,
                                    uint64_t bytes,
                                    int64_t corrupt,
                                    double seconds,
                                    bool streamed) {
  const std::vector<uint32_t>& latencies = total.latencies_us;
  return {
      {"mode", options.mode_name},
      {"size", options.size},
      {"connections", options.loop.connections},
      {"calls", total.calls},
      {"errors", total.errors},
      {"corrupt", corrupt},
      {"bytes", bytes},
      {"seconds", Rounded(seconds, 0.001)},
      {"calls_per_s", Rounded(static_cast<double>(total.calls) / seconds, 0.1)},
      {"mb_per_s", Rounded(static_cast<double>(bytes) / seconds / 1e6, 0.1)},
      {"p50_us", closed_loop::Percentile(latencies, 0.50)},
      {"p99_us", closed_loop::Percentile(latencies, 0.99)},
      {"max_us", latencies.empty() ? 0 : latencies.back()},
      {"streamed", streamed},
  };
}

int Run(const Options& options) {
  nlohmann::ordered_json result;
  if (options.mode != Mode::kList && options.size > options.stream_above) {
    double seconds = 0;
    const std::optional<StreamStats> total = RunStreamed(options, seconds);
    if (!total.has_value()) {
      return 2;
    }
    result = ObjectResult(options, total->stats, total->bytes, total->corrupt, seconds, true);
  } else {
    const std::optional<closed_loop::RunResult> run =
        closed_loop::Run(options.loop, [&options](int) -> std::unique_ptr<closed_loop::Script> {
          if (options.mode == Mode::kList) {
            return std::make_unique<ListScript>(options);
          }
          return std::make_unique<ObjectScript>(options);
        });
    if (!run.has_value()) {
      return 2;
    }
    if (options.mode == Mode::kList) {
      int64_t pages = 0;
      int64_t keys = 0;
      int64_t listings = 0;
      int64_t incomplete = 0;
      std::vector<uint32_t> listing_us;
      for (const auto& script : run->scripts) {
        const auto& list = static_cast<const ListScript&>(*script);
        pages += list.pages();
        keys += list.keys();
        listings += list.listings();
        incomplete += list.incomplete();
        listing_us.insert(listing_us.end(), list.listing_us().begin(), list.listing_us().end());
      }
      std::sort(listing_us.begin(), listing_us.end());
      result = {
          {"mode", options.mode_name},
          {"connections", options.loop.connections},
          {"listings", listings},
          {"pages", pages},
          {"keys", keys},
          {"errors", run->total.errors},
          {"incomplete_listings", incomplete},
          {"seconds", Rounded(run->seconds, 0.001)},
          {"keys_per_s", std::round(static_cast<double>(keys) / run->seconds)},
          {"listing_p50_ms", Rounded(closed_loop::Percentile(listing_us, 0.5) / 1000.0, 0.01)},
          {"listing_max_ms", Rounded((listing_us.empty() ? 0 : listing_us.back()) / 1000.0, 0.01)},
          {"page_p50_us", closed_loop::Percentile(run->total.latencies_us, 0.50)},
          {"page_p99_us", closed_loop::Percentile(run->total.latencies_us, 0.99)},
      };
    } else {
      uint64_t bytes = 0;
      int64_t corrupt = 0;
      for (const auto& script : run->scripts) {
        const auto& object = static_cast<const ObjectScript&>(*script);
        bytes += object.bytes();
        corrupt += object.corrupt();
      }
      result = ObjectResult(options, run->total, bytes, corrupt, run->seconds, false);
    }
  }
  std::cout << result.dump() << std::endl;
  return 0;
}

}  // namespace
}  // namespace s3_load

int main(int argc, char** argv) {
  try {
    const std::optional<s3_load::Options> options = s3_load::ParseArguments(argc, argv);
    if (!options.has_value()) {
      s3_load::PrintUsage();
      return 2;
    }
    return s3_load::Run(*options);
  } catch (const std::exception& e) {  // Asio and Beast report some failures by throwing.
    std::cerr << "s3_load: " << e.what() << "\n";
    return 1;
  }
}
