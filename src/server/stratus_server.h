#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"

namespace stratus::server {

/// Everything `stratus serve` can be told.
struct ServerConfig {
  std::string host = "127.0.0.1";
  uint16_t port = 4566;  // 0 picks a free port.
  std::string data_dir = "./.stratus";
  std::string account_id = "000000000000";
  std::string default_region = "us-east-1";
  /// AWS shared-credentials file; when set (or STRATUS_ACCESS_KEY_ID and
  /// STRATUS_SECRET_ACCESS_KEY are), signatures are verified.
  std::string credentials_file = {};
  int num_threads = 2;
  double sfn_time_scale = 1.0;
  std::string sfn_mock_config = {};
  /// Hosts under which BUCKET.<suffix> addresses an S3 bucket.
  std::vector<std::string> s3_host_suffixes = {"localhost"};
  /// --lake-endpoint URL: the lake (s3:// URIs) lives on this S3-compatible
  /// endpoint instead of the local S3; empty for the local S3. Signed with
  /// STRATUS_LAKE_ACCESS_KEY_ID / STRATUS_LAKE_SECRET_ACCESS_KEY (else
  /// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY).
  std::string lake_endpoint = {};
  std::string lake_region = "us-east-1";
  bool lake_virtual_hosted = false;
  /// --sql-memory-limit: the SQL engine's memory budget in bytes; 0 means half the RAM.
  uint64_t sql_memory_limit_bytes = 0;
  /// --sql-threads: the SQL engine's worker threads; 0 means one per core.
  int sql_threads = 0;
};

/// The composition root: builds every service on its own database under the
/// data dir, registers their operations in one table, and serves them over
/// HTTP through the AWS dispatcher.
///
/// Thread safety: Start() and Stop() from one thread; everything else is
/// internal.
class StratusServer {
 public:
  StratusServer(const StratusServer&) = delete;
  StratusServer& operator=(const StratusServer&) = delete;
  ~StratusServer();

  /// Opens the data dir, loads every service's state and starts listening.
  static Result<std::unique_ptr<StratusServer>> Start(const ServerConfig& config);

  /// The port actually bound.
  uint16_t port() const;

  /// Stops serving, then stops the services (flushing their commits). Idempotent.
  void Stop();

 private:
  struct Parts;
  explicit StratusServer(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

/// The version string reported by `stratus version` and the health endpoint.
std::string_view Version();

}  // namespace stratus::server
