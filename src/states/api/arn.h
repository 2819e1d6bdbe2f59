#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace stratus::states::api {

/// The kinds of resource a Step Functions ARN names.
enum class ArnKind : uint8_t {
  kStateMachine,         // stateMachine:NAME
  kStateMachineVersion,  // stateMachine:NAME:7
  kStateMachineAlias,    // stateMachine:NAME:ALIAS
  kExecution,            // execution:MACHINE:NAME
  kExpressExecution,     // express:MACHINE:NAME:ID
  kMapRun,               // mapRun:MACHINE/EXECUTION:ID
  kActivity,             // activity:NAME
};

/// A parsed arn:PARTITION:states:REGION:ACCOUNT:... ARN.
struct StatesArn {
  ArnKind kind = ArnKind::kStateMachine;
  std::string partition = "aws";
  std::string region = {};
  std::string account_id = {};
  /// The state machine (or activity) name.
  std::string machine_name = {};
  /// kStateMachineVersion: the version number; kStateMachineAlias: the alias name.
  std::string qualifier = {};
  /// kExecution/kExpressExecution: the execution name; kMapRun: the parent execution name.
  std::string execution_name = {};
  /// kExpressExecution and kMapRun: the trailing id.
  std::string id = {};

  /// Returns the unqualified state machine ARN (no version or alias).
  std::string StateMachineArn() const;
};

/// Parses a Step Functions ARN of any partition. AWS: anything not starting
/// with "arn:" is InvalidArn "Invalid ARN prefix: X"; other malformed ARNs
/// (an unknown partition included) are InvalidArn "Invalid Arn: 'X'".
Result<StatesArn> ParseStatesArn(std::string_view arn);

/// Parses an execution ARN for DescribeExecution, StopExecution,
/// GetExecutionHistory...: AWS rejects other resource types, EXPRESS ones
/// included, with InvalidArn "Resource type not valid in this context: express".
Result<StatesArn> ParseExecutionArn(std::string_view arn);

/// Parses an activity ARN for DescribeActivity, GetActivityTask...: other
/// resource types are InvalidArn "Resource type not valid in this context: X".
Result<StatesArn> ParseActivityArn(std::string_view arn);

/// Returns true when `arn` parses as an activity ARN.
bool IsActivityArn(std::string_view arn);

/// arn:PARTITION:states:REGION:ACCOUNT:activity:NAME, in the partition of
/// REGION (aws/arn.h).
std::string MakeActivityArn(std::string_view region,
                            std::string_view account_id,
                            std::string_view name);

/// arn:PARTITION:states:REGION:ACCOUNT:stateMachine:NAME, in the partition
/// of REGION (aws/arn.h).
std::string MakeStateMachineArn(std::string_view region,
                                std::string_view account_id,
                                std::string_view name);

/// arn:PARTITION:states:REGION:ACCOUNT:execution:MACHINE:NAME, or for EXPRESS
/// arn:PARTITION:states:REGION:ACCOUNT:express:MACHINE:NAME:ID, in the
/// machine's partition.
std::string MakeExecutionArn(const StatesArn& machine,
                             std::string_view name,
                             std::string_view express_id = {});

/// arn:PARTITION:states:REGION:ACCOUNT:mapRun:MACHINE/EXECUTION:ID
std::string MakeMapRunArn(const StatesArn& execution, std::string_view id);

/// Returns true for a role ARN the way CreateStateMachine accepts it:
/// arn:PARTITION:iam::ACCOUNT:role/NAME, ACCOUNT 12 digits, PARTITION known.
bool IsValidRoleArn(std::string_view arn);

}  // namespace stratus::states::api
