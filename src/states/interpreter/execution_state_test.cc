#include "states/interpreter/execution_state.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "states/asl/state_machine.h"
#include "states/interpreter/interpreter.h"
#include "states/interpreter/test_interpreter.h"
#include "testing/status_matchers.h"

namespace stratus::states::interpreter {
namespace {

using namespace std::chrono_literals;
using testing::EffectsOf;
using testing::T0;
using testing::TestContext;
using testing::TestInterpreter;

// Waits, then runs a Map whose iterations call a task and wait again; the
// history is long enough to exercise every frame kind.
constexpr std::string_view kDefinition = R"({
  "StartAt": "Set",
  "States": {
    "Set": {"Type": "Pass", "Assign": {"base": 100}, "Next": "Nap"},
    "Nap": {"Type": "Wait", "Seconds": 30, "Next": "Each"},
    "Each": {"Type": "Map", "MaxConcurrency": 2, "ItemsPath": "$.items", "ResultPath": "$.out",
             "Next": "Both",
      "ItemProcessor": {"StartAt": "Work", "States": {
        "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                 "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 5}],
                 "Next": "Rest"},
        "Rest": {"Type": "Wait", "Seconds": 1, "End": true}}}},
    "Both": {"Type": "Parallel", "End": true, "Branches": [
      {"StartAt": "L", "States": {"L": {"Type": "Pass", "Parameters": {"b.$": "$base"},
                                        "End": true}}},
      {"StartAt": "R", "States": {"R": {"Type": "Wait", "Seconds": 2, "End": true}}}]}
  }
})";

// A scripted host: fails the first attempt of item 1 with "Flaky", answers
// every other task with its parameters, fires timers in due order.
struct Transcript {
  std::vector<Json> events;
  std::string final_state;
};

ExecutionEvent NextEvent(const std::vector<Effect>& pending,
                         Clock::TimePoint* now,
                         bool* failed_once) {
  for (const Effect& effect : pending) {
    if (const auto* run = std::get_if<RunTask>(&effect)) {
      if (run->parameters == 2 && !*failed_once) {
        *failed_once = true;
        return TaskFailed{.task_id = run->task_id, .error = "Flaky", .cause = "first try"};
      }
      return TaskSucceeded{.task_id = run->task_id, .output = run->parameters};
    }
  }
  const StartTimer* earliest = nullptr;
  for (const Effect& effect : pending) {
    if (const auto* timer = std::get_if<StartTimer>(&effect)) {
      if (earliest == nullptr || timer->due < earliest->due) {
        earliest = timer;
      }
    }
  }
  if (earliest == nullptr) {
    return StopExecution{.error = "Stuck", .cause = "nothing pending"};
  }
  *now = std::max(*now, earliest->due);
  return TimerFired{.timer_id = earliest->timer_id};
}

// Runs the execution to its end; with `roundtrip`, the state is serialized
// and reloaded before every step.
Transcript RunToTheEnd(bool roundtrip) {
  TestInterpreter test(99);
  auto machine = test.Parse(kDefinition);
  Result<Started> started =
      test.interpreter->Start(machine, R"({"items": [1, 2, 3]})", TestContext(), T0());
  EXPECT_TRUE(started.ok()) << started.status().ToString();
  Transcript transcript;
  ExecutionState state = std::move(started->state);
  for (const HistoryEvent& event : started->step.events) {
    transcript.events.push_back(HistoryEventToJson(event));
  }
  Clock::TimePoint now = T0();
  bool failed_once = false;
  for (int step = 0; step < 200 && state.status() == ExecutionStatus::kRunning; ++step) {
    if (roundtrip) {
      Result<ExecutionState> loaded = ExecutionState::Deserialize(state.Serialize(), machine);
      EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
      state = std::move(*loaded);
    }
    ExecutionEvent event = NextEvent(state.PendingEffects(), &now, &failed_once);
    Result<StepResult> result = test.interpreter->Advance(state, event, now);
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    for (const HistoryEvent& history_event : result->events) {
      transcript.events.push_back(HistoryEventToJson(history_event));
    }
  }
  EXPECT_EQ(state.status(), ExecutionStatus::kSucceeded) << Json(transcript.events).dump(1);
  transcript.final_state = state.Serialize();
  return transcript;
}

