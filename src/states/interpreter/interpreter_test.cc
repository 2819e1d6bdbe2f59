#include "states/interpreter/interpreter.h"

#include <chrono>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "states/asl/state_machine.h"
#include "states/interpreter/test_interpreter.h"
#include "testing/status_matchers.h"

namespace stratus::states::interpreter {
namespace {

using namespace std::chrono_literals;
using testing::EffectsOf;
using ::testing::ElementsAre;
using testing::T0;
using testing::TestContext;
using testing::TestInterpreter;
using testing::TypeNames;

using InterpreterTest = testing::InterpreterFixture;

constexpr std::string_view kFivePasses = R"({
  "StartAt": "A",
  "States": {
    "A": {"Type": "Pass", "Result": {"n": 1}, "ResultPath": "$.a", "Next": "B"},
    "B": {"Type": "Pass", "Next": "C"},
    "C": {"Type": "Pass", "Parameters": {"n.$": "$.a.n"}, "Next": "D"},
    "D": {"Type": "Pass", "Next": "E"},
    "E": {"Type": "Pass", "End": true}
  }
})";

TEST_F(InterpreterTest, PassOnlyExecutionFinishesInsideStartWithoutEffects) {
  Started started = StartOk(kFivePasses, R"({"x": true})");
  EXPECT_TRUE(started.step.effects.empty());
  EXPECT_EQ(started.step.status, ExecutionStatus::kSucceeded);
  ASSERT_TRUE(started.step.output.has_value());
  EXPECT_EQ(*started.step.output, R"({"n":1})");
  EXPECT_EQ(started.step.events.size(), 12u);
  EXPECT_EQ(started.state.status(), ExecutionStatus::kSucceeded);
  EXPECT_EQ(started.state.next_event_id(), 13);
}

TEST_F(InterpreterTest, HistoryEventsHaveAwsIdsAndDetails) {
  Started started = StartOk(kFivePasses, R"({"x": true})");
  const auto& events = started.step.events;
  ASSERT_GE(events.size(), 4u);
  EXPECT_EQ(events[0].type, HistoryEventType::kExecutionStarted);
  EXPECT_EQ(events[0].details["input"], R"({"x": true})");  // Verbatim.
  EXPECT_EQ(events[0].previous_event_id, 0);
  // AWS: the first state's StateEntered points at 0, not at ExecutionStarted.
  EXPECT_EQ(events[1].type, HistoryEventType::kPassStateEntered);
  EXPECT_EQ(events[1].previous_event_id, 0);
  EXPECT_EQ(events[1].details["name"], "A");
  EXPECT_EQ(events[1].details["input"], R"({"x":true})");
  EXPECT_EQ(events[1].details["inputDetails"]["truncated"], false);
  EXPECT_EQ(events[2].type, HistoryEventType::kPassStateExited);
  EXPECT_EQ(events[2].previous_event_id, 2);
  EXPECT_EQ(events[2].details["output"], R"({"a":{"n":1},"x":true})");
  for (size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i].id, static_cast<int64_t>(i + 1));
    EXPECT_EQ(events[i].timestamp, T0());
  }
  EXPECT_EQ(events.back().type, HistoryEventType::kExecutionSucceeded);
  EXPECT_EQ(events.back().previous_event_id, events[events.size() - 2].id);
}

TEST_F(InterpreterTest, InputThatIsNotJsonIsInvalidArgument) {
  auto machine = test_.Parse(kFivePasses);
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                test_.interpreter->Start(machine, "{nope", TestContext(), T0()));
}

TEST_F(InterpreterTest, ChoiceFollowsTheFirstMatchingRuleElseDefault) {
  constexpr std::string_view kDefinition = R"({
    "StartAt": "Check",
    "States": {
      "Check": {"Type": "Choice",
                "Choices": [{"Variable": "$.n", "NumericGreaterThan": 10, "Next": "Big"}],
                "Default": "Small"},
      "Big": {"Type": "Pass", "Result": "big", "End": true},
      "Small": {"Type": "Pass", "Result": "small", "End": true}
    }
  })";
  EXPECT_EQ(*StartOk(kDefinition, R"({"n": 11})").step.output, R"("big")");
  EXPECT_EQ(*StartOk(kDefinition, R"({"n": 1})").step.output, R"("small")");
}

TEST_F(InterpreterTest, ChoiceWithoutMatchOrDefaultFailsWithNoChoiceMatched) {
  Started started = StartOk(R"({
    "StartAt": "Check",
    "States": {
      "Check": {"Type": "Choice",
                "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "Done"}]},
      "Done": {"Type": "Succeed"}
    }
  })",
                            R"({"n": 2})");
  EXPECT_EQ(started.step.status, ExecutionStatus::kFailed);
  EXPECT_EQ(started.step.error, "States.NoChoiceMatched");
}

TEST_F(InterpreterTest, WaitArmsATimerAtTheNominalDueTimeAndExitsWhenItFires) {
  Started started = StartOk(R"({
    "StartAt": "W",
    "States": {"W": {"Type": "Wait", "Seconds": 3600, "Next": "Done"},
               "Done": {"Type": "Succeed"}}
  })");
  auto timers = EffectsOf<StartTimer>(started.step);
  ASSERT_EQ(timers.size(), 1u);
  EXPECT_EQ(timers[0].due, T0() + 3600s);
  EXPECT_EQ(started.state.status(), ExecutionStatus::kRunning);
  EXPECT_THAT(TypeNames(started.step.events), ElementsAre("ExecutionStarted", "WaitStateEntered"));

  StepResult fired =
      AdvanceOk(started.state, TimerFired{.timer_id = timers[0].timer_id}, timers[0].due);
  EXPECT_THAT(TypeNames(fired.events), ElementsAre("WaitStateExited", "SucceedStateEntered",
                                                   "SucceedStateExited", "ExecutionSucceeded"));
  EXPECT_EQ(fired.events[0].timestamp, T0() + 3600s);
  EXPECT_EQ(fired.status, ExecutionStatus::kSucceeded);
}

