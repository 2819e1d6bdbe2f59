#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace stratus::athena {

/// The Athena errors, each tagged with Athena's exception name: the only
/// place in athena/ that sets AWS error types. InvalidRequestException also
/// carries an AthenaErrorCode (kAthenaErrorCode), which api/operations.cc
/// adds to the error body.
///
/// AWS: "QueryExecution <id> was not found", "WorkGroup <name> is not
/// found.", "No output location provided. An output location is required
/// either through the Workgroup result configuration setting or as an API
/// input." Pinned by test/wire/test_athena.py.
/// AWS: InvalidRequestException's AthenaErrorCode for invalid input.
inline constexpr std::string_view kAthenaErrorCode = "INVALID_INPUT";

class AthenaError {
 public:
  static Status InvalidRequest(std::string message);
  static Status QueryExecutionNotFound(std::string_view id);
  static Status WorkGroupNotFound(std::string_view name);
  static Status WorkGroupExists(std::string_view name);
  static Status NamedQueryNotFound(std::string_view id);
  static Status PreparedStatementNotFound(std::string_view name);
  static Status PreparedStatementExists(std::string_view name);
  static Status DataCatalogNotFound(std::string_view name);
  static Status DataCatalogExists(std::string_view name);
  /// ResourceNotFoundException of the tagging operations.
  static Status ResourceNotFound(std::string_view arn);
  static Status DatabaseNotFound(std::string_view name);
  static Status TableNotFound(std::string_view name);
  static Status NoOutputLocation();
  static Status TooManyRequests(std::string message);
  static Status InternalServer(std::string message);

  /// Keeps tagged statuses; maps untagged ones by code (NotFound and
  /// InvalidArgument → InvalidRequestException, Throttled →
  /// TooManyRequestsException, the rest → InternalServerException).
  static Status FromEngine(const Status& status);
};

}  // namespace stratus::athena
