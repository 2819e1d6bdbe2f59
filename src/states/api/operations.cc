#include "aws/operation_table.h"
#include "aws/service_operations.h"
#include "states/api/errors.h"
#include "states/api/handlers.h"
#include "states/api/issued_tokens.h"
#include "states/api/states_service.h"

namespace stratus::states::api {
namespace {

constexpr std::string_view kTaskClosed = "Task Timed Out: 'Provided task does not exist anymore'";

}  // namespace

void RegisterStatesOperations(aws::OperationTable& table, StatesService& service) {
  // AWS: the front door checks the model's constraints (lengths, ranges,
  // enums, required members) before the service runs. AWS prints the
  // ExecutionStatus set in its own order (pinned by
  // test_sfn_api::test_state_machine_status_filter).
  aws::ServiceOperations operations(
      table, service.models(), "states",
      aws::ServiceOperationsOptions{
          .model_constraints =
              aws::ConstraintOptions{
                  .enum_texts = {{"ExecutionStatus",
                                  "[SUCCEEDED, TIMED_OUT, PENDING_REDRIVE, ABORTED, FAILED, "
                                  "RUNNING]"}}},
          .on_json_error = [](std::string_view what) {
            return StatesApiError::Validation(std::string(what));
          }});
  auto add = [&](std::string_view name, handlers::Handler* handler) {
    operations.Add(name, aws::Bind(service, handler));
  };
  add("CreateActivity", &handlers::CreateActivity);
  add("CreateStateMachine", &handlers::CreateStateMachine);
  add("CreateStateMachineAlias", &handlers::CreateStateMachineAlias);
  add("DeleteActivity", &handlers::DeleteActivity);
  add("DeleteStateMachine", &handlers::DeleteStateMachine);
  add("DeleteStateMachineAlias", &handlers::DeleteStateMachineAlias);
  add("DeleteStateMachineVersion", &handlers::DeleteStateMachineVersion);
  add("DescribeActivity", &handlers::DescribeActivity);
  add("DescribeExecution", &handlers::DescribeExecution);
  add("DescribeMapRun", &handlers::DescribeMapRun);
  add("DescribeStateMachine", &handlers::DescribeStateMachine);
  add("DescribeStateMachineAlias", &handlers::DescribeStateMachineAlias);
  add("DescribeStateMachineForExecution", &handlers::DescribeStateMachineForExecution);
  add("GetActivityTask", &handlers::GetActivityTask);
  add("GetExecutionHistory", &handlers::GetExecutionHistory);
  add("ListActivities", &handlers::ListActivities);
  add("ListExecutions", &handlers::ListExecutions);
  add("ListMapRuns", &handlers::ListMapRuns);
  add("ListStateMachineAliases", &handlers::ListStateMachineAliases);
  add("ListStateMachineVersions", &handlers::ListStateMachineVersions);
  add("ListStateMachines", &handlers::ListStateMachines);
  add("ListTagsForResource", &handlers::ListTagsForResource);
  add("PublishStateMachineVersion", &handlers::PublishStateMachineVersion);
  add("RedriveExecution", &handlers::RedriveExecution);
  add("SendTaskFailure", &handlers::SendTaskFailure);
  add("SendTaskHeartbeat", &handlers::SendTaskHeartbeat);
  add("SendTaskSuccess", &handlers::SendTaskSuccess);
  add("StartExecution", &handlers::StartExecution);
  add("StartSyncExecution", &handlers::StartSyncExecution);
  add("StopExecution", &handlers::StopExecution);
  add("TagResource", &handlers::TagResource);
  add("TestState", &handlers::TestState);
  add("UntagResource", &handlers::UntagResource);
  add("UpdateMapRun", &handlers::UpdateMapRun);
  add("UpdateStateMachine", &handlers::UpdateStateMachine);
  add("UpdateStateMachineAlias", &handlers::UpdateStateMachineAlias);
  add("ValidateStateMachineDefinition", &handlers::ValidateStateMachineDefinition);
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

std::function<void(Status)> TaskReply(StatesService& service, std::string token, aws::Reply reply) {
  return [&service, token = std::move(token), reply = std::move(reply)](const Status& status) {
    if (status.ok()) {
      reply(Json::object());
      return;
    }
    Status answer = status;
    if (status.aws_type().empty() && status.code() == StatusCode::kFailedPrecondition) {
      answer = StatesApiError::TaskTimedOut(std::string(kTaskClosed));
    } else if (status.aws_type() == "InvalidToken") {
      // The engine knows open tasks only; a token it issued before is closed.
      Result<bool> issued = service.issued_tokens().WasIssued(token);
      if (issued.ok() && *issued) {
        answer = StatesApiError::TaskTimedOut(std::string(kTaskClosed));
      }
    }
    reply(StatesApiError::FromEngine(answer));
  };
}

}  // namespace stratus::states::api