TEST_F(InterpreterTest, WaitUntilAPastTimestampDoesNotBlock) {
  Started started = StartOk(R"({
    "StartAt": "W",
    "States": {"W": {"Type": "Wait", "Timestamp": "2016-03-14T01:59:00Z", "End": true}}
  })");
  EXPECT_TRUE(started.step.effects.empty());
  EXPECT_EQ(started.step.status, ExecutionStatus::kSucceeded);
}

TEST_F(InterpreterTest, StaleTimerIsIgnored) {
  Started started = StartOk(R"({
    "StartAt": "W",
    "States": {"W": {"Type": "Wait", "Seconds": 5, "End": true}}
  })");
  StepResult step = AdvanceOk(started.state, TimerFired{.timer_id = 999}, T0() + 5s);
  EXPECT_TRUE(step.events.empty());
  EXPECT_EQ(step.status, ExecutionStatus::kRunning);
}

constexpr std::string_view kTask = R"({
  "StartAt": "Call",
  "States": {
    "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
             "Parameters": {"FunctionName": "f", "Payload.$": "$"},
             "ResultSelector": {"value.$": "$.Payload"},
             "ResultPath": "$.result",
             "End": true}
  }
})";

TEST_F(InterpreterTest, TaskBecomesRunTaskAndItsResultGoesThroughResultPath) {
  Started started = StartOk(kTask, R"({"k": 1})");
  auto runs = EffectsOf<RunTask>(started.step);
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].resource, "arn:aws:states:::lambda:invoke");
  EXPECT_EQ(runs[0].state_name, "Call");
  EXPECT_EQ(runs[0].pattern, IntegrationPattern::kRequestResponse);
  EXPECT_EQ(runs[0].parameters, Json::parse(R"({"FunctionName": "f", "Payload": {"k": 1}})"));
  EXPECT_THAT(TypeNames(started.step.events),
              ElementsAre("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted"));
  const HistoryEvent& scheduled = started.step.events[2];
  EXPECT_EQ(scheduled.details["resourceType"], "lambda");
  EXPECT_EQ(scheduled.details["resource"], "invoke");
  EXPECT_EQ(scheduled.details["region"], "us-east-1");
  EXPECT_EQ(scheduled.details["parameters"], R"({"FunctionName":"f","Payload":{"k":1}})");

  StepResult done = AdvanceOk(
      started.state,
      TaskSucceeded{.task_id = runs[0].task_id, .output = Json::parse(R"({"Payload": 42})")},
      T0() + 1s);
  EXPECT_THAT(TypeNames(done.events),
              ElementsAre("TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"));
  EXPECT_EQ(*done.output, R"({"k":1,"result":{"value":42}})");
}

TEST_F(InterpreterTest, LambdaFunctionArnUsesLambdaFunctionEvents) {
  Started started = StartOk(R"({
    "StartAt": "Call",
    "States": {"Call": {"Type": "Task",
                        "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
                        "End": true}}
  })");
  EXPECT_THAT(TypeNames(started.step.events),
              ElementsAre("ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled",
                          "LambdaFunctionStarted"));
  auto runs = EffectsOf<RunTask>(started.step);
  ASSERT_EQ(runs.size(), 1u);
  StepResult failed = AdvanceOk(
      started.state, TaskFailed{.task_id = runs[0].task_id, .error = "Boom", .cause = "bad"}, T0());
  EXPECT_THAT(TypeNames(failed.events), ElementsAre("LambdaFunctionFailed", "ExecutionFailed"));
  EXPECT_EQ(failed.error, "Boom");
  EXPECT_EQ(failed.cause, "bad");
}

TEST_F(InterpreterTest, UnknownTaskIsNotFoundAndFinishedExecutionRefusesEvents) {
  Started started = StartOk(kTask);
  EXPECT_STATUS(StatusCode::kNotFound,
                test_.interpreter->Advance(started.state, TaskSucceeded{.task_id = 77}, T0()));
  Started finished = StartOk(kFivePasses);
  EXPECT_STATUS(StatusCode::kFailedPrecondition,
                test_.interpreter->Advance(finished.state, TimerFired{.timer_id = 1}, T0()));
}

TEST_F(InterpreterTest, RetryWaitsIntervalTimesBackoffRateBetweenAttempts) {
  Started started = StartOk(R"({
    "StartAt": "Call",
    "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                        "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 2,
                                   "BackoffRate": 3, "MaxAttempts": 2}],
                        "End": true}}
  })");
  Clock::TimePoint now = T0();
  int64_t task = EffectsOf<RunTask>(started.step).at(0).task_id;
  std::vector<std::chrono::seconds> delays;
  for (int attempt = 0; attempt < 2; ++attempt) {
    StepResult failed =
        AdvanceOk(started.state, TaskFailed{.task_id = task, .error = "Flaky"}, now);
    auto timers = EffectsOf<StartTimer>(failed);
    ASSERT_EQ(timers.size(), 1u);
    delays.push_back(std::chrono::duration_cast<std::chrono::seconds>(timers[0].due - now));
    now = timers[0].due;
    StepResult retried = AdvanceOk(started.state, TimerFired{.timer_id = timers[0].timer_id}, now);
    auto runs = EffectsOf<RunTask>(retried);
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].attempt, attempt + 1);
    EXPECT_THAT(TypeNames(retried.events), ElementsAre("TaskScheduled", "TaskStarted"));
    task = runs[0].task_id;
  }
  EXPECT_THAT(delays, ElementsAre(2s, 6s));
  StepResult exhausted = AdvanceOk(
      started.state, TaskFailed{.task_id = task, .error = "Flaky", .cause = "again"}, now);
  EXPECT_EQ(exhausted.status, ExecutionStatus::kFailed);
  EXPECT_EQ(exhausted.error, "Flaky");
}

