#pragma once

#include <string>
#include <string_view>

#include "base/json.h"
#include "base/result.h"
#include "cli/server_connection.h"

namespace stratus::cli {

/// A small client of a running server's Athena API (JSON 1.1 over HTTP,
/// unsigned: the server verifies signatures only when it has credentials)
/// and of S3's CreateBucket, for `stratus sql`.
///
/// Thread safety: one thread at a time.
class AthenaClient {
 public:
  /// `endpoint`: "http://localhost:4566".
  explicit AthenaClient(std::string endpoint);

  /// Calls `operation` ("StartQueryExecution"); an AWS error comes back as a
  /// Status whose aws_type() is the error code.
  Result<Json> Call(std::string_view operation, const Json& input);

  /// Creates `bucket` in the server's S3 unless it exists.
  Status EnsureBucket(std::string_view bucket);

 private:
  ServerConnection connection_;
};

}  // namespace stratus::cli