TEST(ExecutionStateTest, RoundTripAfterEveryStepGivesTheSameExecution) {
  Transcript direct = RunToTheEnd(/*roundtrip=*/false);
  Transcript reloaded = RunToTheEnd(/*roundtrip=*/true);
  ASSERT_EQ(direct.events.size(), reloaded.events.size());
  for (size_t i = 0; i < direct.events.size(); ++i) {
    EXPECT_EQ(direct.events[i], reloaded.events[i]) << "event " << i;
  }
  EXPECT_EQ(direct.final_state, reloaded.final_state);
  // The retry, the waits and the parallel branch all happened.
  const std::string all = Json(direct.events).dump();
  EXPECT_NE(all.find("TaskFailed"), std::string::npos);
  EXPECT_NE(all.find("ParallelStateExited"), std::string::npos);
}

TEST(ExecutionStateTest, SerializeWhileWaitingKeepsTheTimerAndItsDueTime) {
  TestInterpreter test;
  auto machine = test.Parse(kDefinition);
  ASSERT_OK_AND_ASSIGN(Started started,
                       test.interpreter->Start(machine, R"({"items": []})", TestContext(), T0()));
  ASSERT_OK_AND_ASSIGN(ExecutionState loaded,
                       ExecutionState::Deserialize(started.state.Serialize(), machine));
  std::vector<Effect> pending = loaded.PendingEffects();
  ASSERT_EQ(pending.size(), 1u);
  const auto* timer = std::get_if<StartTimer>(&pending[0]);
  ASSERT_NE(timer, nullptr);
  EXPECT_EQ(timer->due, T0() + 30s);
  EXPECT_EQ(loaded.input(), R"({"items": []})");
  EXPECT_EQ(loaded.context().execution_name, "run");
  EXPECT_EQ(loaded.next_event_id(), started.state.next_event_id());
}

TEST(ExecutionStateTest, CloneIsIndependent) {
  TestInterpreter test;
  auto machine = test.Parse(kDefinition);
  ASSERT_OK_AND_ASSIGN(Started started,
                       test.interpreter->Start(machine, R"({"items": []})", TestContext(), T0()));
  ExecutionState copy = started.state.Clone();
  const auto timer = std::get<StartTimer>(copy.PendingEffects().at(0));
  ASSERT_OK(test.interpreter->Advance(copy, TimerFired{.timer_id = timer.timer_id}, timer.due));
  EXPECT_NE(copy.Serialize(), started.state.Serialize());
  EXPECT_EQ(started.state.PendingEffects().size(), 1u);
}

TEST(ExecutionStateTest, RejectsGarbageUnknownVersionsAndForeignDefinitions) {
  TestInterpreter test;
  auto machine = test.Parse(kDefinition);
  EXPECT_STATUS(StatusCode::kCorruption, ExecutionState::Deserialize("{nope", machine));
  EXPECT_STATUS(StatusCode::kCorruption, ExecutionState::Deserialize(R"({"v": 99})", machine));
  EXPECT_STATUS(StatusCode::kCorruption, ExecutionState::Deserialize(R"({"v": 1})", machine));
  ASSERT_OK_AND_ASSIGN(Started started,
                       test.interpreter->Start(machine, R"({"items": []})", TestContext(), T0()));
  auto other = test.Parse(R"({"StartAt": "X", "States": {"X": {"Type": "Succeed"}}})");
  EXPECT_STATUS(StatusCode::kCorruption,
                ExecutionState::Deserialize(started.state.Serialize(), other));
}