TEST_F(InterpreterTest, MaxDelaySecondsCapsTheRetryInterval) {
  Started started = StartOk(R"({
    "StartAt": "Call",
    "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                        "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 10,
                                   "BackoffRate": 10, "MaxAttempts": 5,
                                   "MaxDelaySeconds": 30}],
                        "End": true}}
  })");
  Clock::TimePoint now = T0();
  int64_t task = EffectsOf<RunTask>(started.step).at(0).task_id;
  std::vector<std::chrono::seconds> delays;
  for (int attempt = 0; attempt < 3; ++attempt) {
    StepResult failed = AdvanceOk(started.state, TaskFailed{.task_id = task, .error = "E"}, now);
    auto timer = EffectsOf<StartTimer>(failed).at(0);
    delays.push_back(std::chrono::duration_cast<std::chrono::seconds>(timer.due - now));
    now = timer.due;
    task = EffectsOf<RunTask>(AdvanceOk(started.state, TimerFired{.timer_id = timer.timer_id}, now))
               .at(0)
               .task_id;
  }
  EXPECT_THAT(delays, ElementsAre(10s, 30s, 30s));
}

TEST_F(InterpreterTest, FullJitterDrawsRetryDelaysBelowTheInterval) {
  Started started = StartOk(R"({
    "StartAt": "Call",
    "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                        "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 8,
                                   "MaxAttempts": 1, "JitterStrategy": "FULL"}],
                        "End": true}}
  })");
  const int64_t task = EffectsOf<RunTask>(started.step).at(0).task_id;
  StepResult failed = AdvanceOk(started.state, TaskFailed{.task_id = task, .error = "E"}, T0());
  auto timers = EffectsOf<StartTimer>(failed);
  auto runs = EffectsOf<RunTask>(failed);
  // A zero delay retries at once; otherwise a timer below 8 s is armed.
  ASSERT_EQ(timers.size() + runs.size(), 1u);
  if (!timers.empty()) {
    EXPECT_LT(timers[0].due - T0(), 8s);
  }
}

TEST_F(InterpreterTest, CatchSendsTheErrorOutputThroughResultPathToTheHandler) {
  Started started = StartOk(R"({
    "StartAt": "Call",
    "States": {
      "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
               "Catch": [{"ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.error",
                          "Next": "Handle"}],
               "End": true},
      "Handle": {"Type": "Pass", "End": true}
    }
  })",
                            R"({"keep": 1})");
  const int64_t task = EffectsOf<RunTask>(started.step).at(0).task_id;
  StepResult caught =
      AdvanceOk(started.state, TaskFailed{.task_id = task, .error = "Oops", .cause = "why"}, T0());
  EXPECT_THAT(TypeNames(caught.events),
              ElementsAre("TaskFailed", "TaskStateExited", "PassStateEntered", "PassStateExited",
                          "ExecutionSucceeded"));
  EXPECT_EQ(Json::parse(*caught.output),
            Json::parse(R"({"keep": 1, "error": {"Error": "Oops", "Cause": "why"}})"));
}

TEST_F(InterpreterTest, StatesAllDoesNotCatchStatesRuntime) {
  Started started = StartOk(R"({
    "StartAt": "Call",
    "States": {
      "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
               "Parameters": {"x.$": "$.missing"},
               "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handle"}],
               "End": true},
      "Handle": {"Type": "Pass", "End": true}
    }
  })");
  EXPECT_EQ(started.step.status, ExecutionStatus::kFailed);
  EXPECT_EQ(started.step.error, "States.Runtime");
}

TEST_F(InterpreterTest, TaskTimeoutFailsWithStatesTimeoutAndCancelsTheTask) {
  Started started = StartOk(R"({
    "StartAt": "Call",
    "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                        "TimeoutSeconds": 5, "End": true}}
  })");
  auto timers = EffectsOf<StartTimer>(started.step);
  ASSERT_EQ(timers.size(), 1u);
  EXPECT_EQ(timers[0].due, T0() + 5s);
  const int64_t task = EffectsOf<RunTask>(started.step).at(0).task_id;
  StepResult timed_out =
      AdvanceOk(started.state, TimerFired{.timer_id = timers[0].timer_id}, T0() + 5s);
  EXPECT_THAT(TypeNames(timed_out.events), ElementsAre("TaskTimedOut", "ExecutionFailed"));
  EXPECT_EQ(timed_out.events[0].details["error"], "States.Timeout");
  ASSERT_EQ(EffectsOf<CancelTask>(timed_out).size(), 1u);
  EXPECT_EQ(EffectsOf<CancelTask>(timed_out)[0].task_id, task);
  EXPECT_EQ(timed_out.error, "States.Timeout");
  // The result arriving late is refused.
  EXPECT_STATUS(StatusCode::kFailedPrecondition,
                test_.interpreter->Advance(started.state, TaskSucceeded{.task_id = task}, T0()));
}

