// Redrive of Map and Parallel states, and the Map Runs and child executions
// of DISTRIBUTED maps (map_run.h).

#include <chrono>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "states/interpreter/execution_state.h"
#include "states/interpreter/interpreter.h"
#include "states/interpreter/test_interpreter.h"
#include "testing/status_matchers.h"

namespace stratus::states::interpreter {
namespace {

using namespace std::chrono_literals;
using testing::EffectsOf;
using ::testing::ElementsAre;
using testing::T0;
using testing::TestContext;
using testing::TypeNames;

class RedriveMapRunTest : public testing::InterpreterFixture {
 protected:
  using InterpreterFixture::AdvanceOk;

  StepResult AdvanceOk(ExecutionState& state, const ExecutionEvent& event) {
    return AdvanceOk(state, event, T0() + 1s);
  }

  // The input of each RunTask of a step, by task id order.
  static std::vector<Json> TaskInputs(const StepResult& step) {
    std::vector<Json> inputs;
    for (const RunTask& task : EffectsOf<RunTask>(step)) {
      inputs.push_back(task.parameters);
    }
    return inputs;
  }

  static ExecutionState RoundTrip(const ExecutionState& state) {
    Result<ExecutionState> copy = ExecutionState::Deserialize(state.Serialize(), state.machine());
    EXPECT_TRUE(copy.ok()) << copy.status().ToString();
    return std::move(*copy);
  }
};

// Every item is a task: the test answers each one.
constexpr std::string_view kInlineMapOfTasks = R"({
  "StartAt": "Each",
  "States": {
    "Each": {"Type": "Map", "End": true,
      "ItemProcessor": {"StartAt": "Work", "States": {
        "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                 "Parameters": {"item.$": "$"}, "ResultSelector": {"done.$": "$.item"},
                 "End": true}}}}
  }
})";

