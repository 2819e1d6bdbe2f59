#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace stratus::states::api {

/// The Step Functions errors the API layer returns, each tagged with the
/// model's error shape name (InvalidArn, StateMachineDoesNotExist, ...) and
/// HTTP 400, with AWS's message texts. The only place in states/api that sets
/// AWS error types.
///
/// AWS: the message formats are pinned by the recorded snapshots in
/// ../shared/conformance/asl/snapshots/test_sfn_api*.snapshot.json.
class StatesApiError {
 public:
  /// "Invalid Arn: '<detail>'", e.g. detail "Invalid ARN prefix: foo".
  static Status InvalidArn(std::string_view detail);
  /// "Invalid Role Arn: '<arn>'", type InvalidArn.
  static Status InvalidRoleArn(std::string_view arn);
  static Status InvalidName(std::string_view name);
  /// `message` is the whole text, e.g. asl::InvalidDefinitionMessage().
  static Status InvalidDefinition(std::string message);
  static Status InvalidExecutionInput(std::string_view detail);
  static Status InvalidOutput(std::string_view detail);
  static Status InvalidToken(std::string_view detail);
  static Status InvalidEncryptionConfiguration(std::string message);
  static Status ActivityDoesNotExist(std::string_view arn);
  static Status ActivityAlreadyExists(std::string_view arn);
  static Status ActivityLimitExceeded(std::string message);
  static Status ActivityWorkerLimitExceeded(std::string message);
  static Status StateMachineDoesNotExist(std::string_view arn);
  static Status StateMachineAlreadyExists(std::string_view arn);
  static Status StateMachineTypeNotSupported();
  static Status StateMachineDeleting(std::string_view arn);
  static Status ExecutionDoesNotExist(std::string_view arn);
  static Status ExecutionAlreadyExists(std::string_view arn);
  static Status ExecutionNotRedrivable(std::string message);
  static Status ExecutionLimitExceeded(std::string message);
  static Status TaskDoesNotExist(std::string message);
  static Status TaskTimedOut(std::string message);
  static Status ResourceNotFound(std::string message);
  static Status Conflict(std::string message);
  static Status Validation(std::string message);
  static Status MissingRequiredParameter(std::string message);
  static Status TooManyTags(std::string message);
  static Status ServiceQuotaExceeded(std::string message);

  /// "1 validation error detected: Value '<value>' at '<member>' failed to
  /// satisfy constraint: <constraint>".
  static Status ValidationConstraint(std::string_view value,
                                     std::string_view member,
                                     std::string_view constraint);

  /// Tags an engine status: already-tagged statuses and internal errors pass
  /// through; NotFound becomes ResourceNotFound, InvalidArgument Validation.
  static Status FromEngine(const Status& status);
};

}  // namespace stratus::states::api
