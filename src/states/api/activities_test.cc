// Activities through the operation table, in process: CreateActivity and
// friends, GetActivityTask's parked long poll, activity Task states answered
// by a worker's token, closed tokens, and the restart of a waiting task.
#include <chrono>
#include <future>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/format.h"
#include "states/api/activity_broker.h"
#include "states/api/states_service_test_fixture.h"
#include "storage/database.h"
#include "testing/status_matchers.h"

namespace stratus::states::api {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr std::string_view kRole = "arn:aws:iam::000000000000:role/r";
constexpr std::string_view kActivityArn = "arn:aws:states:us-east-1:000000000000:activity:work";

std::string ActivityMachine(std::string_view extra = "") {
  return Format(R"({{"StartAt": "T", "States": {{"T": {{"Type": "Task", "Resource": "{}",
      "Parameters": {{"job.$": "$.job"}}{}, "End": true}}}}}})",
                kActivityArn, extra);
}

class ActivitiesTest : public StatesServiceFixture {
 protected:
  ActivitiesTest()
      : StatesServiceFixture(
            5, StatesServiceOptions{.activity_poll_timeout = std::chrono::milliseconds(100)}) {}

  std::string StartActivityExecution(std::string_view name, std::string_view extra = "") {
    Result<Json> machine = Call("CreateStateMachine", {{"name", "m-" + std::string(name)},
                                                       {"definition", ActivityMachine(extra)},
                                                       {"roleArn", kRole}});
    STRATUS_CHECK(machine.ok(), "create failed: {}", machine.status().ToString());
    Result<Json> started =
        Call("StartExecution", {{"stateMachineArn", (*machine)["stateMachineArn"]},
                                {"name", std::string(name)},
                                {"input", R"({"job": 7})"}});
    STRATUS_CHECK(started.ok(), "start failed: {}", started.status().ToString());
    return (*started)["executionArn"];
  }

  // Polls until a task is handed out (the execution's first step may still
  // be committing).
  Json PollTask(std::string_view worker = "w1") {
    for (int i = 0; i < 50; ++i) {
      Result<Json> task = Call(
          "GetActivityTask", {{"activityArn", kActivityArn}, {"workerName", std::string(worker)}});
      if (task.ok() && task->contains("taskToken")) {
        return *task;
      }
    }
    return Json();
  }

  std::vector<std::string> HistoryTypes(const std::string& execution_arn) {
    std::vector<std::string> types;
    Result<Json> history = Call("GetExecutionHistory", {{"executionArn", execution_arn}});
    for (const Json& event : history.ok() ? (*history)["events"] : Json::array()) {
      types.push_back(event["type"]);
    }
    return types;
  }
};