TEST_F(InterpreterTest, HeartbeatRestartsTheHeartbeatTimer) {
  Started started = StartOk(R"({
    "StartAt": "Call",
    "States": {"Call": {"Type": "Task",
                        "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                        "Parameters": {"token.$": "$$.Task.Token"},
                        "TimeoutSeconds": 100, "HeartbeatSeconds": 10, "End": true}}
  })");
  auto run = EffectsOf<RunTask>(started.step).at(0);
  EXPECT_EQ(run.pattern, IntegrationPattern::kWaitForTaskToken);
  EXPECT_FALSE(run.task_token.empty());
  EXPECT_EQ(run.parameters["token"], run.task_token);
  EXPECT_EQ(EffectsOf<StartTimer>(started.step).size(), 2u);

  StepResult beat = AdvanceOk(started.state, TaskHeartbeat{.task_id = run.task_id}, T0() + 8s);
  ASSERT_EQ(EffectsOf<CancelTimer>(beat).size(), 1u);
  auto rearmed = EffectsOf<StartTimer>(beat);
  ASSERT_EQ(rearmed.size(), 1u);
  EXPECT_EQ(rearmed[0].due, T0() + 18s);
  StepResult timed_out =
      AdvanceOk(started.state, TimerFired{.timer_id = rearmed[0].timer_id}, T0() + 18s);
  EXPECT_EQ(timed_out.error, "States.HeartbeatTimeout");
}

constexpr std::string_view kParallelTasks = R"({
  "StartAt": "Both",
  "States": {
    "Both": {"Type": "Parallel", "End": true, "Branches": [
      {"StartAt": "L", "States": {"L": {"Type": "Task",
                                        "Resource": "arn:aws:states:::lambda:invoke",
                                        "End": true}}},
      {"StartAt": "R", "States": {"R": {"Type": "Task",
                                        "Resource": "arn:aws:states:::lambda:invoke",
                                        "End": true}}}
    ]}
  }
})";

TEST_F(InterpreterTest, ParallelRunsBranchesTogetherAndKeepsBranchOrder) {
  Started started = StartOk(kParallelTasks);
  auto runs = EffectsOf<RunTask>(started.step);
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].state_name, "L");
  EXPECT_EQ(runs[1].state_name, "R");
  AdvanceOk(started.state, TaskSucceeded{.task_id = runs[1].task_id, .output = "right"}, T0());
  StepResult done =
      AdvanceOk(started.state, TaskSucceeded{.task_id = runs[0].task_id, .output = "left"}, T0());
  EXPECT_EQ(done.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(*done.output, R"(["left","right"])");
}

TEST_F(InterpreterTest, ParallelBranchFailureAbortsTheOtherBranches) {
  Started started = StartOk(kParallelTasks);
  auto runs = EffectsOf<RunTask>(started.step);
  StepResult failed = AdvanceOk(
      started.state, TaskFailed{.task_id = runs[0].task_id, .error = "Bad", .cause = "c"}, T0());
  EXPECT_THAT(TypeNames(failed.events), ElementsAre("TaskFailed", "TaskStateAborted",
                                                    "ParallelStateFailed", "ExecutionFailed"));
  auto cancelled = EffectsOf<CancelTask>(failed);
  ASSERT_EQ(cancelled.size(), 1u);
  EXPECT_EQ(cancelled[0].task_id, runs[1].task_id);
  EXPECT_EQ(failed.error, "Bad");
}

TEST_F(InterpreterTest, MapMaxConcurrencyBoundsTheIterationsInFlight) {
  Started started = StartOk(R"({
    "StartAt": "Each",
    "States": {"Each": {"Type": "Map", "MaxConcurrency": 2, "End": true,
      "ItemProcessor": {"StartAt": "Work", "States": {
        "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}}}
  })",
                            "[10, 20, 30, 40, 50]");
  std::vector<RunTask> in_flight = EffectsOf<RunTask>(started.step);
  ASSERT_EQ(in_flight.size(), 2u);
  EXPECT_EQ(in_flight[0].parameters, 10);
  EXPECT_EQ(in_flight[1].parameters, 20);
  StepResult last;
  // Finish the newest task each time: results keep item order anyway.
  while (!in_flight.empty()) {
    RunTask run = in_flight.back();
    in_flight.pop_back();
    last = AdvanceOk(started.state,
                     TaskSucceeded{.task_id = run.task_id, .output = run.parameters.get<int>() + 1},
                     T0());
    auto more = EffectsOf<RunTask>(last);
    EXPECT_LE(more.size(), 1u);
    in_flight.insert(in_flight.end(), more.begin(), more.end());
    EXPECT_LE(in_flight.size(), 2u);
  }
  EXPECT_EQ(last.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(*last.output, "[11,21,31,41,51]");
}

TEST_F(InterpreterTest, MapItemSelectorSeesTheItemIndexAndValue) {
  Started started = StartOk(R"({
    "StartAt": "Each",
    "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "End": true,
      "ItemSelector": {"i.$": "$$.Map.Item.Index", "v.$": "$$.Map.Item.Value", "c.$": "$.c"},
      "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}
  })",
                            R"({"items": ["a", "b"], "c": 1})");
  EXPECT_EQ(Json::parse(*started.step.output),
            Json::parse(R"([{"i": 0, "v": "a", "c": 1}, {"i": 1, "v": "b", "c": 1}])"));
}

TEST_F(InterpreterTest, ItemBatcherGroupsItemsIntoBatches) {
  Started started = StartOk(R"({
    "StartAt": "Each",
    "States": {"Each": {"Type": "Map", "End": true,
      "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"tag.$": "$.tag"}},
      "ItemsPath": "$.items",
      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                        "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}
  })",
                            R"({"items": [1, 2, 3, 4, 5], "tag": "t"})");
  ASSERT_EQ(started.step.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(Json::parse(*started.step.output), Json::parse(R"([
    {"BatchInput": {"tag": "t"}, "Items": [1, 2]},
    {"BatchInput": {"tag": "t"}, "Items": [3, 4]},
    {"BatchInput": {"tag": "t"}, "Items": [5]}])"));
  // MapStateStarted reports the number of items, not of batches.
  EXPECT_EQ(started.step.events[2].details["length"], 5);
}

constexpr std::string_view kDistributedWithFailures = R"({
  "StartAt": "Each",
  "States": {"Each": {"Type": "Map", "ToleratedFailureCount": 1, "End": true,
    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
      "StartAt": "Check", "States": {
        "Check": {"Type": "Choice", "Choices": [{"Variable": "$", "BooleanEquals": true,
                                                "Next": "Ok"}], "Default": "Bad"},
        "Ok": {"Type": "Succeed"},
        "Bad": {"Type": "Fail", "Error": "ItemFailed"}}}}}
})";

