#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace stratus::cloudformation {

/// CloudFormation's AWS-shaped errors (awsQuery error codes of the model).
class CfnError {
 public:
  /// ValidationError (400): bad input, unknown stack, template errors.
  static Status Validation(std::string message);
  /// "Stack with id X does not exist".
  static Status StackNotFound(std::string_view name_or_id);
  /// AlreadyExistsException: "Stack [X] already exists".
  static Status StackExists(std::string_view name);
  /// InsufficientCapabilitiesException: "Requires capabilities : [X]".
  static Status InsufficientCapabilities(std::string_view capability);
  /// ChangeSetNotFound (404): "ChangeSet [X] does not exist".
  static Status ChangeSetNotFound(std::string_view name);
  /// InvalidChangeSetStatus.
  static Status InvalidChangeSetStatus(std::string message);
  /// Maps an engine or template error (InvalidArgument and the like) to its
  /// wire error; errors already typed pass through.
  static Status FromEngine(const Status& status);
};

}  // namespace stratus::cloudformation
