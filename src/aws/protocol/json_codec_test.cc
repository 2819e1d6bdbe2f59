#include "aws/protocol/json_codec.h"

#include <gtest/gtest.h>

#include "aws/model/model_registry.h"
#include "aws/model/service_model.h"
#include "testing/status_matchers.h"

namespace stratus::aws {
namespace {

http::Request JsonRequest(std::string target, std::string body) {
  http::Request request;
  request.method = "POST";
  request.path = "/";
  request.headers.Set("Content-Type", "application/x-amz-json-1.0");
  request.headers.Set("X-Amz-Target", std::move(target));
  request.body = std::move(body);
  return request;
}

RequestContext Context() {
  RequestContext context;
  context.request_id = "req-1";
  return context;
}

class JsonCodecTest : public ::testing::Test {
 protected:
  const ServiceModel& sqs() { return *registry_.Find("sqs"); }

  const OperationModel& op(std::string_view name) { return *sqs().FindOperation(name); }

  ModelRegistry registry_;
  JsonCodec codec_{"1.0"};
};

TEST_F(JsonCodecTest, ParsesTheInputMembers) {
  ASSERT_OK_AND_ASSIGN(
      Json input, codec_.ParseRequest(
                      sqs(), op("SendMessage"),
                      JsonRequest("AmazonSQS.SendMessage",
                                  R"({"QueueUrl":"u","MessageBody":"b","DelaySeconds":3,"Unknown":1,
                                                      "MessageAttributes":{"a":{"DataType":"Binary","BinaryValue":"AAE="}},
                                                      "MessageGroupId":null})")));
  EXPECT_EQ(input, Json::parse(R"({"QueueUrl":"u","MessageBody":"b","DelaySeconds":3,
                                   "MessageAttributes":{"a":{"DataType":"Binary","BinaryValue":"AAE="}}})"));
}

TEST_F(JsonCodecTest, TreatsAnEmptyBodyAsEmptyInput) {
  ASSERT_OK_AND_ASSIGN(Json input, codec_.ParseRequest(sqs(), op("ListQueues"),
                                                       JsonRequest("AmazonSQS.ListQueues", "")));
  EXPECT_EQ(input, Json::object());
}

TEST_F(JsonCodecTest, RejectsMalformedBodiesWithSerializationException) {
  for (std::string body :
       {"{", "[1]", "\"x\"", R"({"QueueUrl": 5})", R"({"QueueUrl":"u","DelaySeconds":"3"})",
        R"({"QueueUrl":"u","MessageAttributes":[]})"}) {
    Result<Json> input =
        codec_.ParseRequest(sqs(), op("SendMessage"), JsonRequest("AmazonSQS.SendMessage", body));
    ASSERT_FALSE(input.ok()) << body;
    EXPECT_EQ(input.status().code(), StatusCode::kInvalidArgument) << body;
    EXPECT_EQ(input.status().aws_type(), "SerializationException") << body;
  }
}

TEST_F(JsonCodecTest, WritesTheOutputWithTheRequestId) {
  http::Response response =
      codec_.SerializeResponse(sqs(), op("GetQueueUrl"), Json{{"QueueUrl", "http://q"}}, Context());
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.headers.Get("Content-Type").value_or(""), "application/x-amz-json-1.0");
  EXPECT_EQ(response.headers.Get("x-amzn-RequestId").value_or(""), "req-1");
  EXPECT_EQ(response.body, R"({"QueueUrl":"http://q"})");
}

TEST_F(JsonCodecTest, WritesQueryCompatibleErrors) {
  http::Response response = codec_.SerializeError(
      sqs(), Status::NotFound("no queue").WithAwsType("QueueDoesNotExist"), Context());
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.headers.Get("x-amzn-query-error").value_or(""),
            "AWS.SimpleQueueService.NonExistentQueue;Sender");
  EXPECT_EQ(
      Json::parse(response.body),
      Json::parse(R"({"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"no queue"})"));
  // A query code from a handler resolves to the same shape.
  http::Response by_code = codec_.SerializeError(
      sqs(), Status::NotFound("no queue").WithAwsType("AWS.SimpleQueueService.NonExistentQueue"),
      Context());
  EXPECT_EQ(by_code.body, response.body);
}

TEST_F(JsonCodecTest, DerivesCodesForUntaggedErrors) {
  ModelRegistry registry;
  const ServiceModel& states = *registry.Find("states");
  http::Response response =
      codec_.SerializeError(states, Status::InvalidArgument("bad"), Context());
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(Json::parse(response.body)["__type"], "ValidationException");
  EXPECT_FALSE(response.headers.Get("x-amzn-query-error").has_value());
  http::Response internal = codec_.SerializeError(states, Status::Internal("bad"), Context());
  EXPECT_EQ(internal.status, 500);
  EXPECT_EQ(Json::parse(internal.body)["__type"], "InternalFailure");
}

}  // namespace
}  // namespace stratus::aws