std::string ReadFixture(const std::string& name) {
  std::ifstream in(std::filesystem::path(STRATUS_INTERPRETER_TESTDATA) / name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// testdata/execution_state_v1.json was written by this code at format v1:
// kDefinition with {"items": [1, 2, 3]}, paused inside the Map with item 0's
// task in flight and item 1 waiting to retry. It must keep loading.
TEST(ExecutionStateTest, ReadsTheCheckedInV1Fixture) {
  TestInterpreter test;
  auto machine = test.Parse(kDefinition);
  const std::string fixture = ReadFixture("execution_state_v1.json");
  ASSERT_FALSE(fixture.empty());
  ASSERT_OK_AND_ASSIGN(ExecutionState state, ExecutionState::Deserialize(fixture, machine));
  EXPECT_EQ(state.status(), ExecutionStatus::kRunning);
  std::vector<Effect> pending = state.PendingEffects();
  std::vector<RunTask> tasks;
  std::vector<StartTimer> timers;
  for (const Effect& effect : pending) {
    if (const auto* run = std::get_if<RunTask>(&effect)) {
      tasks.push_back(*run);
    } else if (const auto* timer = std::get_if<StartTimer>(&effect)) {
      timers.push_back(*timer);
    }
  }
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].parameters, 1);
  ASSERT_EQ(timers.size(), 1u);
  // Drive it to the end.
  Clock::TimePoint now = timers[0].due;
  bool failed_once = true;
  for (int step = 0; step < 100 && state.status() == ExecutionStatus::kRunning; ++step) {
    ExecutionEvent event = NextEvent(state.PendingEffects(), &now, &failed_once);
    ASSERT_OK(test.interpreter->Advance(state, event, now));
  }
  ASSERT_EQ(state.status(), ExecutionStatus::kSucceeded);
  EXPECT_EQ(Json::parse(*state.output()),
            Json::parse(R"([{"b": 100}, {"items": [1, 2, 3], "out": [1, 2, 3]}])"));
}

// A DISTRIBUTED Map whose second child execution failed: the execution
// FAILED with the Map Run kept for a redrive (format v2).
constexpr std::string_view kFailedMapRun = R"({
  "StartAt": "Each",
  "States": {
    "Each": {"Type": "Map", "Label": "Fan", "MaxConcurrency": 1, "End": true,
      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
        "StartAt": "Work", "States": {"Work": {"Type": "Task",
          "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}}
  }
})";

// Writes testdata/execution_state_v2.json (run with
// --gtest_also_run_disabled_tests when the format changes; never otherwise).
TEST(ExecutionStateTest, DISABLED_WriteV2Fixture) {
  TestInterpreter test;
  auto machine = test.Parse(kFailedMapRun);
  ASSERT_OK_AND_ASSIGN(Started started,
                       test.interpreter->Start(machine, "[1, 2]", TestContext(), T0()));
  const int64_t first = EffectsOf<RunTask>(started.step).at(0).task_id;
  ASSERT_OK_AND_ASSIGN(
      StepResult next,
      test.interpreter->Advance(started.state, TaskSucceeded{.task_id = first, .output = 10},
                                T0() + 1s));
  const int64_t second = EffectsOf<RunTask>(next).at(0).task_id;
  ASSERT_OK(test.interpreter->Advance(started.state,
                                      TaskFailed{.task_id = second, .error = "Flaky"}, T0() + 2s));
  ASSERT_EQ(started.state.status(), ExecutionStatus::kFailed);
  std::ofstream out(std::filesystem::path(STRATUS_INTERPRETER_TESTDATA) /
                    "execution_state_v2.json");
  out << started.state.ToJson().dump(2) << "\n";
}

// testdata/execution_state_v2.json: kFailedMapRun after its second child
// failed. It must keep loading, and its redrive reruns only that child.
TEST(ExecutionStateTest, ReadsTheCheckedInV2FixtureAndRedrivesIt) {
  TestInterpreter test;
  auto machine = test.Parse(kFailedMapRun);
  const std::string fixture = ReadFixture("execution_state_v2.json");
  ASSERT_FALSE(fixture.empty());
  ASSERT_OK_AND_ASSIGN(ExecutionState state, ExecutionState::Deserialize(fixture, machine));
  EXPECT_EQ(state.status(), ExecutionStatus::kFailed);
  ASSERT_OK_AND_ASSIGN(StepResult redriven,
                       test.interpreter->Advance(state, RedriveExecution{}, T0() + 1h));
  std::vector<RunTask> tasks = EffectsOf<RunTask>(redriven);
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].parameters, 2);
  ASSERT_EQ(redriven.map_runs.size(), 1u);
  EXPECT_EQ(redriven.map_runs[0].redrive_count, 1);
  ASSERT_OK_AND_ASSIGN(
      StepResult done,
      test.interpreter->Advance(state, TaskSucceeded{.task_id = tasks[0].task_id, .output = 20},
                                T0() + 1h));
  ASSERT_EQ(done.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(*done.output, "[10,20]");
}

