#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace stratus {
class Clock;
class IdGenerator;
}  // namespace stratus

namespace stratus::lake {
class Lake;
}  // namespace stratus::lake

namespace stratus::aws {

class ModelRegistry;
class OperationTable;

/// What every service is opened with: where its files go and the shared
/// clock, ids and models. Everything referenced outlives the services.
struct ServiceEnvironment {
  /// The data dir; a service keeps `<data_dir>/<name>.db` and, if it needs
  /// them, files under `<data_dir>/<name>/`.
  std::string data_dir = {};
  const Clock* clock = nullptr;
  IdGenerator* ids = nullptr;
  const ModelRegistry* models = nullptr;
  /// Where s3:// and file:// URIs resolve (lake::Lake): the local S3, or the
  /// endpoint of --lake-endpoint. Null for the services opened before S3.
  lake::Lake* lake = nullptr;
};

/// One AWS service as the server runs it. The lifecycle, driven by
/// server::ServiceSet for every service in dependency order:
///   1. opened by the service's own Open function (databases opened, state
///      loaded; nothing runs yet);
///   2. RegisterOperations(): the service's handlers enter the table;
///   3. Start(): background work begins (timers, workers, recovered work),
///      with the finished table for calls to other services;
///   4. Stop(), in reverse order: background work ends, databases close.
///
/// Thread safety: the lifecycle methods run on the owning thread; the
/// handlers they register run on any thread between Start() and Stop().
class Service {
 public:
  virtual ~Service() = default;

  /// The operation-table name: "sqs", "states", "s3".
  virtual std::string_view name() const = 0;

  /// Adds every operation of the service to `table`.
  virtual void RegisterOperations(OperationTable& table) = 0;

  /// Starts background work. `table` holds every service's operations and
  /// outlives this service: in-process calls to other services go through it.
  virtual Status Start(const OperationTable& table) = 0;

  /// Ends background work and closes the service's files. Idempotent.
  virtual void Stop() = 0;
};

}  // namespace stratus::aws
