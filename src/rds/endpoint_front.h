#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "base/result.h"

namespace stratus::rds {

/// A listening endpoint that relays MySQL clients to a server's unix socket
/// (in the server, connectors::mysql::MySqlFront).
///
/// Thread safety: as the implementation's; the engine calls Stop() once.
class EndpointFront {
 public:
  virtual ~EndpointFront() = default;
  /// The port clients connect to.
  virtual uint16_t port() const = 0;
  /// Stops listening and closes every relayed connection. Idempotent.
  virtual void Stop() = 0;
};

/// What an endpoint listens on and relays to.
struct FrontRequest {
  uint16_t port = 0;
  std::string backend_socket = {};
};

/// Opens an endpoint; fails with kAlreadyExists when the port is taken.
using FrontFactory =
    std::function<Result<std::unique_ptr<EndpointFront>>(const FrontRequest& request)>;

}  // namespace stratus::rds
