#pragma once

#include <memory>
#include <optional>
#include <string>

#include "aws/operation_table.h"
#include "aws/sigv4.h"
#include "http/message.h"

namespace stratus {
class Clock;
class IdGenerator;
}  // namespace stratus

namespace stratus::aws {

class ModelRegistry;
class ServiceModel;
struct OperationModel;

struct DispatcherOptions {
  std::string account_id = "000000000000";
  std::string default_region = "us-east-1";
  /// When set, every request must carry a valid SigV4 signature by one of these keys.
  std::optional<CredentialStore> credentials = std::nullopt;
};

/// Where a request goes: the service's model and operation, or why not.
struct Route {
  const ServiceModel* service = nullptr;
  const OperationModel* operation = nullptr;
  std::string operation_name = {};  // As the client named it, even if unknown.
};

/// The front door's brain: turns an HTTP request into an operation call and
/// the reply into an HTTP response. Routes by X-Amz-Target, then the SigV4
/// credential scope, then the Host header, then a query-protocol Action;
/// checks signatures when credentials are configured; parses and serializes
/// with the service's protocol codec; calls the operation table.
///
/// Thread safety: Handle() is safe from any thread; the referenced registry,
/// table, ids and clock must outlive the dispatcher.
class Dispatcher {
 public:
  Dispatcher(DispatcherOptions options,
             const ModelRegistry& models,
             const OperationTable& operations,
             IdGenerator& ids,
             const Clock& clock);

  /// Handles one request; responds exactly once, possibly later (long polls).
  void Handle(http::Request request, http::Responder respond) const;

  /// Finds the service and operation a request addresses (exposed for tests).
  Route Resolve(const http::Request& request, const std::optional<SigV4Signature>& signature) const;

 private:
  DispatcherOptions options_;
  const ModelRegistry& models_;
  const OperationTable& operations_;
  IdGenerator& ids_;
  const Clock& clock_;
};

}  // namespace stratus::aws
