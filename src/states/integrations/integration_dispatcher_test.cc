#include "states/integrations/integration_dispatcher.h"

#include <future>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "aws/model/model_registry.h"
#include "aws/operation_table.h"
#include "base/clock.h"
#include "base/random.h"
#include "io/in_memory_file_system.h"
#include "lake/file_store.h"
#include "lake/lake.h"
#include "states/integrations/activity_task_queue.h"
#include "states/integrations/delay_queue.h"
#include "states/integrations/in_memory_buckets_for_test.h"
#include "states/integrations/map_run_storage.h"

namespace stratus::states::integrations {
namespace {

using interpreter::IntegrationPattern;
using ::testing::HasSubstr;

struct Outcome {
  std::string kind = {};  // "submitted", "succeeded" or "failed".
  Json output = nullptr;
  std::string error = {};
  std::string cause = {};
};

class IntegrationDispatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    delays_.Start();
    table_.Add(
        "sqs", "SendMessage",
        aws::Sync([this](const aws::RequestContext& context, const Json& input) -> Result<Json> {
          last_sqs_input_ = input;
          last_host_ = context.host;
          return Json{{"MessageId", "m-1"}, {"MD5OfMessageBody", "abc"}};
        }));
    table_.Add("sqs", "GetQueueUrl",
               aws::Sync([](const aws::RequestContext&, const Json&) -> Result<Json> {
                 return Status::NotFound("The specified queue does not exist.")
                     .WithAwsType("QueueDoesNotExist", 400);
               }));
    table_.Add("states", "StartExecution",
               aws::Sync([](const aws::RequestContext&, const Json& input) -> Result<Json> {
                 return Json{{"executionArn", "arn:child"},
                             {"startDate", 1.0},
                             {"echo", input.value("input", "")}};
               }));
    table_.Add("states", "DescribeExecution",
               aws::Sync([this](const aws::RequestContext&, const Json&) -> Result<Json> {
                 const bool done = ++describes_ >= 3;
                 return Json{{"executionArn", "arn:child"},
                             {"status", done ? "SUCCEEDED" : "RUNNING"},
                             {"input", R"({"in":1})"},
                             {"output", R"({"out":2})"}};
               }));
    dispatcher_.set_operations(&table_);
  }

  void TearDown() override { delays_.Stop(); }

  Outcome Run(std::string resource, IntegrationPattern pattern, Json parameters) {
    auto promise = std::make_shared<std::promise<Outcome>>();
    auto callbacks = std::make_shared<TaskCallbacks>();
    callbacks->submitted = [this](Json output) {
      submitted_ = std::move(output);
    };
    callbacks->succeeded = [promise](Json output) {
      promise->set_value(Outcome{.kind = "succeeded", .output = std::move(output)});
    };
    callbacks->failed = [promise](std::string error, std::string cause) {
      promise->set_value(
          Outcome{.kind = "failed", .error = std::move(error), .cause = std::move(cause)});
    };
    dispatcher_.Run(TaskOrigin{.execution_arn = "e", .host = "localhost:4566"},
                    interpreter::RunTask{.task_id = 1,
                                         .state_name = "S",
                                         .resource = std::move(resource),
                                         .pattern = pattern,
                                         .parameters = std::move(parameters)},
                    callbacks);
    if (pattern == IntegrationPattern::kWaitForTaskToken) {
      return Outcome{.kind = "submitted", .output = submitted_};
    }
    return promise->get_future().get();
  }

  aws::ModelRegistry models_;
  DelayQueue delays_;
  IdGenerator ids_{1};
  SystemClock clock_;
  aws::OperationTable table_;
  IntegrationDispatcher dispatcher_{
      models_, delays_, ids_, clock_,
      DispatcherOptions{.poll_interval = std::chrono::milliseconds(1)}};
  Json last_sqs_input_;
  std::string last_host_;
  Json submitted_;
  int describes_ = 0;
};

TEST_F(IntegrationDispatcherTest, AwsSdkCallsTheTableWithModelShapedInput) {
  Outcome outcome =
      Run("arn:aws:states:::aws-sdk:sqs:sendMessage", IntegrationPattern::kRequestResponse,
          {{"QueueUrl", "u"}, {"MessageBody", "hello"}});
  EXPECT_EQ(outcome.kind, "succeeded");
  EXPECT_EQ(outcome.output, (Json{{"MessageId", "m-1"}, {"MD5OfMessageBody", "abc"}}));
  EXPECT_EQ(last_sqs_input_, (Json{{"QueueUrl", "u"}, {"MessageBody", "hello"}}));
  EXPECT_EQ(last_host_, "localhost:4566");
}

TEST_F(IntegrationDispatcherTest, AwsSdkErrorsAreNamedServiceDotException) {
  Outcome outcome = Run("arn:aws:states:::aws-sdk:sqs:getQueueUrl",
                        IntegrationPattern::kRequestResponse, {{"QueueName", "q"}});
  EXPECT_EQ(outcome.kind, "failed");
  EXPECT_EQ(outcome.error, "Sqs.QueueDoesNotExistException");
  EXPECT_THAT(outcome.cause, HasSubstr("The specified queue does not exist. (Service: Sqs, "
                                       "Status Code: 400, Request ID: "));
}

