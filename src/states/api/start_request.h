#pragma once

#include "aws/request_context.h"
#include "base/json.h"
#include "base/result.h"
#include "states/api/execution_engine.h"
#include "states/api/machine_target.h"

namespace stratus::states::api {

class StatesService;

/// A validated StartExecution / StartSyncExecution request.
struct PreparedStart {
  MachineTarget target = {};
  StartRequest request = {};
  /// EXPRESS executions: the trailing id of the express ARN.
  std::string express_id = {};
};

/// Validates stateMachineArn (machine, version or alias, with an optional
/// "#TestCase"), name (InvalidName; a UUID when absent), input
/// (InvalidExecutionInput unless JSON; "{}" when absent) and traceHeader,
/// and builds the engine request with its context and options.
Result<PreparedStart> PrepareStart(StatesService& service,
                                   const aws::RequestContext& context,
                                   const Json& input);

}  // namespace stratus::states::api
