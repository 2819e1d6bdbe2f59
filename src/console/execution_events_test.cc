// The live execution events endpoint over a real Step Functions service in
// process (its handlers through the operation table, as the front door
// calls them).

#include "console/execution_events.h"

#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "console/console.h"
#include "states/api/states_service_test_fixture.h"

namespace stratus::console {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::string_view kRole = "arn:aws:iam::000000000000:role/r";
constexpr std::string_view kHello =
    R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": {"x": 1}, "Next": "B"},
        "B": {"Type": "Pass", "End": true}}})";
constexpr std::string_view kLongWait =
    R"({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}})";
constexpr auto kPatience = std::chrono::seconds(10);

// One answer of the endpoint, parsed.
struct Stream {
  int status = 0;
  std::string content_type = {};
  std::string body = {};
  std::vector<int64_t> ids = {};  // Of the `history` events, in order.
  std::vector<Json> events = {};
  bool ended = false;
};

Stream Parse(const http::Response& response) {
  Stream stream{.status = response.status,
                .content_type = std::string(response.headers.Get("content-type").value_or("")),
                .body = response.body};
  std::string type;
  std::string data;
  size_t start = 0;
  while (start < response.body.size()) {
    size_t end = response.body.find('\n', start);
    if (end == std::string::npos) {
      end = response.body.size();
    }
    const std::string line = response.body.substr(start, end - start);
    start = end + 1;
    if (line.starts_with("event: ")) {
      type = line.substr(7);
    } else if (line.starts_with("data: ")) {
      data += line.substr(6);
    } else if (line.empty()) {
      if (type == "history") {
        Json event = Json::parse(data);
        stream.ids.push_back(event["id"].get<int64_t>());
        stream.events.push_back(std::move(event));
      } else if (type == "end") {
        stream.ended = true;
      }
      type.clear();
      data.clear();
    }
  }
  return stream;
}

class ExecutionEventsTest : public states::api::StatesServiceFixture {
 protected:
  ExecutionEventsTest() : StatesServiceFixture(7) {}

  void TearDown() override {
    if (events_ != nullptr) {
      events_->Stop();
    }
    StatesServiceFixture::TearDown();
  }

  ExecutionEvents& Events(ExecutionEventsOptions options = {}) {
    events_ = std::make_unique<ExecutionEvents>(*service_, options);
    return *events_;
  }

  std::string Start(std::string_view definition) {
    Result<Json> created =
        Call("CreateStateMachine", {{"name", "m"}, {"definition", definition}, {"roleArn", kRole}});
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    Result<Json> started =
        Call("StartExecution", {{"stateMachineArn", (*created)["stateMachineArn"]}});
    EXPECT_TRUE(started.ok()) << started.status().ToString();
    return (*started)["executionArn"];
  }

  static http::Request Get(const std::string& arn,
                           std::string last_event_id = "",
                           std::string query = "") {
    http::Request request;
    request.method = "GET";
    request.path = std::string(kExecutionEventsPath) + http::PercentEncode(arn) + "/events";
    request.query = std::move(query);
    request.target = request.path + (request.query.empty() ? "" : "?" + request.query);
    if (!last_event_id.empty()) {
      request.headers.Set("Last-Event-ID", std::move(last_event_id));
    }
    return request;
  }

  // Sends a request; the future holds its answer once it is given.
  static std::future<http::Response> Send(ExecutionEvents& events, http::Request request) {
    auto promise = std::make_shared<std::promise<http::Response>>();
    std::future<http::Response> answer = promise->get_future();
    events.Handle(std::move(request),
                  [promise](http::Response response) { promise->set_value(std::move(response)); });
    return answer;
  }

  static Stream Ask(ExecutionEvents& events, http::Request request) {
    std::future<http::Response> answer = Send(events, std::move(request));
    EXPECT_EQ(answer.wait_for(kPatience), std::future_status::ready);
    return Parse(answer.get());
  }

  std::unique_ptr<ExecutionEvents> events_;
};

TEST_F(ExecutionEventsTest, EndedExecutionStreamsItsWholeHistoryThenEnd) {
  ExecutionEvents& events = Events();
  const std::string arn = Start(kHello);
  ASSERT_EQ(WaitForEnd(arn)["status"], "SUCCEEDED");
  Stream stream = Ask(events, Get(arn));
  EXPECT_EQ(stream.status, 200);
  EXPECT_EQ(stream.content_type, "text/event-stream; charset=utf-8");
  EXPECT_THAT(stream.body, HasSubstr("retry: 100\n"));
  EXPECT_TRUE(stream.ended);
  Result<Json> history = Call("GetExecutionHistory", {{"executionArn", arn}});
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(stream.events.size(), (*history)["events"].size());
  for (size_t i = 0; i < stream.events.size(); ++i) {
    EXPECT_EQ(stream.events[i], (*history)["events"][i]);
  }
  EXPECT_EQ(stream.events.front()["type"], "ExecutionStarted");
  EXPECT_EQ(stream.events.back()["type"], "ExecutionSucceeded");
}