// A DISTRIBUTED Map that reads its items from S3 and exports its results
// (format v3: a task of kind ItemReader, the Map's storage and records).
constexpr std::string_view kReaderMapRun = R"({
  "StartAt": "Each",
  "States": {
    "Each": {"Type": "Map", "Label": "Fan", "End": true,
      "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                     "ReaderConfig": {"InputType": "JSON", "MaxItems": 2},
                     "Parameters": {"Bucket": "in", "Key": "items.json"}},
      "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                       "Parameters": {"Bucket": "out", "Prefix": "runs"}},
      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
        "StartAt": "Work", "States": {"Work": {"Type": "Pass", "End": true}}}}
  }
})";

// Writes testdata/execution_state_v3.json (run with
// --gtest_also_run_disabled_tests when the format changes; never otherwise).
TEST(ExecutionStateTest, DISABLED_WriteV3Fixture) {
  TestInterpreter test;
  auto machine = test.Parse(kReaderMapRun);
  ASSERT_OK_AND_ASSIGN(Started started,
                       test.interpreter->Start(machine, "{}", TestContext(), T0()));
  std::ofstream out(std::filesystem::path(STRATUS_INTERPRETER_TESTDATA) /
                    "execution_state_v3.json");
  out << started.state.ToJson().dump(2) << "\n";
}

// testdata/execution_state_v3.json: kReaderMapRun waiting for its
// ItemReader. It must keep loading, read its items, and export them.
TEST(ExecutionStateTest, ReadsTheCheckedInV3FixtureAndFinishesItsMapRun) {
  TestInterpreter test;
  auto machine = test.Parse(kReaderMapRun);
  const std::string fixture = ReadFixture("execution_state_v3.json");
  ASSERT_FALSE(fixture.empty());
  ASSERT_OK_AND_ASSIGN(ExecutionState state, ExecutionState::Deserialize(fixture, machine));
  std::vector<Effect> pending = state.PendingEffects();
  ASSERT_EQ(pending.size(), 1u);
  const RunTask read = std::get<RunTask>(pending[0]);
  EXPECT_EQ(read.kind, TaskKind::kItemReader);
  EXPECT_EQ(read.parameters, Json::parse(R"({"Bucket": "in", "Key": "items.json"})"));
  ASSERT_OK_AND_ASSIGN(
      StepResult wrote,
      test.interpreter->Advance(
          state, TaskSucceeded{.task_id = read.task_id, .output = Json{{"Body", "[1, 2, 3]"}}},
          T0() + 1s));
  std::vector<RunTask> writes = EffectsOf<RunTask>(wrote);
  ASSERT_EQ(writes.size(), 1u);
  EXPECT_EQ(writes[0].kind, TaskKind::kResultWriter);
  const Json succeeded = Json::parse(writes[0].parameters["Objects"][0]["Body"].get<std::string>());
  EXPECT_EQ(succeeded.size(), 2u);
  ASSERT_OK_AND_ASSIGN(
      StepResult done,
      test.interpreter->Advance(state, TaskSucceeded{.task_id = writes[0].task_id}, T0() + 2s));
  ASSERT_EQ(done.status, ExecutionStatus::kSucceeded);
  EXPECT_THAT(*done.output, ::testing::HasSubstr("\"ResultWriterDetails\""));
}

}  // namespace
}  // namespace stratus::states::interpreter
