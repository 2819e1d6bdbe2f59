#include "states/integrations/mock_config.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace stratus::states::integrations {
namespace {

// The shape of AWS's documented Step Functions Local example.
constexpr std::string_view kConfig = R"({
  "StateMachines": {
    "LambdaSQSIntegration": {
      "TestCases": {
        "HappyPath": {"LambdaState": "MockedLambdaSuccess", "SQSState": "MockedSQSSuccess"},
        "RetryPath": {"LambdaState": "MockedLambdaRetry", "SQSState": "MockedSQSSuccess"}
      }
    }
  },
  "MockedResponses": {
    "MockedLambdaSuccess": {"0": {"Return": {"StatusCode": 200, "Payload": {"a": 1}}}},
    "MockedSQSSuccess": {"0": {"Return": {"MessageId": "m"}}},
    "MockedLambdaRetry": {
      "0": {"Throw": {"Error": "Lambda.ResourceNotReadyException", "Cause": "not ready"}},
      "1-2": {"Throw": {"Error": "Lambda.TimeoutException", "Cause": "slow"}},
      "3": {"Return": {"StatusCode": 200}}
    }
  }
})";

TEST(MockConfigTest, FindsResponsesByInvocationNumberAndRange) {
  ASSERT_OK_AND_ASSIGN(MockConfig config, MockConfig::Parse(*ParseJson(kConfig)));
  EXPECT_TRUE(config.HasTestCase("LambdaSQSIntegration", "RetryPath"));
  EXPECT_FALSE(config.HasTestCase("LambdaSQSIntegration", "Nope"));
  auto first = config.Find("LambdaSQSIntegration", "RetryPath", "LambdaState", 0);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->error, "Lambda.ResourceNotReadyException");
  EXPECT_EQ(config.Find("LambdaSQSIntegration", "RetryPath", "LambdaState", 2)->error,
            "Lambda.TimeoutException");
  auto last = config.Find("LambdaSQSIntegration", "RetryPath", "LambdaState", 3);
  ASSERT_TRUE(last->returned.has_value());
  // Past every key: the highest one repeats.
  EXPECT_TRUE(config.Find("LambdaSQSIntegration", "RetryPath", "LambdaState", 9)->returned);
  EXPECT_FALSE(config.Find("LambdaSQSIntegration", "HappyPath", "Other", 0).has_value());
}

TEST(MockConfigTest, RejectsMalformedConfigurations) {
  EXPECT_FALSE(MockConfig::Parse(Json::array()).ok());
  EXPECT_FALSE(MockConfig::Parse(*ParseJson(R"({"MockedResponses": {"r": {"x": {}}}})")).ok());
  EXPECT_FALSE(MockConfig::Parse(*ParseJson(R"({"MockedResponses": {"r": {"0": {}}}})")).ok());
  EXPECT_FALSE(
      MockConfig::Parse(*ParseJson(R"({"StateMachines": {"m": {"TestCases": {"t": {"s": 1}}}}})"))
          .ok());
}

class RecordingRunner final : public TaskRunner {
 public:
  void Run(const TaskOrigin&,
           const interpreter::RunTask&,
           std::shared_ptr<TaskCallbacks>) override {
    ++calls;
  }

  void Resume(const TaskOrigin&,
              const interpreter::RunTask&,
              const Json&,
              std::shared_ptr<TaskCallbacks>) override {}

  int calls = 0;
};

TEST(MockConfigTest, MockingRunnerAnswersMockedStatesAndPassesOthersOn) {
  ASSERT_OK_AND_ASSIGN(MockConfig parsed, MockConfig::Parse(*ParseJson(kConfig)));
  RecordingRunner next;
  MockingTaskRunner runner(std::make_shared<const MockConfig>(std::move(parsed)), next);
  TaskOrigin origin{
      .execution_arn = "e", .state_machine_name = "LambdaSQSIntegration", .test_case = "RetryPath"};
  std::vector<std::string> outcomes;
  auto callbacks = [&outcomes] {
    auto made = std::make_shared<TaskCallbacks>();
    made->succeeded = [&outcomes](Json) {
      outcomes.push_back("ok");
    };
    made->failed = [&outcomes](std::string error, std::string) {
      outcomes.push_back(error);
    };
    made->submitted = [](Json) {
    };
    return made;
  };
  interpreter::RunTask task{.task_id = 1, .state_name = "LambdaState"};
  for (int i = 0; i < 4; ++i) {
    runner.Run(origin, task, callbacks());
  }
  EXPECT_EQ(outcomes,
            (std::vector<std::string>{"Lambda.ResourceNotReadyException", "Lambda.TimeoutException",
                                      "Lambda.TimeoutException", "ok"}));
  runner.Run(origin, interpreter::RunTask{.task_id = 2, .state_name = "Unmocked"}, callbacks());
  TaskOrigin plain = origin;
  plain.test_case.clear();
  runner.Run(plain, task, callbacks());
  EXPECT_EQ(next.calls, 2);
}

}  // namespace
}  // namespace stratus::states::integrations
