#include "states/asl/state_fields.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "states/asl/definition_parser.h"
#include "states/asl/errors.h"
#include "states/asl/evaluation_context.h"
#include "states/asl/fake_jsonata_evaluator.h"
#include "testing/status_matchers.h"

namespace stratus::states::asl {
namespace {

constexpr std::string_view kPrefix =
    "An error occurred while executing the state 'S' (entered at "
    "the event id #2). ";

class StateFieldsTest : public ::testing::Test {
 protected:
  const State& StateOf(const std::string& state_json, const std::string& language = "JSONPath") {
    auto machine = ParseDefinition(R"({"QueryLanguage": ")" + language +
                                   R"(", "StartAt": "S", "States": {"S": )" + state_json + "}}");
    EXPECT_OK(machine);
    machine_ = *machine;
    return *machine_->graph.start_state;
  }

  EvaluationContext Context() {
    return EvaluationContext{.state_name = "S", .entered_event_id = 2, .jsonata = &jsonata_};
  }

  // Returns the cause without the state prefix, or "ok".
  template <typename T>
  std::string CauseOf(const Result<T>& result) {
    if (result.ok()) {
      return "ok";
    }
    std::string cause = result.status().message();
    return cause.rfind(kPrefix, 0) == 0 ? cause.substr(kPrefix.size()) : cause;
  }

  std::shared_ptr<const StateMachine> machine_;
  FakeJsonataEvaluator jsonata_;
  const Timestamp now_ = *ParseTimestamp("2024-01-01T00:00:00Z");
};

TEST_F(StateFieldsTest, WaitDeadlineFromSecondsAndTimestamps) {
  const Json input = {{"s", 30}, {"t", "2024-01-02T00:00:00Z"}};
  const StateValues values{.input = &input};
  const auto& seconds = StateOf(R"({"Type": "Wait", "Seconds": 10, "End": true})").As<WaitState>();
  ASSERT_OK_AND_ASSIGN(Timestamp deadline, ResolveWaitDeadline(seconds, values, now_, Context()));
  EXPECT_EQ(deadline.seconds, now_.seconds + 10);
  const auto& path =
      StateOf(R"({"Type": "Wait", "SecondsPath": "$.s", "End": true})").As<WaitState>();
  ASSERT_OK_AND_ASSIGN(deadline, ResolveWaitDeadline(path, values, now_, Context()));
  EXPECT_EQ(deadline.seconds, now_.seconds + 30);
  const auto& timestamp =
      StateOf(R"({"Type": "Wait", "TimestampPath": "$.t", "End": true})").As<WaitState>();
  ASSERT_OK_AND_ASSIGN(deadline, ResolveWaitDeadline(timestamp, values, now_, Context()));
  EXPECT_EQ(deadline.seconds, now_.seconds + 86400);
}

TEST_F(StateFieldsTest, WaitReportsBadDynamicValuesLikeAws) {
  const auto& seconds =
      StateOf(R"({"Type": "Wait", "SecondsPath": "$.input.waitSeconds", "End": true})")
          .As<WaitState>();
  Json input = {{"input", {{"waitSeconds", -1}}}};
  EXPECT_EQ(CauseOf(ResolveWaitDeadline(seconds, StateValues{.input = &input}, now_, Context())),
            "The SecondsPath parameter references a negative value: $.input.waitSeconds == -1");
  input = {{"input", {{"waitSeconds", 1.5}}}};
  EXPECT_EQ(CauseOf(ResolveWaitDeadline(seconds, StateValues{.input = &input}, now_, Context())),
            "The SecondsPath parameter cannot be parsed as a long value: $.input.waitSeconds == "
            "1.5");
  const auto& timestamp =
      StateOf(R"({"Type": "Wait", "TimestampPath": "$.TimestampValue", "End": true})")
          .As<WaitState>();
  input = {{"TimestampValue", "2016-12-05 21:29:29Z"}};
  EXPECT_EQ(CauseOf(ResolveWaitDeadline(timestamp, StateValues{.input = &input}, now_, Context())),
            "The TimestampPath parameter does not reference a valid ISO-8601 extended offset "
            "date-time format string: $.TimestampValue == 2016-12-05 21:29:29Z");
  input = {{"TimestampValue", "2092-01-20T00:00:00Z"}};
  EXPECT_EQ(CauseOf(ResolveWaitDeadline(timestamp, StateValues{.input = &input}, now_, Context())),
            "Wait state delay is too long.");
}

TEST_F(StateFieldsTest, JsonataWaitTimestampIsAQueryEvaluationErrorWithLocation) {
  jsonata_.Set("$states.input.t", "2016-12-05T21:29:29");
  const auto& wait = StateOf(R"({"Type": "Wait", "Timestamp": "{% $states.input.t %}",
                                 "End": true})",
                             "JSONata")
                         .As<WaitState>();
  const Json input = Json::object();
  auto deadline = ResolveWaitDeadline(wait, StateValues{.input = &input}, now_, Context());
  ASSERT_FALSE(deadline.ok());
  const StatesFailure failure = ToStatesFailure(deadline.status());
  EXPECT_EQ(failure.error, "States.QueryEvaluationError");
  EXPECT_EQ(failure.location, "Timestamp");
  EXPECT_EQ(CauseOf(deadline),
            "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format "
            "string: 2016-12-05T21:29:29");
}

