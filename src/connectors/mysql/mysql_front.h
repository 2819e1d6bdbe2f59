#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "base/result.h"

namespace stratus::lake {
class Lake;
}  // namespace stratus::lake

namespace stratus::connectors::mysql {

/// Where a front listens and what it relays to.
struct MySqlFrontOptions {
  /// Loopback address and port clients connect to (the RDS Endpoint.Port).
  /// Port 0 picks a free port; port() tells which.
  std::string listen_host = "127.0.0.1";
  uint16_t port = 0;
  /// The MariaDB server's private unix socket.
  std::string backend_socket = {};
  /// Where Aurora's `INTO OUTFILE S3` and `LOAD DATA FROM S3` read and write
  /// (s3:// and s3-REGION:// URIs). Outlives the front.
  lake::Lake* lake = nullptr;
  /// The region `s3://` URIs without one belong to.
  std::string region = "us-east-1";
};

/// A MySQL-protocol front for one RDS instance: accepts client connections on
/// a TCP port, relays each to the instance's MariaDB server over its unix
/// socket (authentication passes through unchanged) and runs Aurora's S3
/// statements itself; everything else passes through byte for byte. What it
/// changes on the wire and what it writes: docs/formats/mysql_front.md.
///
/// Requires of the server: local_infile=ON (MariaDB's default), for
/// LOAD DATA FROM S3.
///
/// Thread safety: Start/Stop from one thread; connections are served on the
/// front's own threads (one per connection). Destroying a front stops it.
class MySqlFront {
 public:
  virtual ~MySqlFront() = default;

  /// Binds the port and starts accepting. Fails with kAlreadyExists when the
  /// port is taken (the caller then picks another).
  static Result<std::unique_ptr<MySqlFront>> Start(const MySqlFrontOptions& options);

  /// The port clients connect to.
  virtual uint16_t port() const = 0;

  /// Stops accepting, closes every relayed connection and joins the threads.
  /// Idempotent.
  virtual void Stop() = 0;
};

}  // namespace stratus::connectors::mysql