TEST_F(InterpreterTest, DistributedMapToleratesFailuresUpToTheCount) {
  Started one_failure = StartOk(kDistributedWithFailures, "[true, false, true]");
  EXPECT_EQ(one_failure.step.status, ExecutionStatus::kSucceeded);
  EXPECT_THAT(
      TypeNames(one_failure.step.events),
      ElementsAre("ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted",
                  "MapRunSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded"));

  Started two_failures = StartOk(kDistributedWithFailures, "[false, false, true]");
  EXPECT_EQ(two_failures.step.status, ExecutionStatus::kFailed);
  EXPECT_EQ(two_failures.step.error, "States.ExceedToleratedFailureThreshold");
}

TEST_F(InterpreterTest, ItemReaderFailureFailsTheMapRun) {
  // AWS (recorded, a failing ItemReader): MapStateStarted, MapRunStarted,
  // MapRunFailed, MapStateFailed, ExecutionFailed with States.ItemReaderFailed.
  Started started = StartOk(R"({
    "StartAt": "Each",
    "States": {"Each": {"Type": "Map", "End": true,
      "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                     "ReaderConfig": {"InputType": "JSON"},
                     "Parameters": {"Bucket": "b", "Key": "k.json"}},
      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                        "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}
  })");
  std::vector<RunTask> reads = EffectsOf<RunTask>(started.step);
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_EQ(reads[0].kind, TaskKind::kItemReader);
  StepResult failed = AdvanceOk(started.state,
                                TaskFailed{.task_id = reads[0].task_id,
                                           .error = "States.ItemReaderFailed",
                                           .cause = "The specified bucket does not exist"},
                                T0() + 1s);
  std::vector<std::string> types = TypeNames(started.step.events);
  for (const std::string& type : TypeNames(failed.events)) {
    types.push_back(type);
  }
  EXPECT_THAT(types,
              ElementsAre("ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted",
                          "MapRunFailed", "MapStateFailed", "ExecutionFailed"));
  EXPECT_EQ(failed.error, "States.ItemReaderFailed");
  EXPECT_EQ(failed.cause, "The specified bucket does not exist");
  EXPECT_EQ(failed.events[0].details["error"], "States.ItemReaderFailed");
  EXPECT_EQ(started.step.events[2].details["length"], 0);
}

TEST_F(InterpreterTest, ResultWriterFailureCanBeCaught) {
  Started started = StartOk(R"({
    "StartAt": "Each",
    "States": {
      "Each": {"Type": "Map", "Next": "Done",
        "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                         "Parameters": {"Bucket": "b", "Prefix": "out"}},
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                          "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
        "Catch": [{"ErrorEquals": ["States.ResultWriterFailed"], "Next": "Done"}]},
      "Done": {"Type": "Succeed"}}
  })",
                            "[1, 2]");
  std::vector<RunTask> writes = EffectsOf<RunTask>(started.step);
  ASSERT_EQ(writes.size(), 1u);
  EXPECT_EQ(writes[0].kind, TaskKind::kResultWriter);
  StepResult caught = AdvanceOk(
      started.state,
      TaskFailed{
          .task_id = writes[0].task_id, .error = "States.ResultWriterFailed", .cause = "no bucket"},
      T0() + 1s);
  EXPECT_EQ(caught.status, ExecutionStatus::kSucceeded);
  EXPECT_THAT(TypeNames(started.step.events), ElementsAre("ExecutionStarted", "MapStateEntered",
                                                          "MapStateStarted", "MapRunStarted"));
  EXPECT_THAT(TypeNames(caught.events),
              ElementsAre("MapRunFailed", "MapStateFailed", "MapStateExited", "SucceedStateEntered",
                          "SucceedStateExited", "ExecutionSucceeded"));
}

TEST_F(InterpreterTest, InlineMapFailsOnTheFirstFailedIteration) {
  Started started = StartOk(R"({
    "StartAt": "Each",
    "States": {"Each": {"Type": "Map", "End": true,
      "ItemProcessor": {"StartAt": "Bad", "States": {"Bad": {"Type": "Fail", "Error": "E"}}}}}
  })",
                            "[1]");
  EXPECT_THAT(
      TypeNames(started.step.events),
      ElementsAre("ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapIterationStarted",
                  "FailStateEntered", "MapIterationFailed", "MapStateFailed", "ExecutionFailed"));
  EXPECT_EQ(started.step.error, "E");
}

TEST_F(InterpreterTest, ExecutionTimeoutSecondsTimesTheExecutionOut) {
  Started started = StartOk(R"({
    "TimeoutSeconds": 5,
    "StartAt": "W",
    "States": {"W": {"Type": "Wait", "Seconds": 60, "End": true}}
  })");
  auto timers = EffectsOf<StartTimer>(started.step);
  ASSERT_EQ(timers.size(), 2u);
  EXPECT_EQ(timers[0].due, T0() + 5s);
  StepResult out = AdvanceOk(started.state, TimerFired{.timer_id = timers[0].timer_id}, T0() + 5s);
  EXPECT_EQ(out.status, ExecutionStatus::kTimedOut);
  EXPECT_THAT(TypeNames(out.events), ElementsAre("ExecutionTimedOut"));
  ASSERT_EQ(EffectsOf<CancelTimer>(out).size(), 1u);
  EXPECT_EQ(EffectsOf<CancelTimer>(out)[0].timer_id, timers[1].timer_id);
}

