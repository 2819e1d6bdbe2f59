#pragma once

#include <functional>

#include "aws/operation_table.h"
#include "aws/request_context.h"
#include "base/json.h"

namespace stratus::states::api {

class StatesService;

// One handler per Step Functions operation, each in its own file named after
// it. A handler validates the model-shaped JSON input (member names as in
// the "states" model: stateMachineArn, roleArn...), calls the catalog or the
// engine and replies with the model-shaped output, after the commit for
// mutations. RegisterStatesOperations() binds them to their names.
namespace handlers {

using Handler = void(StatesService& service,
                     const aws::RequestContext& context,
                     Json input,
                     aws::Reply reply);

Handler CreateStateMachine;
Handler CreateStateMachineAlias;
Handler DeleteStateMachine;
Handler DeleteStateMachineAlias;
Handler DeleteStateMachineVersion;
Handler DescribeExecution;
Handler DescribeStateMachine;
Handler DescribeStateMachineAlias;
Handler DescribeStateMachineForExecution;
Handler GetExecutionHistory;
Handler ListExecutions;
Handler ListMapRuns;
Handler ListStateMachineAliases;
Handler ListStateMachineVersions;
Handler ListStateMachines;
Handler ListTagsForResource;
Handler PublishStateMachineVersion;
Handler RedriveExecution;
Handler SendTaskFailure;
Handler SendTaskHeartbeat;
Handler SendTaskSuccess;
Handler StartExecution;
Handler StartSyncExecution;
Handler StopExecution;
Handler TagResource;
Handler TestState;
Handler UntagResource;
Handler UpdateStateMachine;
Handler UpdateStateMachineAlias;
Handler ValidateStateMachineDefinition;

}  // namespace handlers

/// Returns a commit callback that replies `output` on success, else the
/// error (tagged by StatesApiError::FromEngine).
std::function<void(Status)> ReplyAfterCommit(aws::Reply reply, Json output = Json::object());

/// Returns the callback of SendTaskSuccess/Failure/Heartbeat: {} on success;
/// an execution that already ended is TaskTimedOut (AWS's text).
std::function<void(Status)> TaskReply(aws::Reply reply);

}  // namespace stratus::states::api
