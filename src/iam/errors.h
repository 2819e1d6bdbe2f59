#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace stratus::iam {

/// The IAM errors, each tagged with the code IAM answers: the only place in
/// iam/ that sets AWS error types.
///
/// AWS: "Role with name X already exists.", "The role with name X cannot be
/// found.", "Cannot delete entity, must delete policies first.". Pinned by
/// test/wire/test_iam.py.
class IamError {
 public:
  /// EntityAlreadyExists (409).
  static Status AlreadyExists(std::string message);
  /// NoSuchEntity (404).
  static Status NoSuchEntity(std::string message);
  /// MalformedPolicyDocument (400).
  static Status MalformedPolicy(std::string message);
  /// ValidationError (400), for names and values the model's rules reject.
  static Status Validation(std::string message);
  /// InvalidInput (400).
  static Status InvalidInput(std::string message);
  /// DeleteConflict (409).
  static Status DeleteConflict(std::string message);
  /// LimitExceeded (409).
  static Status LimitExceeded(std::string message);

  /// Keeps tagged statuses; maps untagged ones by code (NotFound →
  /// NoSuchEntity, AlreadyExists → EntityAlreadyExists, InvalidArgument →
  /// InvalidInput, the rest → ServiceFailure).
  static Status FromEngine(const Status& status);
};

}  // namespace stratus::iam