TEST_F(InterpreterTest, StopExecutionAbortsAndCancelsWhatIsPending) {
  Started started = StartOk(kTask);
  StepResult stopped =
      AdvanceOk(started.state, StopExecution{.error = "Halt", .cause = "by user"}, T0() + 1s);
  EXPECT_EQ(stopped.status, ExecutionStatus::kAborted);
  EXPECT_THAT(TypeNames(stopped.events), ElementsAre("ExecutionAborted"));
  EXPECT_EQ(stopped.events[0].previous_event_id, 0);
  EXPECT_EQ(EffectsOf<CancelTask>(stopped).size(), 1u);
  EXPECT_TRUE(started.state.PendingEffects().empty());
}

TEST_F(InterpreterTest, RedriveRunsTheFailedStateAgain) {
  Started started = StartOk(kTask, R"({"k": 1})");
  int64_t task = EffectsOf<RunTask>(started.step).at(0).task_id;
  StepResult failed = AdvanceOk(started.state, TaskFailed{.task_id = task, .error = "E"}, T0());
  EXPECT_EQ(failed.status, ExecutionStatus::kFailed);
  StepResult redriven = AdvanceOk(started.state, RedriveExecution{}, T0() + 1h);
  EXPECT_THAT(TypeNames(redriven.events),
              ElementsAre("ExecutionRedriven", "TaskStateEntered", "TaskScheduled", "TaskStarted"));
  EXPECT_EQ(started.state.redrive_count(), 1);
  task = EffectsOf<RunTask>(redriven).at(0).task_id;
  StepResult done = AdvanceOk(
      started.state, TaskSucceeded{.task_id = task, .output = Json::parse(R"({"Payload": 2})")},
      T0() + 1h);
  EXPECT_EQ(done.status, ExecutionStatus::kSucceeded);
  EXPECT_STATUS(StatusCode::kFailedPrecondition,
                test_.interpreter->Advance(started.state, RedriveExecution{}, T0()));
}

TEST_F(InterpreterTest, AssignedVariablesAreVisibleLaterAndInsideMapIterations) {
  Started started = StartOk(R"({
    "StartAt": "Set",
    "States": {
      "Set": {"Type": "Pass", "Assign": {"factor": 3, "label.$": "$.name"}, "Next": "Each"},
      "Each": {"Type": "Map", "ItemsPath": "$.items", "End": true,
        "ItemSelector": {"v.$": "$$.Map.Item.Value", "f.$": "$factor"},
        "ItemProcessor": {"StartAt": "P", "States": {
          "P": {"Type": "Pass", "Parameters": {"v.$": "$.v", "l.$": "$label"}, "End": true}}}}
    }
  })",
                            R"({"name": "n", "items": [1, 2]})");
  ASSERT_EQ(started.step.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(Json::parse(*started.step.output),
            Json::parse(R"([{"v": 1, "l": "n"}, {"v": 2, "l": "n"}])"));
  const HistoryEvent& exited = started.step.events[2];
  EXPECT_EQ(exited.details["assignedVariables"]["factor"], "3");
  EXPECT_EQ(exited.details["assignedVariables"]["label"], R"("n")");
}

TEST_F(InterpreterTest, DistributedMapChildrenDoNotSeeOuterVariables) {
  // AWS: Distributed Map child workflows cannot reference outer-scope
  // variables; ItemSelector (evaluated in the parent scope) can pass them in.
  constexpr std::string_view kDefinition = R"({
    "StartAt": "Set",
    "States": {
      "Set": {"Type": "Pass", "Assign": {"factor": 3}, "Next": "Each"},
      "Each": {"Type": "Map", "End": true, ITEM_SELECTOR
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
          "StartAt": "P", "States": {
          "P": {"Type": "Pass", "Parameters": {"f.$": "FACTOR"}, "End": true}}}}
    }
  })";
  auto definition = [&](std::string_view selector, std::string_view factor) {
    std::string text(kDefinition);
    text.replace(text.find("ITEM_SELECTOR"), 13, selector);
    text.replace(text.find("FACTOR"), 6, factor);
    return text;
  };
  Started outer = StartOk(definition("", "$factor"), "[1]");
  EXPECT_EQ(outer.step.status, ExecutionStatus::kFailed);
  Started passed_in = StartOk(definition(R"("ItemSelector": {"f.$": "$factor"},)", "$.f"), "[1]");
  ASSERT_EQ(passed_in.step.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(Json::parse(*passed_in.step.output), Json::parse(R"([{"f": 3}])"));
}

TEST_F(InterpreterTest, VariableNamesMayUseUnicodeLetters) {
  Started started = StartOk(R"({
    "StartAt": "Set",
    "States": {
      "Set": {"Type": "Pass", "Assign": {"café": 3}, "Next": "Use"},
      "Use": {"Type": "Pass", "Parameters": {"v.$": "$café"}, "End": true}
    }
  })");
  ASSERT_EQ(started.step.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(Json::parse(*started.step.output), Json::parse(R"({"v": 3})"));

  Started jsonata = StartOk(R"({
    "QueryLanguage": "JSONata",
    "StartAt": "Set",
    "States": {
      "Set": {"Type": "Pass", "Assign": {"变量": 4}, "Next": "Use"},
      "Use": {"Type": "Pass", "Output": {"v": "{% $变量 * 2 %}"}, "End": true}
    }
  })");
  ASSERT_EQ(jsonata.step.status, ExecutionStatus::kSucceeded) << jsonata.step.cause.value_or("");
  EXPECT_EQ(Json::parse(*jsonata.step.output), Json::parse(R"({"v": 8})"));
}