TEST_F(StateFieldsTest, MapItemsMustBeAnArray) {
  const auto& json_path = StateOf(R"({"Type": "Map", "ItemsPath": "$.items",
      "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "End": true})")
                              .As<MapState>();
  Json input = {{"items", {1, 2}}};
  ASSERT_OK_AND_ASSIGN(Json items,
                       ResolveMapItems(json_path, StateValues{.input = &input}, Context()));
  EXPECT_EQ(items, Json({1, 2}));
  const auto& jsonata = StateOf(R"({"Type": "Map",
      "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "End": true})",
                                "JSONata")
                            .As<MapState>();
  input = 1;
  auto not_array = ResolveMapItems(jsonata, StateValues{.input = &input}, Context());
  EXPECT_EQ(CauseOf(not_array), "Map state input must be an array but was: 1");
  EXPECT_TRUE(IsStatesError(not_array.status(), kErrorQueryEvaluationError));

  jsonata_.Set("$ItemsVar", {{"foo", "bar"}});
  const auto& items_field = StateOf(R"({"Type": "Map", "Items": "{% $ItemsVar %}",
      "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "End": true})",
                                    "JSONata")
                                .As<MapState>();
  auto wrong_type = ResolveMapItems(items_field, StateValues{.input = &input}, Context());
  EXPECT_EQ(CauseOf(wrong_type),
            "The JSONata expression '$ItemsVar' specified for the field 'Items' returned an "
            "unexpected result type. Expected 'array', but was 'object' for value: "
            "{\"foo\":\"bar\"}");
  EXPECT_EQ(ToStatesFailure(wrong_type.status()).location, "Items");
}

TEST_F(StateFieldsTest, MapLimitsParseAndRange) {
  const auto& map = StateOf(R"({"Type": "Map", "MaxConcurrencyPath": "$.mc",
      "ToleratedFailureCountPath": "$.count", "ToleratedFailurePercentagePath": "$.pct",
      "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "End": true})")
                        .As<MapState>();
  Json input = {{"mc", 2}, {"count", 1}, {"pct", 12.5}};
  StateValues values{.input = &input};
  EXPECT_EQ(*ResolveMaxConcurrency(map, values, Context()), 2);
  EXPECT_EQ(*ResolveToleratedFailureCount(map, values, Context()), 1);
  EXPECT_EQ(*ResolveToleratedFailurePercentage(map, values, Context()), 12.5);

  input = {{"mc", "NoNumber"}, {"count", -1}, {"pct", 100.1}};
  EXPECT_EQ(CauseOf(ResolveMaxConcurrency(map, values, Context())),
            "The MaxConcurrencyPath field refers to value \"NoNumber\" which is not a valid "
            "integer: $.mc");
  EXPECT_EQ(CauseOf(ResolveToleratedFailureCount(map, values, Context())),
            "ToleratedFailureCount cannot be negative.");
  EXPECT_EQ(CauseOf(ResolveToleratedFailurePercentage(map, values, Context())),
            "ToleratedFailurePercentage must be between 0 and 100.");
  input = {{"mc", Json::object()}, {"count", "NoNumber"}, {"pct", Json::object()}};
  EXPECT_EQ(CauseOf(ResolveMaxConcurrency(map, values, Context())),
            "The MaxConcurrencyPath field refers to value \"{}\" which is not a valid integer: "
            "$.mc");
  EXPECT_EQ(CauseOf(ResolveToleratedFailurePercentage(map, values, Context())),
            "The ToleratedFailurePercentagePath field refers to value \"{}\" which is not a valid "
            "float: $.pct");
}

TEST_F(StateFieldsTest, FailResolvesPathsAndIntrinsics) {
  const auto& fail = StateOf(R"json({"Type": "Fail", "ErrorPath": "$.e",
      "CausePath": "States.Format('This is a custom error message for {}, caused by {}.', $.e, $.c)"})json")
                         .As<FailState>();
  Json input = {{"e", "error string"}, {"c", "cause string"}};
  ASSERT_OK_AND_ASSIGN(FailOutcome outcome,
                       ResolveFail(fail, StateValues{.input = &input}, Context()));
  EXPECT_EQ(outcome.error, "error string");
  EXPECT_EQ(outcome.cause,
            "This is a custom error message for error string, caused by cause string.");
  const auto& missing =
      StateOf(R"({"Type": "Fail", "ErrorPath": "$.ErrorX", "Cause": "c"})").As<FailState>();
  input = {{"a", 1}};
  EXPECT_EQ(CauseOf(ResolveFail(missing, StateValues{.input = &input}, Context())),
            "The JSONPath '$.ErrorX' specified for the field 'ErrorPath' could not be found in "
            "the input '{\"a\":1}'");
}

TEST_F(StateFieldsTest, TaskTimeoutsResolveFromPaths) {
  const auto& task = StateOf(R"({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
      "TimeoutSecondsPath": "$.t", "End": true})")
                         .As<TaskState>();
  Json input = {{"t", 60}};
  ASSERT_OK_AND_ASSIGN(auto timeout,
                       ResolveTimeoutSeconds(task, StateValues{.input = &input}, Context()));
  EXPECT_EQ(timeout, 60);
  ASSERT_OK_AND_ASSIGN(auto heartbeat,
                       ResolveHeartbeatSeconds(task, StateValues{.input = &input}, Context()));
  EXPECT_FALSE(heartbeat.has_value());
}

}  // namespace
}  // namespace stratus::states::asl