TEST_F(IntegrationDispatcherTest, OptimizedSqsAddsSdkMetadataAndStringifiesTheBody) {
  Outcome outcome = Run("arn:aws:states:::sqs:sendMessage", IntegrationPattern::kRequestResponse,
                        {{"QueueUrl", "u"}, {"MessageBody", {{"a", 1}}}});
  EXPECT_EQ(outcome.output["MessageId"], "m-1");
  EXPECT_EQ(outcome.output["SdkHttpMetadata"]["HttpStatusCode"], 200);
  EXPECT_EQ(last_sqs_input_["MessageBody"], R"({"a":1})");
}

TEST_F(IntegrationDispatcherTest, WaitForTaskTokenReportsSubmittedOnly) {
  Outcome outcome =
      Run("arn:aws:states:::sqs:sendMessage.waitForTaskToken",
          IntegrationPattern::kWaitForTaskToken, {{"QueueUrl", "u"}, {"MessageBody", "token"}});
  EXPECT_EQ(outcome.output["MessageId"], "m-1");
}

TEST_F(IntegrationDispatcherTest, StartExecutionSync2PollsUntilTheChildEndsAndParsesPayloads) {
  Outcome outcome =
      Run("arn:aws:states:::states:startExecution.sync:2", IntegrationPattern::kRunJobV2,
          {{"StateMachineArn", "arn:m"}, {"Input", {{"in", 1}}}});
  EXPECT_EQ(outcome.kind, "succeeded");
  EXPECT_EQ(outcome.output["Output"], (Json{{"out", 2}}));
  EXPECT_EQ(outcome.output["Input"], (Json{{"in", 1}}));
  EXPECT_EQ(submitted_["ExecutionArn"], "arn:child");
  EXPECT_EQ(describes_, 3);
}

TEST_F(IntegrationDispatcherTest, MissingServiceFailsTheTaskWithACauseNamingIt) {
  Outcome outcome = Run("arn:aws:lambda:us-east-1:1:function:f",
                        IntegrationPattern::kRequestResponse, Json::object());
  EXPECT_EQ(outcome.error, "States.TaskFailed");
  EXPECT_THAT(outcome.cause, HasSubstr("'lambda'"));
  outcome = Run("arn:aws:states:::athena:startQueryExecution.sync", IntegrationPattern::kRunJob,
                {{"QueryString", "select 1"}});
  EXPECT_EQ(outcome.error, "States.TaskFailed");
  EXPECT_THAT(outcome.cause, HasSubstr("'athena'"));
}

TEST_F(IntegrationDispatcherTest, ActivitiesFailWithoutAnActivityQueue) {
  Outcome outcome = Run("arn:aws:states:us-east-1:1:activity:a",
                        IntegrationPattern::kRequestResponse, Json::object());
  EXPECT_EQ(outcome.error, "States.TaskFailed");
  EXPECT_THAT(outcome.cause, HasSubstr("stratus serve"));
}

// Records the activity tasks it is given.
class RecordingActivityQueue final : public ActivityTaskQueue {
 public:
  void Schedule(const TaskOrigin& origin,
                const interpreter::RunTask& task,
                std::shared_ptr<TaskCallbacks> callbacks) override {
    scheduled.push_back(task.resource + " " + task.task_token + " " + origin.execution_arn);
    callbacks->submitted(Json{{"workerName", "w"}});
  }

  std::vector<std::string> scheduled;
};

TEST_F(IntegrationDispatcherTest, ActivityTasksGoToTheActivityQueue) {
  RecordingActivityQueue queue;
  dispatcher_.set_activities(&queue);
  auto callbacks = std::make_shared<TaskCallbacks>();
  Json submitted;
  callbacks->submitted = [&submitted](Json output) {
    submitted = std::move(output);
  };
  dispatcher_.Run(TaskOrigin{.execution_arn = "e"},
                  interpreter::RunTask{.task_id = 1,
                                       .state_name = "S",
                                       .resource = "arn:aws:states:us-east-1:1:activity:a",
                                       .pattern = IntegrationPattern::kWaitForTaskToken,
                                       .task_token = "t1"},
                  callbacks);
  EXPECT_THAT(queue.scheduled,
              ::testing::ElementsAre("arn:aws:states:us-east-1:1:activity:a t1 e"));
  EXPECT_EQ(submitted, (Json{{"workerName", "w"}}));
  dispatcher_.set_activities(nullptr);
}