TEST_F(RedriveMapRunTest, InlineMapRedriveRerunsOnlyTheFailedIterations) {
  Started started = StartOk(kInlineMapOfTasks, "[10, 20, 30]");
  std::vector<RunTask> tasks = EffectsOf<RunTask>(started.step);
  ASSERT_EQ(tasks.size(), 3u);
  AdvanceOk(started.state,
            TaskSucceeded{.task_id = tasks[0].task_id, .output = Json{{"item", 10}}});
  AdvanceOk(started.state,
            TaskSucceeded{.task_id = tasks[2].task_id, .output = Json{{"item", 30}}});
  StepResult failed = AdvanceOk(
      started.state, TaskFailed{.task_id = tasks[1].task_id, .error = "Boom", .cause = "once"});
  ASSERT_EQ(failed.status, ExecutionStatus::kFailed);

  // Through the store, as a host redrives it.
  ExecutionState state = RoundTrip(started.state);
  StepResult redriven = AdvanceOk(state, RedriveExecution{});
  // AWS: only the failed iteration runs again; the Map is not entered again.
  EXPECT_THAT(TypeNames(redriven.events),
              ElementsAre("ExecutionRedriven", "MapIterationStarted", "TaskStateEntered",
                          "TaskScheduled", "TaskStarted"));
  EXPECT_EQ(redriven.events[1].details["index"], 1);
  ASSERT_THAT(TaskInputs(redriven), ElementsAre(Json{{"item", 20}}));
  StepResult done =
      AdvanceOk(state, TaskSucceeded{.task_id = EffectsOf<RunTask>(redriven)[0].task_id,
                                     .output = Json{{"item", 20}}});
  ASSERT_EQ(done.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(Json::parse(*done.output),
            Json::parse(R"([{"done": 10}, {"done": 20}, {"done": 30}])"));
}

TEST_F(RedriveMapRunTest, InlineMapRedriveRerunsTheIterationsAFailureAborted) {
  Started started = StartOk(kInlineMapOfTasks, "[1, 2, 3]");
  std::vector<RunTask> tasks = EffectsOf<RunTask>(started.step);
  ASSERT_EQ(tasks.size(), 3u);
  AdvanceOk(started.state, TaskSucceeded{.task_id = tasks[0].task_id, .output = Json{{"item", 1}}});
  StepResult failed =
      AdvanceOk(started.state, TaskFailed{.task_id = tasks[1].task_id, .error = "Boom"});
  ASSERT_EQ(failed.status, ExecutionStatus::kFailed);
  StepResult redriven = AdvanceOk(started.state, RedriveExecution{});
  // Item 2 failed and item 3 was aborted by that failure: both run again,
  // item 1 (succeeded) does not.
  EXPECT_THAT(TaskInputs(redriven), ElementsAre(Json{{"item", 2}}, Json{{"item", 3}}));
}

TEST_F(RedriveMapRunTest, ParallelRedriveRerunsOnlyTheFailedBranch) {
  Started started = StartOk(R"({
    "StartAt": "Both",
    "States": {
      "Both": {"Type": "Parallel", "End": true, "Branches": [
        {"StartAt": "A", "States": {"A": {"Type": "Task",
          "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"b": "a"}, "End": true}}},
        {"StartAt": "Prep", "States": {
          "Prep": {"Type": "Pass", "Result": {"b": "b"}, "Next": "B"},
          "B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}
      ]}
    }
  })");
  std::vector<RunTask> tasks = EffectsOf<RunTask>(started.step);
  ASSERT_EQ(tasks.size(), 2u);
  AdvanceOk(started.state, TaskSucceeded{.task_id = tasks[0].task_id, .output = "A done"});
  StepResult failed =
      AdvanceOk(started.state, TaskFailed{.task_id = tasks[1].task_id, .error = "Boom"});
  ASSERT_EQ(failed.status, ExecutionStatus::kFailed);

  ExecutionState state = RoundTrip(started.state);
  StepResult redriven = AdvanceOk(state, RedriveExecution{});
  // The failed branch continues at its failed state (Prep is not run again).
  EXPECT_THAT(TypeNames(redriven.events),
              ElementsAre("ExecutionRedriven", "TaskStateEntered", "TaskScheduled", "TaskStarted"));
  EXPECT_EQ(redriven.events[1].details["name"], "B");
  ASSERT_THAT(TaskInputs(redriven), ElementsAre(Json{{"b", "b"}}));
  StepResult done = AdvanceOk(
      state, TaskSucceeded{.task_id = EffectsOf<RunTask>(redriven)[0].task_id, .output = "B done"});
  ASSERT_EQ(done.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(*done.output, R"(["A done","B done"])");
}

TEST_F(RedriveMapRunTest, ACaughtMapFailureLeavesNothingToRedrive) {
  Started started = StartOk(R"({
    "StartAt": "Each",
    "States": {
      "Each": {"Type": "Map", "ItemsPath": "$.items", "Next": "Bad",
        "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Bad"}],
        "ItemProcessor": {"StartAt": "F", "States": {
          "F": {"Type": "Fail", "Error": "Item"}}}},
      "Bad": {"Type": "Fail", "Error": "Final"}
    }
  })",
                            R"({"items": [1]})");
  ASSERT_EQ(started.step.status, ExecutionStatus::kFailed);
  EXPECT_EQ(started.step.error, "Final");
  StepResult redriven = AdvanceOk(started.state, RedriveExecution{});
  // The execution failed in the Fail state after the Map: that runs again.
  EXPECT_THAT(TypeNames(redriven.events),
              ElementsAre("ExecutionRedriven", "FailStateEntered", "ExecutionFailed"));
}

constexpr std::string_view kDistributedPass = R"({
  "StartAt": "Each",
  "States": {
    "Each": {"Type": "Map", "Label": "Fan", "End": true,
      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
        "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}
  }
})";

TEST_F(RedriveMapRunTest, DistributedMapReportsItsMapRunAndChildExecutions) {
  Started started = StartOk(kDistributedPass, R"([{"a": 1}, {"a": 2}])");
  ASSERT_EQ(started.step.status, ExecutionStatus::kSucceeded);
  ASSERT_EQ(started.step.map_runs.size(), 1u);
  const MapRunUpdate& run = started.step.map_runs[0];
  EXPECT_EQ(run.status, MapRunStatus::kSucceeded);
  EXPECT_EQ(run.execution_arn, TestContext().execution_arn);
  EXPECT_THAT(run.arn, ::testing::HasSubstr(":mapRun:machine/Fan:"));
  EXPECT_EQ(run.state_machine_arn,
            "arn:aws:states:us-east-1:123456789012:stateMachine:machine/Fan");
  EXPECT_EQ(run.item_counts.total, 2);
  EXPECT_EQ(run.item_counts.succeeded, 2);
  EXPECT_EQ(run.execution_counts.succeeded, 2);
  EXPECT_EQ(run.item_counts.pending, 0);
  ASSERT_TRUE(run.stop_time.has_value());

  ASSERT_EQ(started.step.child_executions.size(), 2u);
  const ChildExecutionUpdate& child = started.step.child_executions[0];
  EXPECT_TRUE(child.started);
  EXPECT_EQ(child.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(child.map_run_arn, run.arn);
  EXPECT_EQ(child.arn, MapRunChildExecutionArn(run.arn, child.name));
  EXPECT_EQ(child.input, R"({"a":1})");
  EXPECT_EQ(child.output, R"({"a":1})");
  EXPECT_THAT(TypeNames(child.events), ElementsAre("ExecutionStarted", "PassStateEntered",
                                                   "PassStateExited", "ExecutionSucceeded"));
  // A child's history is numbered from 1, each event after the one before.
  EXPECT_EQ(child.events[0].id, 1);
  EXPECT_EQ(child.events[3].id, 4);
  EXPECT_EQ(child.events[3].previous_event_id, 3);
}

constexpr std::string_view kDistributedTasks = R"({
  "StartAt": "Each",
  "States": {
    "Each": {"Type": "Map", "MaxConcurrency": 1, "End": true,
      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
        "StartAt": "Work", "States": {"Work": {"Type": "Task",
          "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}}
  }
})";

TEST_F(RedriveMapRunTest, UpdateMapRunRaisesTheConcurrencyOfARunningMapRun) {
  Started started = StartOk(kDistributedTasks, "[1, 2, 3, 4]");
  ASSERT_EQ(EffectsOf<RunTask>(started.step).size(), 1u);
  ASSERT_EQ(started.step.map_runs.size(), 1u);
  const std::string arn = started.step.map_runs[0].arn;
  EXPECT_EQ(started.step.map_runs[0].item_counts.running, 1);
  EXPECT_EQ(started.step.map_runs[0].item_counts.pending, 3);

  StepResult updated = AdvanceOk(
      started.state,
      UpdateMapRun{.map_run_arn = arn, .max_concurrency = 3, .tolerated_failure_count = 2});
  EXPECT_EQ(EffectsOf<RunTask>(updated).size(), 2u);
  ASSERT_EQ(updated.map_runs.size(), 1u);
  EXPECT_EQ(updated.map_runs[0].max_concurrency, 3);
  EXPECT_EQ(updated.map_runs[0].tolerated_failure_count, 2);
  EXPECT_EQ(updated.map_runs[0].item_counts.running, 3);
  EXPECT_STATUS(
      StatusCode::kNotFound,
      test_.interpreter->Advance(started.state, UpdateMapRun{.map_run_arn = "nope"}, T0()));
}

TEST_F(RedriveMapRunTest, RedriveRerunsTheFailedChildExecutionsOfAMapRun) {
  Started started = StartOk(kDistributedTasks, "[1, 2]");
  RunTask first = EffectsOf<RunTask>(started.step).at(0);
  StepResult next = AdvanceOk(started.state, TaskSucceeded{.task_id = first.task_id, .output = 1});
  RunTask second = EffectsOf<RunTask>(next).at(0);
  StepResult failed =
      AdvanceOk(started.state, TaskFailed{.task_id = second.task_id, .error = "Boom"});
  ASSERT_EQ(failed.status, ExecutionStatus::kFailed);
  EXPECT_EQ(failed.error, "States.ExceedToleratedFailureThreshold");
  ASSERT_EQ(failed.map_runs.size(), 1u);
  EXPECT_EQ(failed.map_runs[0].status, MapRunStatus::kFailed);
  EXPECT_EQ(failed.map_runs[0].execution_counts.failed, 1);
  ASSERT_EQ(failed.child_executions.size(), 1u);
  EXPECT_EQ(failed.child_executions[0].status, ExecutionStatus::kFailed);
  EXPECT_EQ(failed.child_executions[0].error, "Boom");
  const std::string child_arn = failed.child_executions[0].arn;

  ExecutionState state = RoundTrip(started.state);
  StepResult redriven = AdvanceOk(state, RedriveExecution{});
  EXPECT_THAT(TypeNames(redriven.events), ElementsAre("ExecutionRedriven", "MapRunRedriven"));
  ASSERT_THAT(TaskInputs(redriven), ElementsAre(Json(2)));
  ASSERT_EQ(redriven.map_runs.size(), 1u);
  EXPECT_EQ(redriven.map_runs[0].status, MapRunStatus::kRunning);
  EXPECT_EQ(redriven.map_runs[0].redrive_count, 1);
  ASSERT_EQ(redriven.child_executions.size(), 1u);
  // The same child execution is redriven, as AWS does for STANDARD children.
  EXPECT_EQ(redriven.child_executions[0].arn, child_arn);
  EXPECT_EQ(redriven.child_executions[0].redrive_count, 1);
  EXPECT_THAT(TypeNames(redriven.child_executions[0].events),
              ElementsAre("ExecutionRedriven", "TaskStateEntered", "TaskScheduled", "TaskStarted"));
  StepResult done = AdvanceOk(
      state, TaskSucceeded{.task_id = EffectsOf<RunTask>(redriven)[0].task_id, .output = 2});
  ASSERT_EQ(done.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(*done.output, "[1,2]");
  ASSERT_EQ(done.map_runs.size(), 1u);
  EXPECT_EQ(done.map_runs[0].status, MapRunStatus::kSucceeded);
  EXPECT_EQ(done.map_runs[0].execution_counts.succeeded, 2);
}

TEST_F(RedriveMapRunTest, StoppingTheParentAbortsTheMapRunAndItsChildren) {
  Started started = StartOk(kDistributedTasks, "[1, 2]");
  StepResult stopped = AdvanceOk(started.state, StopExecution{});
  ASSERT_EQ(stopped.status, ExecutionStatus::kAborted);
  ASSERT_EQ(stopped.map_runs.size(), 1u);
  EXPECT_EQ(stopped.map_runs[0].status, MapRunStatus::kAborted);
  EXPECT_EQ(stopped.map_runs[0].execution_counts.aborted, 1);
  EXPECT_EQ(stopped.map_runs[0].execution_counts.pending, 1);
  ASSERT_EQ(stopped.child_executions.size(), 1u);
  EXPECT_EQ(stopped.child_executions[0].status, ExecutionStatus::kAborted);
  EXPECT_THAT(TypeNames(stopped.child_executions[0].events), ElementsAre("ExecutionAborted"));
}

TEST_F(RedriveMapRunTest, ADistributedIterationSeesItsChildExecutionInTheContextObject) {
  Started started = StartOk(R"({
    "StartAt": "Each",
    "States": {
      "Each": {"Type": "Map", "Label": "Fan", "Next": "After",
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
          "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true, "Parameters": {
            "id.$": "$$.Execution.Id", "name.$": "$$.Execution.Name",
            "input.$": "$$.Execution.Input", "machine.$": "$$.StateMachine.Id",
            "machineName.$": "$$.StateMachine.Name"}}}}},
      "After": {"Type": "Pass", "End": true,
        "Parameters": {"children.$": "$", "id.$": "$$.Execution.Id"}}
    }
  })",
                            R"([{"a": 1}])");
  ASSERT_EQ(started.step.status, ExecutionStatus::kSucceeded);
  ASSERT_EQ(started.step.child_executions.size(), 1u);
  const ChildExecutionUpdate& child = started.step.child_executions[0];
  const Json output = Json::parse(*started.step.output);
  const Json& seen = output["children"][0];
  EXPECT_EQ(seen["id"], child.arn);
  EXPECT_EQ(seen["name"], child.name);
  EXPECT_EQ(seen["input"], Json::parse(R"({"a": 1})"));
  EXPECT_EQ(seen["machine"], "arn:aws:states:us-east-1:123456789012:stateMachine:machine/Fan");
  EXPECT_EQ(seen["machineName"], "machine/Fan");
  // Back in the parent, $$ is the parent's again.
  EXPECT_EQ(output["id"], TestContext().execution_arn);
}

