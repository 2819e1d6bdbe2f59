#pragma once

#include <map>
#include <memory>
#include <string>

#include "base/result.h"

namespace stratus {
class Clock;
class IdGenerator;
}  // namespace stratus

namespace stratus::aws {
class OperationTable;
}  // namespace stratus::aws

namespace stratus::server {

struct ServiceSetOptions {
  std::string data_dir = {};
  double sfn_time_scale = 1.0;          // Real waiting = nominal × this.
  std::string sfn_mock_config = {};     // Step Functions Local mock configuration file.
};

/// Every service engine with its database, opened and loaded in dependency
/// order; the one place that knows which services exist.
///
/// Thread safety: Open/RegisterOperations/Stop from the owning thread; States() from any.
class ServiceSet {
 public:
  ServiceSet(const ServiceSet&) = delete;
  ServiceSet& operator=(const ServiceSet&) = delete;
  ~ServiceSet();

  /// Opens each service's database under options.data_dir and loads its state.
  static Result<std::unique_ptr<ServiceSet>> Open(const ServiceSetOptions& options,
                                                  const Clock& clock,
                                                  IdGenerator& ids);

  /// Adds every service's operations to `table`.
  void RegisterOperations(aws::OperationTable& table);

  /// Returns service name → state ("running") for the health endpoint.
  std::map<std::string, std::string> States() const;

  /// Stops the services and closes their databases. Idempotent.
  void Stop();

 private:
  struct Services;
  explicit ServiceSet(std::unique_ptr<Services> services);
  std::unique_ptr<Services> services_;
};

}  // namespace stratus::server
