#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/random.h"
#include "base/result.h"
#include "http/message.h"
#include "lake/remote_s3_options.h"

namespace stratus {
class Clock;
}  // namespace stratus

namespace stratus::lake::internal {

/// Which failures a request may be repeated after.
enum class RetryPolicy : uint8_t {
  /// Repeating it is harmless (GET, HEAD, DELETE, an unconditional PUT, a
  /// part upload): retried after any connection failure, 5xx or 429.
  kIdempotent,
  /// Its outcome depends on state it changes (a conditional PUT or
  /// CompleteMultipartUpload): retried only when the server surely did not
  /// act — the connection was never made, or it answered 503 or 429 —
  /// since a repeat of an applied write would fail its own condition.
  kWhenNotApplied,
};

/// One S3 REST request, before addressing and signing.
struct S3Request {
  std::string method = "GET";
  std::string bucket = {};
  std::string key = {};  // Empty: the bucket itself.
  /// Decoded names and values; encoded when sent.
  std::vector<std::pair<std::string, std::string>> query = {};
  /// Lower-case names. Every header given is signed.
  std::vector<std::pair<std::string, std::string>> headers = {};
  std::string_view body = {};
  RetryPolicy retry = RetryPolicy::kIdempotent;
  /// When not empty, a 2xx response body is written here (never past its
  /// end: a longer body is an error) instead of into S3Response::body.
  std::span<char> body_into = {};
};

/// What the server answered (any status).
struct S3Response {
  int status = 0;
  http::Headers headers = {};
  /// The body, unless it went to S3Request::body_into; an error body is
  /// kept up to 64 KiB.
  std::string body = {};
  size_t body_into_size = 0;  // Bytes written to S3Request::body_into.
};

/// Sends S3 requests to one endpoint over libcurl: addressing (path or
/// virtual-hosted), SigV4 header signing with the payload's SHA-256, retries
/// with jittered exponential backoff. Keeps a pool of curl easy handles
/// that share one DNS, connection and TLS session cache.
///
/// Thread safety: Send() is safe from any thread.
class S3Client {
 public:
  /// Checks the endpoint and sets up curl. Errors: InvalidArgument for a
  /// malformed endpoint; Internal when curl cannot start.
  static Result<std::unique_ptr<S3Client>> Open(const RemoteS3Options& options, const Clock& clock);

  S3Client(const S3Client&) = delete;
  S3Client& operator=(const S3Client&) = delete;
  ~S3Client();

  /// Sends `request`, retrying as its policy allows, and returns the last
  /// answer whatever its status. Errors: transport failures only (IoError,
  /// Timeout), and InvalidArgument for a 2xx body longer than body_into.
  Result<S3Response> Send(const S3Request& request);

  /// Returns "METHOD bucket/key" for messages.
  static std::string Describe(const S3Request& request);

  const RemoteS3Options& options() const { return options_; }

 private:
  struct Curl;

  struct Endpoint {
    std::string scheme = {};     // "http" or "https".
    std::string authority = {};  // "host:port", as in the URL.
    std::string host = {};       // The Host header: the authority without a default port.
  };

  S3Client(RemoteS3Options options, Endpoint endpoint, const Clock& clock);

  // One attempt; *sent tells whether the request may have reached the server.
  Result<S3Response> SendOnce(const S3Request& request, bool* sent);
  // Adds host, x-amz-date, x-amz-content-sha256 and authorization.
  void Sign(const S3Request& request,
            const std::string& host,
            const std::string& path,
            const std::string& query,
            std::vector<std::pair<std::string, std::string>>* headers) const;
  void Backoff(int retry);

  RemoteS3Options options_;
  Endpoint endpoint_;
  const Clock& clock_;
  IdGenerator jitter_;
  std::unique_ptr<Curl> curl_;
};

}  // namespace stratus::lake::internal
