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

Handler CreateActivity;
Handler CreateStateMachine;
Handler CreateStateMachineAlias;
Handler DeleteActivity;
Handler DeleteStateMachine;
Handler DeleteStateMachineAlias;
Handler DeleteStateMachineVersion;
Handler DescribeActivity;
Handler DescribeExecution;
Handler DescribeMapRun;
Handler DescribeStateMachine;
Handler DescribeStateMachineAlias;
Handler DescribeStateMachineForExecution;
Handler GetActivityTask;
Handler GetExecutionHistory;
Handler ListActivities;
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
Handler UpdateMapRun;
Handler UpdateStateMachine;
Handler UpdateStateMachineAlias;
Handler ValidateStateMachineDefinition;

}  // namespace handlers

/// Returns a commit callback that replies `output` on success, else the
/// error (tagged by StatesApiError::FromEngine).
std::function<void(Status)> ReplyAfterCommit(aws::Reply reply, Json output = Json::object());

/// Returns the callback of SendTaskSuccess/Failure/Heartbeat for `token`:
/// {} on success. AWS: a token whose task closed (it timed out, was
/// answered, its execution ended) is TaskTimedOut "Task Timed Out: 'Provided
/// task does not exist anymore'"; a token never issued is InvalidToken.
std::function<void(Status)> TaskReply(StatesService& service, std::string token, aws::Reply reply);

}  // namespace stratus::states::api
