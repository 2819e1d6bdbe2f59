#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace stratus::glue {

/// The Glue errors, each tagged with Glue's exception name and HTTP 400, with
/// Glue's message texts. The catalog engine speaks Glue's semantics, so its
/// errors are Glue's; this is the only place in glue/ that sets AWS error
/// types.
///
/// AWS: "Database <name> not found.", "Table <name> not found.", "Cannot
/// find partition.", "<Entity> already exists.", "Update table failed due
/// to concurrent modifications." Pinned by test/wire/test_glue.py.
class GlueError {
 public:
  static Status DatabaseNotFound(std::string_view name);
  static Status TableNotFound(std::string_view name);
  static Status PartitionNotFound();
  static Status VersionNotFound(std::string_view table, std::string_view version);
  /// `entity`: "Database", "Table", "Partition".
  static Status AlreadyExists(std::string_view entity);
  static Status InvalidInput(std::string message);
  static Status ConcurrentModification(std::string message);
  /// An expression or token Glue cannot parse (InvalidInputException).
  static Status InvalidExpression(std::string message);
  static Status InternalService(std::string message);

  /// Keeps tagged statuses; maps untagged ones by code (NotFound →
  /// EntityNotFoundException, InvalidArgument → InvalidInputException,
  /// FailedPrecondition → ConcurrentModificationException, the rest →
  /// InternalServiceException).
  static Status FromEngine(const Status& status);
};

}  // namespace stratus::glue