TEST_F(ActivitiesTest, CreateDescribeListTagAndDeleteAnActivity) {
  ASSERT_OK_AND_ASSIGN(
      Json created,
      Call("CreateActivity", {{"name", "work"}, {"tags", {{{"key", "team"}, {"value", "a"}}}}}));
  EXPECT_EQ(created["activityArn"], kActivityArn);
  // AWS: CreateActivity is idempotent by name.
  ASSERT_OK_AND_ASSIGN(Json again, Call("CreateActivity", {{"name", "work"}}));
  EXPECT_EQ(again["activityArn"], kActivityArn);
  EXPECT_EQ(again["creationDate"], created["creationDate"]);
  EXPECT_EQ(Call("CreateActivity", {{"name", "work"},
                                    {"encryptionConfiguration",
                                     {{"type", "CUSTOMER_MANAGED_KMS_KEY"}, {"kmsKeyId", "k"}}}})
                .status()
                .aws_type(),
            "ActivityAlreadyExists");
  EXPECT_EQ(Call("CreateActivity", {{"name", "bad name"}}).status().aws_type(), "InvalidName");
  ASSERT_OK_AND_ASSIGN(Json described, Call("DescribeActivity", {{"activityArn", kActivityArn}}));
  EXPECT_EQ(described["name"], "work");
  EXPECT_EQ(described["encryptionConfiguration"]["type"], "AWS_OWNED_KEY");
  ASSERT_OK(Call("CreateActivity", {{"name", "other"}}));
  ASSERT_OK_AND_ASSIGN(Json page, Call("ListActivities", {{"maxResults", 1}}));
  ASSERT_EQ(page["activities"].size(), 1U);
  EXPECT_EQ(page["activities"][0]["name"], "other");
  ASSERT_OK_AND_ASSIGN(Json rest, Call("ListActivities", {{"nextToken", page["nextToken"]}}));
  ASSERT_EQ(rest["activities"].size(), 1U);
  EXPECT_EQ(rest["activities"][0]["name"], "work");
  ASSERT_OK_AND_ASSIGN(Json tags, Call("ListTagsForResource", {{"resourceArn", kActivityArn}}));
  EXPECT_EQ(tags["tags"], (Json{{{"key", "team"}, {"value", "a"}}}));
  ASSERT_OK(Call("TagResource",
                 {{"resourceArn", kActivityArn}, {"tags", {{{"key", "env"}, {"value", "t"}}}}}));
  ASSERT_OK(Call("UntagResource", {{"resourceArn", kActivityArn}, {"tagKeys", {"team"}}}));
  ASSERT_OK_AND_ASSIGN(tags, Call("ListTagsForResource", {{"resourceArn", kActivityArn}}));
  EXPECT_EQ(tags["tags"], (Json{{{"key", "env"}, {"value", "t"}}}));
  ASSERT_OK(Call("DeleteActivity", {{"activityArn", kActivityArn}}));
  ASSERT_OK(Call("DeleteActivity", {{"activityArn", kActivityArn}}));  // AWS: idempotent.
  EXPECT_EQ(Call("DescribeActivity", {{"activityArn", kActivityArn}}).status().aws_type(),
            "ActivityDoesNotExist");
  EXPECT_EQ(Call("GetActivityTask", {{"activityArn", kActivityArn}}).status().aws_type(),
            "ActivityDoesNotExist");
  EXPECT_EQ(Call("DescribeActivity",
                 {{"activityArn", "arn:aws:states:us-east-1:000000000000:stateMachine:m"}})
                .status()
                .message(),
            "Invalid Arn: 'Resource type not valid in this context: stateMachine'");
}

TEST_F(ActivitiesTest, ActivitiesSurviveARestart) {
  ASSERT_OK(Call("CreateActivity", {{"name", "work"}}));
  Restart();
  ASSERT_OK_AND_ASSIGN(Json described, Call("DescribeActivity", {{"activityArn", kActivityArn}}));
  EXPECT_EQ(described["name"], "work");
}

TEST_F(ActivitiesTest, WorkerTakesTheTaskAndAnswersItByToken) {
  ASSERT_OK(Call("CreateActivity", {{"name", "work"}}));
  const std::string execution = StartActivityExecution("e1");
  Json task = PollTask("worker-7");
  ASSERT_TRUE(task.contains("taskToken")) << task.dump();
  EXPECT_EQ(task["input"], R"({"job":7})");
  ASSERT_OK(Call("SendTaskHeartbeat", {{"taskToken", task["taskToken"]}}));
  ASSERT_OK(Call("SendTaskSuccess", {{"taskToken", task["taskToken"]}, {"output", R"({"r":1})"}}));
  Json described = WaitForEnd(execution);
  EXPECT_EQ(described["status"], "SUCCEEDED");
  EXPECT_EQ(described["output"], R"({"r":1})");
  EXPECT_THAT(
      HistoryTypes(execution),
      ElementsAre("ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityStarted",
                  "ActivitySucceeded", "TaskStateExited", "ExecutionSucceeded"));
  ASSERT_OK_AND_ASSIGN(Json history, Call("GetExecutionHistory", {{"executionArn", execution}}));
  EXPECT_EQ(history["events"][3]["activityStartedEventDetails"]["workerName"], "worker-7");
  // AWS: the task closed; its token is known but answers TaskTimedOut.
  Status closed =
      Call("SendTaskSuccess", {{"taskToken", task["taskToken"]}, {"output", "{}"}}).status();
  EXPECT_EQ(closed.aws_type(), "TaskTimedOut");
  EXPECT_EQ(closed.message(), "Task Timed Out: 'Provided task does not exist anymore'");
  EXPECT_EQ(Call("SendTaskHeartbeat", {{"taskToken", task["taskToken"]}}).status().aws_type(),
            "TaskTimedOut");
  EXPECT_EQ(Call("SendTaskFailure", {{"taskToken", "never-issued"}}).status().aws_type(),
            "InvalidToken");
}

