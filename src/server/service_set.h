#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "lake/remote_s3_options.h"

namespace stratus::lake {
class Lake;
}  // namespace stratus::lake

namespace stratus::states::api {
class StatesService;
}  // namespace stratus::states::api

namespace stratus::aws {
class OperationTable;
struct LookedUpCredential;
struct ServiceEnvironment;
}  // namespace stratus::aws

namespace stratus::server {

/// Options of particular services (everything shared is in aws::ServiceEnvironment).
struct ServiceSetOptions {
  double sfn_time_scale = 1.0;       // Real waiting = nominal × this.
  std::string sfn_mock_config = {};  // Step Functions Local mock configuration file.
  /// --lake-endpoint: keep the lake (s3:// URIs) on this S3-compatible
  /// endpoint instead of the local S3.
  std::optional<lake::RemoteS3Options> lake_endpoint = std::nullopt;
  /// The account requests run as: whose Glue catalog Athena's SQL reads.
  std::string account_id = "000000000000";
  /// The SQL engine's memory budget (0: half the RAM) and worker threads (0: one per core).
  uint64_t sql_memory_limit_bytes = 0;
  size_t sql_threads = 0;
  /// The endpoint Lambda functions' SDKs call (AWS_ENDPOINT_URL); asked when
  /// a function process starts, once the server listens.
  std::function<std::string()> endpoint_url = nullptr;
  std::string region = "us-east-1";
};

/// Every service (aws::Service), opened, started and stopped in dependency
/// order; the one place that knows which services exist.
///
/// Thread safety: Open/Start/Stop from the owning thread; States() from any.
class ServiceSet {
 public:
  ServiceSet(const ServiceSet&) = delete;
  ServiceSet& operator=(const ServiceSet&) = delete;
  ~ServiceSet();

  /// Opens every service under environment.data_dir.
  static Result<std::unique_ptr<ServiceSet>> Open(const ServiceSetOptions& options,
                                                  const aws::ServiceEnvironment& environment);

  /// Adds every service's operations to `table`, then starts the services.
  /// REQUIRES: `table` outlives the services.
  Status Start(aws::OperationTable& table);

  /// Returns the lake every engine reads and writes through.
  lake::Lake& lake();

  /// Returns Step Functions (for the console's live execution events).
  states::api::StatesService* states();

  /// Returns what IAM and STS know of a signing key (an IAM access key,
  /// STS's temporary credentials), or nullopt: the front door's
  /// aws::CredentialLookup. Safe from any thread while the services run.
  std::optional<aws::LookedUpCredential> FindCredential(std::string_view access_key_id) const;

  /// Returns service name → state ("opened", "running", "stopped") for the
  /// health endpoint.
  std::map<std::string, std::string> States() const;

  /// Stops the services and closes their databases. Idempotent.
  void Stop();

 private:
  struct Services;
  explicit ServiceSet(std::unique_ptr<Services> services);
  std::unique_ptr<Services> services_;
};

}  // namespace stratus::server
