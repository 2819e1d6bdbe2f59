#pragma once

#include <cstdint>
#include <string>

namespace stratus::lake {

/// How a bucket appears in a request's URL.
enum class S3Addressing : uint8_t {
  kPathStyle,      // http://endpoint/BUCKET/KEY
  kVirtualHosted,  // http://BUCKET.endpoint/KEY
};

/// Where and how RemoteS3Store reaches an S3-compatible endpoint.
struct RemoteS3Options {
  /// The endpoint's base URL: "http://127.0.0.1:9000",
  /// "https://s3.eu-west-1.amazonaws.com". No path, query or user info.
  std::string endpoint = {};
  /// The SigV4 signing region.
  std::string region = "us-east-1";
  /// SigV4 credentials; with an empty access key id requests go unsigned
  /// (anonymous), which stratus and moto accept.
  std::string access_key_id = {};
  std::string secret_access_key = {};
  S3Addressing addressing = S3Addressing::kPathStyle;

  /// Limit on establishing a connection.
  int connect_timeout_millis = 5'000;
  /// A transfer that moves no byte for this long fails (kTimeout); there is
  /// no limit on a transfer that keeps moving. Rounded up to whole seconds.
  int idle_timeout_millis = 30'000;
  /// Tries per request, the first included: retries follow connection
  /// failures, 5xx and 429 answers, for requests safe to repeat (see
  /// RemoteS3Store).
  int max_attempts = 4;
  /// The wait before the first retry; it doubles per retry up to
  /// max_backoff_millis, and each wait is jittered down by up to half.
  int initial_backoff_millis = 50;
  int max_backoff_millis = 2'000;
  /// Curl handles kept between requests (each keeps its connection cache
  /// through a shared one; more requests than this at once open more).
  int max_idle_handles = 16;

  /// A writer buffers this many bytes, then switches to a multipart upload
  /// of parts this size. S3 wants at least 5 MiB per part but the last.
  uint64_t part_size = 8 * 1024 * 1024;
  /// A reader fetches at least this many bytes per request and serves
  /// smaller reads that follow from them.
  uint64_t read_ahead_bytes = 256 * 1024;
};

}  // namespace stratus::lake