TEST_F(InterpreterTest, JsonataTaskUsesArgumentsAndOutputOverStatesResult) {
  Started started = StartOk(R"({
    "QueryLanguage": "JSONata",
    "StartAt": "Call",
    "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                        "Arguments": {"n": "{% $states.input.n * 2 %}"},
                        "Output": {"got": "{% $states.result.v %}", "was": "{% $states.input.n %}"},
                        "End": true}}
  })",
                            R"({"n": 4})");
  auto run = EffectsOf<RunTask>(started.step).at(0);
  EXPECT_EQ(run.parameters, Json::parse(R"({"n": 8})"));
  StepResult done =
      AdvanceOk(started.state,
                TaskSucceeded{.task_id = run.task_id, .output = Json::parse(R"({"v": 9})")}, T0());
  EXPECT_EQ(Json::parse(*done.output), Json::parse(R"({"got": 9, "was": 4})"));
}

TEST_F(InterpreterTest, JsonataErrorLogsEvaluationFailed) {
  Started started = StartOk(R"({
    "QueryLanguage": "JSONata",
    "StartAt": "P",
    "States": {"P": {"Type": "Pass", "Output": "{% $nothing %}", "End": true}}
  })");
  EXPECT_THAT(TypeNames(started.step.events), ElementsAre("ExecutionStarted", "PassStateEntered",
                                                          "EvaluationFailed", "ExecutionFailed"));
  EXPECT_EQ(started.step.events[2].previous_event_id, 0);
  EXPECT_EQ(started.step.error, "States.QueryEvaluationError");
}

TEST_F(InterpreterTest, OversizedTaskResultIsDataLimitExceeded) {
  TestInterpreter small(7, InterpreterOptions{.max_payload_bytes = 64});
  auto machine = small.Parse(kTask);
  ASSERT_OK_AND_ASSIGN(Started started,
                       small.interpreter->Start(machine, "{}", TestContext(), T0()));
  const int64_t task = EffectsOf<RunTask>(started.step).at(0).task_id;
  ASSERT_OK_AND_ASSIGN(
      StepResult step,
      small.interpreter->Advance(
          started.state, TaskSucceeded{.task_id = task, .output = std::string(100, 'x')}, T0()));
  EXPECT_EQ(step.error, "States.DataLimitExceeded");
}

TEST_F(InterpreterTest, PassOutputOverTheLimitOnlyWhenEscapedFailsWithoutHistoryToo) {
  // 40 quotes are 40 bytes raw but 82 dumped ("\"" each, plus the quotes).
  TestInterpreter small(7, InterpreterOptions{.max_payload_bytes = 64});
  auto machine = small.Parse(R"({
    "StartAt": "P",
    "States": {"P": {"Type": "Pass", "InputPath": "$.s", "End": true}}
  })");
  const std::string input = Json{{"s", std::string(40, '"')}}.dump();
  for (const bool record : {true, false}) {
    ExecutionContext context = TestContext();
    context.record_history = record;
    ASSERT_OK_AND_ASSIGN(Started started, small.interpreter->Start(machine, input, context, T0()));
    EXPECT_EQ(started.step.error, "States.DataLimitExceeded") << "record_history=" << record;
  }
  ExecutionContext context = TestContext();
  context.record_history = false;
  ASSERT_OK_AND_ASSIGN(Started fits,
                       small.interpreter->Start(machine, R"({"s": "short"})", context, T0()));
  EXPECT_EQ(fits.step.status, ExecutionStatus::kSucceeded);
}

TEST_F(InterpreterTest, PassAndChoiceKeepEveryReaderOfTheInputWhole) {
  // Each Pass needs its input for a different mix of ResultPath, InputPath,
  // Parameters, a Result and Assign; the engine copies it only when two need it.
  auto machine = test_.Parse(R"json({
    "StartAt": "Keep",
    "States": {
      "Keep": {"Type": "Pass", "Result": 1, "ResultPath": "$.r", "Next": "Assign"},
      "Assign": {"Type": "Pass", "Result": 2, "ResultPath": "$.q",
                 "Assign": {"seen.$": "$"}, "Next": "Params"},
      "Params": {"Type": "Pass", "Parameters": {"sum.$": "States.MathAdd($.r, $.q)"},
                 "ResultPath": "$.p", "Next": "Route"},
      "Route": {"Type": "Choice", "Default": "Replace",
                "Choices": [{"Variable": "$.p.sum", "NumericEquals": 3, "Next": "Whole"}]},
      "Whole": {"Type": "Pass", "InputPath": "$.p", "Parameters": {"v.$": "$seen", "in.$": "$"},
                "ResultPath": "$.w", "Next": "Replace"},
      "Replace": {"Type": "Pass", "Result": {"last": true}, "ResultPath": "$.z", "End": true}}
  })json");
  ASSERT_OK_AND_ASSIGN(Started started,
                       test_.interpreter->Start(machine, R"({"a": 0})", TestContext(), T0()));
  ASSERT_EQ(started.step.status, ExecutionStatus::kSucceeded) << started.step.cause.value_or("");
  EXPECT_EQ(Json::parse(*started.step.output), Json::parse(R"({
    "a": 0, "r": 1, "q": 2, "p": {"sum": 3}, "w": {"v": 2, "in": {"sum": 3}}, "z": {"last": true}
  })"));
  auto missing = test_.Parse(R"({
    "StartAt": "P",
    "States": {"P": {"Type": "Pass", "InputPath": "$.nope", "Result": 1, "End": true}}
  })");
  ASSERT_OK_AND_ASSIGN(Started failed,
                       test_.interpreter->Start(missing, "{}", TestContext(), T0()));
  EXPECT_EQ(failed.step.error, "States.Runtime");
}

