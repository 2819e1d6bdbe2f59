#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"
#include "states/api/state_machine_records.h"

namespace stratus::states::api {

class StatesService;

/// What StartExecution / StartSyncExecution run: the machine, the revision
/// (of a version, or picked by an alias' routing), and how it was named.
struct MachineTarget {
  StateMachineRecord machine = {};
  std::shared_ptr<const Revision> revision = nullptr;
  std::string version_arn = {};
  std::string alias_arn = {};
  /// The mock test case: "<arn>#<TestCase>" (Step Functions Local).
  std::string test_case = {};
};

/// Resolves a state machine, version or alias ARN, optionally suffixed with
/// "#TestCase". InvalidArn for other ARNs; StateMachineDoesNotExist when the
/// machine, version or alias is unknown; ValidationException for a test case
/// the mock configuration does not have.
Result<MachineTarget> ResolveMachineTarget(StatesService& service, std::string_view arn);

}  // namespace stratus::states::api