TEST_F(ActivitiesTest, WorkerFailureFailsTheTask) {
  ASSERT_OK(Call("CreateActivity", {{"name", "work"}}));
  const std::string execution = StartActivityExecution("e1");
  Json task = PollTask();
  ASSERT_TRUE(task.contains("taskToken"));
  ASSERT_OK(Call("SendTaskFailure",
                 {{"taskToken", task["taskToken"]}, {"error", "Job.Failed"}, {"cause", "disk"}}));
  Json described = WaitForEnd(execution);
  EXPECT_EQ(described["status"], "FAILED");
  EXPECT_EQ(described["error"], "Job.Failed");
  EXPECT_THAT(HistoryTypes(execution), ::testing::Contains("ActivityFailed"));
}

TEST_F(ActivitiesTest, AParkedPollIsAnsweredByATaskThatArrivesLater) {
  ASSERT_OK(Call("CreateActivity", {{"name", "work"}}));
  std::promise<Result<Json>> polled;
  // A poll long enough to outlast the execution's start.
  service_->activity_broker().Poll(std::string(kActivityArn), "early",
                                   [&polled](Result<Json> r) { polled.set_value(std::move(r)); });
  EXPECT_EQ(service_->activity_broker().num_waiting_polls(), 1U);
  const std::string execution = StartActivityExecution("e1");
  std::future<Result<Json>> answer = polled.get_future();
  ASSERT_EQ(answer.wait_for(std::chrono::seconds(5)), std::future_status::ready);
  Result<Json> task = answer.get();
  ASSERT_OK(task.status());
  if (!task->contains("taskToken")) {
    // The 100 ms poll ended before the start committed: poll again.
    *task = PollTask();
  }
  ASSERT_TRUE(task->contains("taskToken"));
  ASSERT_OK(Call("SendTaskSuccess", {{"taskToken", (*task)["taskToken"]}, {"output", "{}"}}));
  EXPECT_EQ(WaitForEnd(execution)["status"], "SUCCEEDED");
}

TEST_F(ActivitiesTest, APollWithoutTaskAnswersWithoutATokenAfterTheLongPoll) {
  ASSERT_OK(Call("CreateActivity", {{"name", "work"}}));
  ASSERT_OK_AND_ASSIGN(Json empty, Call("GetActivityTask", {{"activityArn", kActivityArn}}));
  EXPECT_FALSE(empty.contains("taskToken"));
  EXPECT_EQ(service_->activity_broker().num_waiting_polls(), 0U);
}

TEST_F(ActivitiesTest, StoppedExecutionClosesItsTaskToken) {
  ASSERT_OK(Call("CreateActivity", {{"name", "work"}}));
  const std::string execution = StartActivityExecution("e1");
  Json task = PollTask();
  ASSERT_TRUE(task.contains("taskToken"));
  ASSERT_OK(Call("StopExecution", {{"executionArn", execution}}));
  EXPECT_EQ(WaitForEnd(execution)["status"], "ABORTED");
  EXPECT_EQ(Call("SendTaskSuccess", {{"taskToken", task["taskToken"]}, {"output", "{}"}})
                .status()
                .aws_type(),
            "TaskTimedOut");
}

TEST_F(ActivitiesTest, AHandedOutTaskIsAnsweredAfterARestart) {
  ASSERT_OK(Call("CreateActivity", {{"name", "work"}}));
  const std::string execution = StartActivityExecution("e1");
  Json task = PollTask();
  ASSERT_TRUE(task.contains("taskToken"));
  // Let the hand-out (ActivityStarted) commit.
  for (int i = 0; i < 200 && HistoryTypes(execution).size() < 4; ++i) {
    std::this_thread::sleep_for(
        std::chrono::milliseconds(10));  // STRATUS_LINT_ALLOW(test polls a real thread)
  }
  Restart();
  ASSERT_OK(Call("SendTaskSuccess", {{"taskToken", task["taskToken"]}, {"output", R"({"a":1})"}}));
  Json described = WaitForEnd(execution);
  EXPECT_EQ(described["status"], "SUCCEEDED");
  EXPECT_EQ(described["output"], R"({"a":1})");
}