TEST_F(RedriveMapRunTest, UpdateMapRunLowersTheConcurrencyAsRunningChildrenFinish) {
  Started started = StartOk(kDistributedTasks, "[1, 2, 3, 4, 5]");
  const std::string arn = started.step.map_runs.at(0).arn;
  StepResult raised =
      AdvanceOk(started.state, UpdateMapRun{.map_run_arn = arn, .max_concurrency = 3});
  std::vector<RunTask> running = EffectsOf<RunTask>(started.step);
  for (const RunTask& task : EffectsOf<RunTask>(raised)) {
    running.push_back(task);
  }
  ASSERT_EQ(running.size(), 3u);
  AdvanceOk(started.state, UpdateMapRun{.map_run_arn = arn, .max_concurrency = 1});
  // Two of the three finish: nothing new starts while one still runs.
  EXPECT_TRUE(
      EffectsOf<RunTask>(
          AdvanceOk(started.state, TaskSucceeded{.task_id = running[0].task_id, .output = 0}))
          .empty());
  EXPECT_TRUE(
      EffectsOf<RunTask>(
          AdvanceOk(started.state, TaskSucceeded{.task_id = running[1].task_id, .output = 0}))
          .empty());
  // The last one finishing lets exactly one more start.
  StepResult next =
      AdvanceOk(started.state, TaskSucceeded{.task_id = running[2].task_id, .output = 0});
  EXPECT_EQ(EffectsOf<RunTask>(next).size(), 1u);
  EXPECT_EQ(next.map_runs.at(0).item_counts.running, 1);
}

}  // namespace
}  // namespace stratus::states::interpreter