TEST_F(ExecutionEventsTest, LastEventIdOrAfterSkipsTheEventsTheClientHas) {
  ExecutionEvents& events = Events();
  const std::string arn = Start(kHello);
  ASSERT_EQ(WaitForEnd(arn)["status"], "SUCCEEDED");
  Stream all = Ask(events, Get(arn));
  ASSERT_GE(all.ids.size(), 4U);
  Stream by_header = Ask(events, Get(arn, "2"));
  EXPECT_EQ(by_header.ids, std::vector<int64_t>(all.ids.begin() + 2, all.ids.end()));
  Stream by_query = Ask(events, Get(arn, "", "after=3"));
  EXPECT_EQ(by_query.ids, std::vector<int64_t>(all.ids.begin() + 3, all.ids.end()));
  // A client that has everything hears at once that the execution ended.
  Stream nothing_new = Ask(events, Get(arn, std::to_string(all.ids.back())));
  EXPECT_TRUE(nothing_new.ids.empty());
  EXPECT_TRUE(nothing_new.ended);
}

TEST_F(ExecutionEventsTest, ParkedRequestIsAnsweredWhenNewHistoryCommits) {
  ExecutionEvents& events = Events();
  const std::string arn = Start(kLongWait);
  Stream first = Ask(events, Get(arn));
  ASSERT_FALSE(first.ended);
  ASSERT_FALSE(first.ids.empty());
  std::future<http::Response> answer = Send(events, Get(arn, std::to_string(first.ids.back())));
  EXPECT_EQ(answer.wait_for(std::chrono::milliseconds(200)), std::future_status::timeout);
  EXPECT_EQ(events.num_waiting(), 1U);
  ASSERT_TRUE(Call("StopExecution", {{"executionArn", arn}, {"error", "E"}}).ok());
  ASSERT_EQ(answer.wait_for(kPatience), std::future_status::ready);
  Stream next = Parse(answer.get());
  ASSERT_FALSE(next.events.empty());
  EXPECT_GT(next.ids.front(), first.ids.back());
  EXPECT_EQ(next.events.back()["type"], "ExecutionAborted");
  EXPECT_TRUE(next.ended);
  EXPECT_EQ(events.num_waiting(), 0U);
}

TEST_F(ExecutionEventsTest, ParkedRequestTimesOutWithoutEvents) {
  ExecutionEvents& events =
      Events(ExecutionEventsOptions{.poll_timeout = std::chrono::milliseconds(50)});
  const std::string arn = Start(kLongWait);
  Stream first = Ask(events, Get(arn));
  Stream later = Ask(events, Get(arn, std::to_string(first.ids.back())));
  EXPECT_EQ(later.status, 200);
  EXPECT_TRUE(later.ids.empty());
  EXPECT_FALSE(later.ended);
  EXPECT_THAT(later.body, HasSubstr("retry: 100"));
}

TEST_F(ExecutionEventsTest, StopAnswersParkedRequests) {
  ExecutionEvents& events = Events();
  const std::string arn = Start(kLongWait);
  Stream first = Ask(events, Get(arn));
  std::future<http::Response> answer = Send(events, Get(arn, std::to_string(first.ids.back())));
  events.Stop();
  ASSERT_EQ(answer.wait_for(kPatience), std::future_status::ready);
  EXPECT_EQ(answer.get().status, 200);
  // After Stop, a request is answered at once, without events.
  Stream after_stop = Ask(events, Get(arn));
  EXPECT_TRUE(after_stop.ids.empty());
}

TEST_F(ExecutionEventsTest, UnknownExecutionIs404AndBadRequestsAre400) {
  ExecutionEvents& events = Events();
  Stream unknown = Ask(events, Get("arn:aws:states:us-east-1:000000000000:execution:m:nope"));
  EXPECT_EQ(unknown.status, 404);
  EXPECT_THAT(unknown.body, HasSubstr("\"__type\":\"ExecutionDoesNotExist\""));
  EXPECT_EQ(Ask(events, Get("not-an-arn")).status, 400);
  const std::string arn = Start(kHello);
  EXPECT_EQ(Ask(events, Get(arn, "x")).status, 400);
  EXPECT_EQ(Ask(events, Get(arn, "", "after=-1")).status, 400);
  http::Request no_suffix = Get(arn);
  no_suffix.path = std::string(kExecutionEventsPath) + "x";
  EXPECT_EQ(Ask(events, std::move(no_suffix)).status, 404);
}

TEST_F(ExecutionEventsTest, ConsoleRoutesTheEndpoint) {
  Result<std::unique_ptr<Console>> opened =
      Console::Open(ConsoleContext{.data_dir = dir_.path(), .states = service_.get()});
  ASSERT_TRUE(opened.ok());
  const std::string arn = Start(kHello);
  ASSERT_EQ(WaitForEnd(arn)["status"], "SUCCEEDED");
  std::promise<http::Response> promise;
  http::Request request = Get(arn);
  http::Responder respond = [&promise](http::Response response) {
    promise.set_value(std::move(response));
  };
  ASSERT_TRUE((*opened)->Handle(request, respond));
  Stream stream = Parse(promise.get_future().get());
  EXPECT_TRUE(stream.ended);
  EXPECT_THAT(stream.body, Not(HasSubstr("__type")));
  (*opened)->Stop();
}

}  // namespace
}  // namespace stratus::console