TEST_F(ActivitiesTest, ATaskNobodyTookIsQueuedAgainAfterARestart) {
  ASSERT_OK(Call("CreateActivity", {{"name", "work"}}));
  const std::string execution = StartActivityExecution("e1");
  for (int i = 0; i < 200 && service_->activity_broker().num_queued() == 0; ++i) {
    std::this_thread::sleep_for(
        std::chrono::milliseconds(10));  // STRATUS_LINT_ALLOW(test polls a real thread)
  }
  Restart();
  Json task = PollTask();
  ASSERT_TRUE(task.contains("taskToken"));
  EXPECT_EQ(task["input"], R"({"job":7})");
  ASSERT_OK(Call("SendTaskSuccess", {{"taskToken", task["taskToken"]}, {"output", "{}"}}));
  EXPECT_EQ(WaitForEnd(execution)["status"], "SUCCEEDED");
}

TEST_F(ActivitiesTest, AnAnswerToAQueuedTaskRecordsItsStartFirst) {
  // A worker that took a task before a restart whose commit lost the
  // hand-out answers a task that is queued again.
  ASSERT_OK(Call("CreateActivity", {{"name", "work"}}));
  const std::string execution = StartActivityExecution("e1");
  for (int i = 0; i < 200 && service_->activity_broker().num_queued() == 0; ++i) {
    std::this_thread::sleep_for(
        std::chrono::milliseconds(10));  // STRATUS_LINT_ALLOW(test polls a real thread)
  }
  std::string token;
  for (int i = 0; i < 200 && token.empty(); ++i) {  // The token's row commits on its own.
    ASSERT_OK(service_->database().Read([&token](storage::Transaction& txn) {
      return txn.Query("SELECT token FROM task_tokens", {}, [&token](const storage::Row& row) {
        token = row.GetText(0);
        return Status::Ok();
      });
    }));
    if (token.empty()) {
      std::this_thread::sleep_for(
          std::chrono::milliseconds(10));  // STRATUS_LINT_ALLOW(test polls a real thread)
    }
  }
  ASSERT_FALSE(token.empty());
  ASSERT_OK(Call("SendTaskSuccess", {{"taskToken", token}, {"output", "{}"}}));
  EXPECT_EQ(WaitForEnd(execution)["status"], "SUCCEEDED");
  EXPECT_THAT(
      HistoryTypes(execution),
      ElementsAre("ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityStarted",
                  "ActivitySucceeded", "TaskStateExited", "ExecutionSucceeded"));
  EXPECT_EQ(service_->activity_broker().num_queued(), 0U);
}

TEST_F(ActivitiesTest, AnActivityTaskForAMissingActivityFails) {
  const std::string execution = StartActivityExecution("e1");
  Json described = WaitForEnd(execution);
  EXPECT_EQ(described["status"], "FAILED");
  EXPECT_THAT(described["cause"].get<std::string>(), HasSubstr("Activity Does Not Exist"));
}

TEST_F(ActivitiesTest, FrontDoorChecksTheModelConstraints) {
  Status status =
      Call("SendTaskFailure", {{"taskToken", "t"}, {"error", std::string(257, 'e')}}).status();
  EXPECT_EQ(status.aws_type(), "ValidationException");
  EXPECT_EQ(status.message(),
            "1 validation error detected: Value at 'error' failed to satisfy constraint: Member "
            "must have length less than or equal to 256");
  status = Call("CreateStateMachine", {{"name", "m"},
                                       {"definition", ActivityMachine()},
                                       {"roleArn", kRole},
                                       {"loggingConfiguration", {{"level", "LOUD"}}}})
               .status();
  EXPECT_EQ(status.message(),
            "1 validation error detected: Value 'LOUD' at 'loggingConfiguration.level' failed to "
            "satisfy constraint: Member must satisfy enum value set: [ALL, ERROR, FATAL, OFF]");
  status = Call("ListExecutions", {{"stateMachineArn", "arn:aws:states:us-east-1:1:stateMachine:m"},
                                   {"statusFilter", "succeeded"}})
               .status();
  EXPECT_EQ(status.message(),
            "1 validation error detected: Value 'succeeded' at 'statusFilter' failed to satisfy "
            "constraint: Member must satisfy enum value set: [SUCCEEDED, TIMED_OUT, "
            "PENDING_REDRIVE, ABORTED, FAILED, RUNNING]");
}

}  // namespace
}  // namespace stratus::states::api
