#include "aws/operation_table.h"
#include "states/api/errors.h"
#include "states/api/handlers.h"
#include "states/api/states_service.h"

namespace stratus::states::api {
namespace {

aws::OperationHandler Bind(StatesService& service, handlers::Handler* handler) {
  return [&service, handler](const aws::RequestContext& context, Json input, aws::Reply reply) {
    // The handlers read user JSON with non-throwing accessors; this catch is
    // the safety net for a type nlohmann::json would still throw on.
    try {
      handler(service, context, std::move(input), reply);
    } catch (const nlohmann::json::exception& error) {
      reply(StatesApiError::Validation(error.what()));
    }
  };
}

}  // namespace

void RegisterStatesOperations(aws::OperationTable& table, StatesService& service) {
  constexpr std::string_view kService = "states";
  table.Add(kService, "CreateStateMachine", Bind(service, &handlers::CreateStateMachine));
  table.Add(kService, "CreateStateMachineAlias", Bind(service, &handlers::CreateStateMachineAlias));
  table.Add(kService, "DeleteStateMachine", Bind(service, &handlers::DeleteStateMachine));
  table.Add(kService, "DeleteStateMachineAlias", Bind(service, &handlers::DeleteStateMachineAlias));
  table.Add(kService, "DeleteStateMachineVersion",
            Bind(service, &handlers::DeleteStateMachineVersion));
  table.Add(kService, "DescribeExecution", Bind(service, &handlers::DescribeExecution));
  table.Add(kService, "DescribeStateMachine", Bind(service, &handlers::DescribeStateMachine));
  table.Add(kService, "DescribeStateMachineAlias",
            Bind(service, &handlers::DescribeStateMachineAlias));
  table.Add(kService, "DescribeStateMachineForExecution",
            Bind(service, &handlers::DescribeStateMachineForExecution));
  table.Add(kService, "GetExecutionHistory", Bind(service, &handlers::GetExecutionHistory));
  table.Add(kService, "ListExecutions", Bind(service, &handlers::ListExecutions));
  table.Add(kService, "ListMapRuns", Bind(service, &handlers::ListMapRuns));
  table.Add(kService, "ListStateMachineAliases", Bind(service, &handlers::ListStateMachineAliases));
  table.Add(kService, "ListStateMachineVersions",
            Bind(service, &handlers::ListStateMachineVersions));
  table.Add(kService, "ListStateMachines", Bind(service, &handlers::ListStateMachines));
  table.Add(kService, "ListTagsForResource", Bind(service, &handlers::ListTagsForResource));
  table.Add(kService, "PublishStateMachineVersion",
            Bind(service, &handlers::PublishStateMachineVersion));
  table.Add(kService, "RedriveExecution", Bind(service, &handlers::RedriveExecution));
  table.Add(kService, "SendTaskFailure", Bind(service, &handlers::SendTaskFailure));
  table.Add(kService, "SendTaskHeartbeat", Bind(service, &handlers::SendTaskHeartbeat));
  table.Add(kService, "SendTaskSuccess", Bind(service, &handlers::SendTaskSuccess));
  table.Add(kService, "StartExecution", Bind(service, &handlers::StartExecution));
  table.Add(kService, "StartSyncExecution", Bind(service, &handlers::StartSyncExecution));
  table.Add(kService, "StopExecution", Bind(service, &handlers::StopExecution));
  table.Add(kService, "TagResource", Bind(service, &handlers::TagResource));
  table.Add(kService, "TestState", Bind(service, &handlers::TestState));
  table.Add(kService, "UntagResource", Bind(service, &handlers::UntagResource));
  table.Add(kService, "UpdateStateMachine", Bind(service, &handlers::UpdateStateMachine));
  table.Add(kService, "UpdateStateMachineAlias", Bind(service, &handlers::UpdateStateMachineAlias));
  table.Add(kService, "ValidateStateMachineDefinition",
            Bind(service, &handlers::ValidateStateMachineDefinition));
  service.BindOperations(table);
  service.Start();
}

std::function<void(Status)> ReplyAfterCommit(aws::Reply reply, Json output) {
  return [reply = std::move(reply), output = std::move(output)](const Status& status) mutable {
    if (status.ok()) {
      reply(std::move(output));
    } else {
      reply(StatesApiError::FromEngine(status));
    }
  };
}

std::function<void(Status)> TaskReply(aws::Reply reply) {
  return [reply = std::move(reply)](const Status& status) {
    if (status.ok()) {
      reply(Json::object());
    } else if (status.aws_type().empty() && status.code() == StatusCode::kFailedPrecondition) {
      reply(StatesApiError::TaskTimedOut("Task Timed Out: 'Provided task does not exist anymore'"));
    } else {
      reply(StatesApiError::FromEngine(status));
    }
  };
}

}  // namespace stratus::states::api