TEST_F(InterpreterTest, ContextTimesAreIsoMillisecondsInUtc) {
  auto machine = test_.Parse(R"({
    "StartAt": "A",
    "States": {
      "A": {"Type": "Pass", "Parameters": {"t.$": "$$.State.EnteredTime"}, "Next": "B"},
      "B": {"Type": "Pass", "Parameters": {"a.$": "$.t", "b.$": "$$.State.EnteredTime",
                                            "s.$": "$$.Execution.StartTime"}, "End": true}}
  })");
  const Clock::TimePoint start = FromUnixMillis(951782400007);  // 2000-02-29T00:00:00.007Z
  ASSERT_OK_AND_ASSIGN(Started started,
                       test_.interpreter->Start(machine, "{}", TestContext(), start));
  EXPECT_EQ(Json::parse(*started.step.output),
            Json::parse(R"({"a": "2000-02-29T00:00:00.007Z", "b": "2000-02-29T00:00:00.007Z",
                            "s": "2026-01-01T00:00:00.000Z"})"));
  ASSERT_OK_AND_ASSIGN(Started late, test_.interpreter->Start(machine, "{}", TestContext(),
                                                              FromUnixMillis(4102444799999)));
  EXPECT_EQ(Json::parse(*late.step.output)["b"], "2099-12-31T23:59:59.999Z");
}

TEST_F(InterpreterTest, RunawayLoopStopsAtTheHistoryLimit) {
  TestInterpreter limited(7, InterpreterOptions{.max_history_events = 100});
  auto machine = limited.Parse(R"({
    "StartAt": "A",
    "States": {"A": {"Type": "Pass", "Next": "B"},
               "B": {"Type": "Choice", "Default": "A",
                     "Choices": [{"Variable": "$.stop", "IsPresent": true, "Next": "Done"}]},
               "Done": {"Type": "Succeed"}}
  })");
  ASSERT_OK_AND_ASSIGN(Started started,
                       limited.interpreter->Start(machine, "{}", TestContext(), T0()));
  EXPECT_EQ(started.step.status, ExecutionStatus::kFailed);
  EXPECT_EQ(started.step.error, "States.Runtime");
  EXPECT_LE(started.step.events.size(), 102u);
}

TEST_F(InterpreterTest, WithoutHistoryTheExecutionStillRunsAndCountsEvents) {
  auto machine = test_.Parse(kFivePasses);
  ExecutionContext context = TestContext();
  context.type = ExecutionType::kExpress;
  context.record_history = false;
  ASSERT_OK_AND_ASSIGN(Started started,
                       test_.interpreter->Start(machine, R"({"x": 1})", context, T0()));
  EXPECT_TRUE(started.step.events.empty());
  EXPECT_EQ(started.step.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(*started.step.output, R"({"n":1})");
  EXPECT_EQ(started.state.next_event_id(), 13);
}

TEST_F(InterpreterTest, AdvancingAStateThatWasNeverStartedIsRefused) {
  ExecutionState empty;
  EXPECT_STATUS(StatusCode::kFailedPrecondition,
                test_.interpreter->Advance(empty, TimerFired{.timer_id = 1}, T0()));
}

TEST_F(InterpreterTest, StartAtThatNamesNoStateFailsWithStatesRuntimeInsteadOfCrashing) {
  // The validator rejects such a machine; the interpreter must not trust it.
  auto machine = std::make_shared<asl::StateMachine>();
  machine->graph.start_at = "Nowhere";
  Result<Started> started = test_.interpreter->Start(machine, "{}", TestContext(), T0());
  ASSERT_OK(started.status());
  EXPECT_EQ(started->step.status, ExecutionStatus::kFailed);
  EXPECT_THAT(TypeNames(started->step.events), ElementsAre("ExecutionStarted", "ExecutionFailed"));
  EXPECT_EQ(started->step.events.back().details["error"], "States.Runtime");
}

TEST_F(InterpreterTest, ParallelBranchWithoutAStartStateFailsTheParallel) {
  auto machine = std::make_shared<asl::StateMachine>();
  auto parallel = std::make_unique<asl::ParallelState>();
  parallel->type = asl::StateType::kParallel;
  parallel->name = "P";
  parallel->end = true;
  parallel->branches.push_back(std::make_unique<asl::StateGraph>());
  parallel->branches.back()->start_at = "Nowhere";
  machine->graph.start_at = "P";
  machine->graph.start_state = machine->graph.Add(std::move(parallel));
  Result<Started> started = test_.interpreter->Start(machine, "{}", TestContext(), T0());
  ASSERT_OK(started.status());
  EXPECT_EQ(started->step.status, ExecutionStatus::kFailed);
  EXPECT_EQ(started->step.events.back().details["error"], "States.Runtime");
}

TEST_F(InterpreterTest, SameSeedGivesTheSameExecution) {
  constexpr std::string_view kRandom = R"json({
    "StartAt": "R",
    "States": {"R": {"Type": "Pass", "Parameters": {
      "id.$": "States.UUID()", "n.$": "States.MathRandom(1, 1000)"}, "End": true}}
  })json";
  auto run = [&](uint64_t seed) {
    TestInterpreter seeded(seed);
    auto machine = seeded.Parse(kRandom);
    Result<Started> started = seeded.interpreter->Start(machine, "{}", TestContext(), T0());
    EXPECT_TRUE(started.ok());
    std::vector<Json> events;
    for (const HistoryEvent& event : started->step.events) {
      events.push_back(HistoryEventToJson(event));
    }
    return events;
  };
  EXPECT_EQ(run(1234), run(1234));
  EXPECT_NE(run(1234), run(4321));
}

}  // namespace
}  // namespace stratus::states::interpreter