// Runs a Distributed Map's storage task of `kind` on `dispatcher` and waits
// for its outcome.
Outcome RunMapStorageTask(IntegrationDispatcher& dispatcher,
                          interpreter::TaskKind kind,
                          std::string resource,
                          Json parameters) {
  auto promise = std::make_shared<std::promise<Outcome>>();
  auto callbacks = std::make_shared<TaskCallbacks>();
  callbacks->succeeded = [promise](Json output) {
    promise->set_value(Outcome{.kind = "succeeded", .output = std::move(output)});
  };
  callbacks->failed = [promise](std::string error, std::string cause) {
    promise->set_value(
        Outcome{.kind = "failed", .error = std::move(error), .cause = std::move(cause)});
  };
  dispatcher.Run(TaskOrigin{.execution_arn = "e"},
                 interpreter::RunTask{.task_id = 1,
                                      .kind = kind,
                                      .state_name = "Map",
                                      .resource = std::move(resource),
                                      .parameters = std::move(parameters)},
                 callbacks);
  return promise->get_future().get();
}

TEST_F(IntegrationDispatcherTest, MapStorageTasksSayS3IsNotAvailableWithoutAMapRunStorage) {
  Outcome read = RunMapStorageTask(dispatcher_, interpreter::TaskKind::kItemReader,
                                   "arn:aws:states:::s3:getObject",
                                   Json{{"Bucket", "in"}, {"Key", "items.json"}});
  EXPECT_EQ(read.error, "States.ItemReaderFailed");
  EXPECT_THAT(read.cause, HasSubstr("Amazon S3 is not available in this stratus process"));
  EXPECT_THAT(read.cause, HasSubstr("ItemsPath"));
  Outcome write = RunMapStorageTask(dispatcher_, interpreter::TaskKind::kResultWriter,
                                    "arn:aws:states:::s3:putObject",
                                    Json{{"Bucket", "out"}, {"Objects", Json::array()}});
  EXPECT_EQ(write.error, "States.ResultWriterFailed");
  EXPECT_THAT(write.cause, HasSubstr("Amazon S3 is not available"));
}

TEST_F(IntegrationDispatcherTest, MapStorageTasksGoToTheMapRunStorage) {
  InMemoryBuckets buckets;
  io::InMemoryFileSystem files;
  lake::FileStore file_store(files);
  lake::Lake lake(buckets, file_store);
  MapRunStorage storage(lake, ids_);
  storage.Start();
  dispatcher_.set_map_storage(&storage);
  buckets.Put("in", "items.json", "[1, 2]");
  Outcome read = RunMapStorageTask(dispatcher_, interpreter::TaskKind::kItemReader,
                                   "arn:aws:states:::s3:getObject",
                                   Json{{"Bucket", "in"}, {"Key", "items.json"}});
  dispatcher_.set_map_storage(nullptr);
  storage.Stop();
  EXPECT_EQ(read.kind, "succeeded") << read.cause;
  EXPECT_EQ(read.output, (Json{{"Body", "[1, 2]"}}));
}

TEST(IntegrationDispatcherStandaloneTest, MapStorageTasksInSfnRunPointToTheServer) {
  aws::ModelRegistry models;
  DelayQueue delays;
  IdGenerator ids{1};
  SystemClock clock;
  IntegrationDispatcher dispatcher(models, delays, ids, clock,
                                   DispatcherOptions{.standalone = true});
  Outcome read = RunMapStorageTask(dispatcher, interpreter::TaskKind::kItemReader,
                                   "arn:aws:states:::s3:listObjectsV2", Json{{"Bucket", "in"}});
  EXPECT_EQ(read.error, "States.ItemReaderFailed");
  EXPECT_THAT(read.cause, HasSubstr("not available to `stratus sfn run`"));
  EXPECT_THAT(read.cause, HasSubstr("stratus serve"));
}

TEST(IntegrationDispatcherStandaloneTest, MissingServiceInSfnRunPointsToTheServerOrMocks) {
  aws::ModelRegistry models;
  DelayQueue delays;
  IdGenerator ids{1};
  SystemClock clock;
  aws::OperationTable table;
  IntegrationDispatcher dispatcher(models, delays, ids, clock,
                                   DispatcherOptions{.standalone = true});
  dispatcher.set_operations(&table);
  auto callbacks = std::make_shared<TaskCallbacks>();
  std::string error;
  std::string cause;
  callbacks->failed = [&](std::string e, std::string c) {
    error = std::move(e);
    cause = std::move(c);
  };
  dispatcher.Run(TaskOrigin{.execution_arn = "e"},
                 interpreter::RunTask{.task_id = 1,
                                      .state_name = "S",
                                      .resource = "arn:aws:states:::sqs:sendMessage",
                                      .parameters = Json{{"QueueUrl", "u"}, {"MessageBody", "b"}}},
                 callbacks);
  EXPECT_EQ(error, "States.TaskFailed");
  EXPECT_THAT(cause, HasSubstr("not available to `stratus sfn run`"));
  EXPECT_THAT(cause, HasSubstr("--mock-config"));
  EXPECT_THAT(cause, ::testing::Not(HasSubstr("in this stratus")));
}

}  // namespace
}  // namespace stratus::states::integrations
