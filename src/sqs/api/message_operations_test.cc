#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/digest.h"
#include "sqs/api/sqs_api_test_fixture.h"
#include "sqs/move_task.h"
#include "testing/status_matchers.h"

namespace stratus::sqs {
namespace {

using namespace std::chrono_literals;

class MessageOperationsTest : public SqsApiTestFixture {
 protected:
  void SetUp() override {
    SqsApiTestFixture::SetUp();
    url_ = CreateQueue("q");
  }

  Json Send(Json input) {
    input["QueueUrl"] = url_;
    return Ok("SendMessage", std::move(input));
  }

  std::string SendError(Json input) {
    input["QueueUrl"] = url_;
    return ErrorType("SendMessage", std::move(input));
  }

  Json Receive(Json input = Json::object()) {
    input["QueueUrl"] = url_;
    return Ok("ReceiveMessage", std::move(input)).value("Messages", Json::array());
  }

  std::string url_;
};

TEST_F(MessageOperationsTest, SendReturnsAwsDigestsOfBodyAndAttributes) {
  Json sent = Send({{"MessageBody", "hi"},
                    {"MessageAttributes",
                     {{"a", {{"DataType", "String"}, {"StringValue", "x"}}},
                      {"b", {{"DataType", "Binary"}, {"BinaryValue", Base64Encode({"\0\1", 2})}}},
                      {"n", {{"DataType", "Number"}, {"StringValue", "12"}}}}},
                    {"MessageSystemAttributes",
                     {{"AWSTraceHeader",
                       {{"DataType", "String"},
                        {"StringValue",
                         "Root=1-5759e988-bd862e3fe1be46a994272793;Parent="
                         "53995c3f42cd8ad8;Sampled=1"}}}}}});
  EXPECT_EQ(sent["MD5OfMessageBody"], "49f68a5c8493ec2c0bf489821c21fc3b");
  EXPECT_EQ(sent["MD5OfMessageAttributes"], "f67a13c367c670df78d99c7dfb30afb7");
  EXPECT_EQ(sent["MD5OfMessageSystemAttributes"], "5ae4d5d7636402d80f4eb6d213245a88");
  EXPECT_FALSE(sent.contains("SequenceNumber"));
}

TEST_F(MessageOperationsTest, ReceiveReturnsSelectedAttributes) {
  Send({{"MessageBody", "hi"},
        {"MessageAttributes",
         {{"color.primary", {{"DataType", "String"}, {"StringValue", "red"}}},
          {"color.other", {{"DataType", "String"}, {"StringValue", "blue"}}},
          {"size", {{"DataType", "Number"}, {"StringValue", "3"}}},
          {"raw", {{"DataType", "Binary"}, {"BinaryValue", "AAE="}}}}}});
  Json messages = Receive({{"MessageAttributeNames", {"color.*", "size"}},
                           {"AttributeNames", {"SentTimestamp"}},
                           {"MessageSystemAttributeNames", {"ApproximateReceiveCount"}},
                           {"VisibilityTimeout", 0}});
  ASSERT_EQ(messages.size(), 1u);
  const Json& message = messages[0];
  EXPECT_EQ(message["MessageAttributes"].size(), 3u);
  EXPECT_EQ(message["MessageAttributes"]["size"],
            (Json{{"DataType", "Number"}, {"StringValue", "3"}}));
  EXPECT_EQ(message["Attributes"], (Json{{"SentTimestamp", std::to_string(clock_.NowMillis())},
                                         {"ApproximateReceiveCount", "1"}}));
  // The digest covers the attributes returned.
  EXPECT_EQ(message["MD5OfMessageAttributes"],
            Md5OfMessageAttributes({{"color.other", {.data_type = "String", .value = "blue"}},
                                    {"color.primary", {.data_type = "String", .value = "red"}},
                                    {"size", {.data_type = "Number", .value = "3"}}}));

  Json all = Receive({{"MessageAttributeNames", {"All"}}, {"AttributeNames", {"All"}}});
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0]["MessageAttributes"]["raw"],
            (Json{{"DataType", "Binary"}, {"BinaryValue", "AAE="}}));
  EXPECT_EQ(all[0]["Attributes"]["ApproximateReceiveCount"], "2");
  EXPECT_EQ(all[0]["Attributes"]["SenderId"], "000000000000");
  EXPECT_TRUE(all[0]["Attributes"].contains("ApproximateFirstReceiveTimestamp"));

  clock_.Advance(30s);
  Json none = Receive();
  ASSERT_EQ(none.size(), 1u);
  EXPECT_FALSE(none[0].contains("MessageAttributes"));
  EXPECT_FALSE(none[0].contains("MD5OfMessageAttributes"));
  EXPECT_FALSE(none[0].contains("Attributes"));
}

// AWS: "prefix.*" selects the attributes whose names start with the text
// before ".*" ("Hel.*" returns "Hello" and "Help.Me"); "*" and ".*" select
// all. Pinned by
// test/wire/test_sqs_messages.py::test_receive_prefix_selects_names_starting_with_it.
TEST_F(MessageOperationsTest, ReceivePrefixSelectsNamesStartingWithTheTextBeforeDotStar) {
  Send({{"MessageBody", "hi"},
        {"MessageAttributes",
         {{"Custom1", {{"DataType", "String"}, {"StringValue", "a"}}},
          {"Custom.x", {{"DataType", "String"}, {"StringValue", "b"}}},
          {"Other", {{"DataType", "String"}, {"StringValue", "c"}}}}}});
  Json by_prefix = Receive({{"MessageAttributeNames", {"Custom.*"}}, {"VisibilityTimeout", 0}});
  ASSERT_EQ(by_prefix.size(), 1u);
  EXPECT_EQ(by_prefix[0]["MessageAttributes"].size(), 2u);
  EXPECT_TRUE(by_prefix[0]["MessageAttributes"].contains("Custom1"));
  EXPECT_TRUE(by_prefix[0]["MessageAttributes"].contains("Custom.x"));
  Json star = Receive({{"MessageAttributeNames", {"*"}}, {"VisibilityTimeout", 0}});
  ASSERT_EQ(star.size(), 1u);
  EXPECT_EQ(star[0]["MessageAttributes"].size(), 3u);
}

TEST_F(MessageOperationsTest, SendValidatesBodyAndAttributes) {
  EXPECT_EQ(SendError(Json::object()), "MissingParameter");
  EXPECT_EQ(SendError({{"MessageBody", ""}}), "MissingParameter");
  EXPECT_EQ(SendError({{"MessageBody", std::string("bad\x01", 4)}}), "InvalidMessageContents");
  EXPECT_EQ(SendError({{"MessageBody", "\xef\xbf\xbf"}}), "InvalidMessageContents");  // U+FFFF
  EXPECT_EQ(SendError({{"MessageBody", "x"}, {"DelaySeconds", 901}}), "InvalidParameterValue");
  const std::vector<Json> bad_attributes = {
      {{"AWS.reserved", {{"DataType", "String"}, {"StringValue", "x"}}}},
      {{"a..b", {{"DataType", "String"}, {"StringValue", "x"}}}},
      {{"a", {{"DataType", "Float"}, {"StringValue", "x"}}}},
      {{"a", {{"DataType", "String"}}}},
      {{"a", {{"DataType", "Number"}, {"StringValue", "abc"}}}},
      {{"a", {{"DataType", "Binary"}, {"BinaryValue", "!!"}}}},
      {{"a", {{"StringValue", "x"}}}},
  };
  for (const Json& attributes : bad_attributes) {
    EXPECT_EQ(SendError({{"MessageBody", "x"}, {"MessageAttributes", attributes}}),
              "InvalidParameterValue")
        << DumpJson(attributes);
  }
  Json eleven = Json::object();
  for (int i = 0; i < 11; ++i) {
    eleven["a" + std::to_string(i)] = {{"DataType", "String"}, {"StringValue", "x"}};
  }
  EXPECT_EQ(SendError({{"MessageBody", "x"}, {"MessageAttributes", eleven}}),
            "InvalidParameterValue");
  EXPECT_EQ(SendError({{"MessageBody", "x"}, {"MessageDeduplicationId", "d"}}),
            "InvalidParameterValue");
}

TEST_F(MessageOperationsTest, SendRejectsMessagesAboveTheQueueMaximum) {
  Ok("SetQueueAttributes", {{"QueueUrl", url_}, {"Attributes", {{"MaximumMessageSize", "1024"}}}});
  Send({{"MessageBody", std::string(1024, 'x')}});
  EXPECT_EQ(SendError({{"MessageBody", std::string(1025, 'x')}}), "InvalidParameterValue");
  EXPECT_EQ(
      SendError({{"MessageBody", std::string(1020, 'x')},
                 {"MessageAttributes", {{"ab", {{"DataType", "String"}, {"StringValue", "x"}}}}}}),
      "InvalidParameterValue");
}

TEST_F(MessageOperationsTest, ReceiveValidatesParameters) {
  const std::vector<Json> bad = {{{"MaxNumberOfMessages", 0}},
                                 {{"MaxNumberOfMessages", 11}},
                                 {{"WaitTimeSeconds", 21}},
                                 {{"VisibilityTimeout", 43201}},
                                 {{"VisibilityTimeout", -1}}};
  for (Json input : bad) {
    input["QueueUrl"] = url_;
    EXPECT_EQ(ErrorType("ReceiveMessage", input), "InvalidParameterValue") << DumpJson(input);
  }
  EXPECT_EQ(ErrorType("ReceiveMessage", {{"QueueUrl", url_}, {"AttributeNames", {"Bogus"}}}),
            "InvalidAttributeName");
}

TEST_F(MessageOperationsTest, PerMessageDelay) {
  Send({{"MessageBody", "later"}, {"DelaySeconds", 10}});
  EXPECT_TRUE(Receive().empty());
  clock_.Advance(10s);
  EXPECT_EQ(Receive().size(), 1u);
}

TEST_F(MessageOperationsTest, DeleteWithMalformedHandleIsReceiptHandleIsInvalid) {
  EXPECT_EQ(ErrorType("DeleteMessage", {{"QueueUrl", url_}, {"ReceiptHandle", "garbage"}}),
            "ReceiptHandleIsInvalid");
  EXPECT_EQ(ErrorType("DeleteMessage", {{"QueueUrl", url_}}), "MissingParameter");
}

TEST_F(MessageOperationsTest, ChangeMessageVisibility) {
  Send({{"MessageBody", "m"}});
  Json messages = Receive();
  const std::string handle = messages[0]["ReceiptHandle"];
  Ok("ChangeMessageVisibility",
     {{"QueueUrl", url_}, {"ReceiptHandle", handle}, {"VisibilityTimeout", 100}});
  clock_.Advance(99s);
  EXPECT_TRUE(Receive().empty());
  clock_.Advance(1s);
  EXPECT_EQ(ErrorType("ChangeMessageVisibility",
                      {{"QueueUrl", url_}, {"ReceiptHandle", handle}, {"VisibilityTimeout", 5}}),
            "MessageNotInflight");
  EXPECT_EQ(ErrorType("ChangeMessageVisibility",
                      {{"QueueUrl", url_}, {"ReceiptHandle", "bad"}, {"VisibilityTimeout", 5}}),
            "ReceiptHandleIsInvalid");
  EXPECT_EQ(ErrorType("ChangeMessageVisibility", {{"QueueUrl", url_}, {"ReceiptHandle", handle}}),
            "MissingParameter");
  EXPECT_EQ(
      ErrorType("ChangeMessageVisibility",
                {{"QueueUrl", url_}, {"ReceiptHandle", handle}, {"VisibilityTimeout", 43201}}),
      "InvalidParameterValue");
}

TEST_F(MessageOperationsTest, SendMessageBatchReportsPerEntryResults) {
  Json out =
      Ok("SendMessageBatch", {{"QueueUrl", url_},
                              {"Entries",
                               {{{"Id", "ok"}, {"MessageBody", "hi"}},
                                {{"Id", "bad"}, {"MessageBody", "x"}, {"DelaySeconds", 1000}}}}});
  ASSERT_EQ(out["Successful"].size(), 1u);
  EXPECT_EQ(out["Successful"][0]["Id"], "ok");
  EXPECT_EQ(out["Successful"][0]["MD5OfMessageBody"], "49f68a5c8493ec2c0bf489821c21fc3b");
  ASSERT_EQ(out["Failed"].size(), 1u);
  EXPECT_EQ(out["Failed"][0]["Id"], "bad");
  EXPECT_EQ(out["Failed"][0]["Code"], "InvalidParameterValue");
  EXPECT_EQ(out["Failed"][0]["SenderFault"], true);
  EXPECT_EQ(Receive().size(), 1u);
}

TEST_F(MessageOperationsTest, BatchRulesApplyToEveryBatchOperation) {
  Json eleven = Json::array();
  for (int i = 0; i < 11; ++i) {
    eleven.push_back({{"Id", std::to_string(i)}, {"MessageBody", "x"}, {"ReceiptHandle", "h"}});
  }
  const Json duplicate = {{{"Id", "a"}, {"MessageBody", "x"}, {"ReceiptHandle", "h"}},
                          {{"Id", "a"}, {"MessageBody", "y"}, {"ReceiptHandle", "h"}}};
  const Json bad_id = {{{"Id", "no spaces"}, {"MessageBody", "x"}, {"ReceiptHandle", "h"}}};
  for (const char* operation :
       {"SendMessageBatch", "DeleteMessageBatch", "ChangeMessageVisibilityBatch"}) {
    EXPECT_EQ(ErrorType(operation, {{"QueueUrl", url_}, {"Entries", Json::array()}}),
              "EmptyBatchRequest");
    EXPECT_EQ(ErrorType(operation, {{"QueueUrl", url_}}), "MissingParameter");
    EXPECT_EQ(ErrorType(operation, {{"QueueUrl", url_}, {"Entries", eleven}}),
              "TooManyEntriesInBatchRequest");
    EXPECT_EQ(ErrorType(operation, {{"QueueUrl", url_}, {"Entries", duplicate}}),
              "BatchEntryIdsNotDistinct");
    EXPECT_EQ(ErrorType(operation, {{"QueueUrl", url_}, {"Entries", bad_id}}),
              "InvalidBatchEntryId");
  }
}

TEST_F(MessageOperationsTest, SendMessageBatchRejectsBatchesOverOneMebibyte) {
  Json entries = Json::array();
  for (int i = 0; i < 2; ++i) {
    entries.push_back({{"Id", std::to_string(i)}, {"MessageBody", std::string(600 * 1024, 'x')}});
  }
  EXPECT_EQ(ErrorType("SendMessageBatch", {{"QueueUrl", url_}, {"Entries", entries}}),
            "BatchRequestTooLong");
}

TEST_F(MessageOperationsTest, DeleteAndChangeVisibilityBatches) {
  for (int i = 0; i < 3; ++i) {
    Send({{"MessageBody", std::to_string(i)}});
  }
  Json messages = Receive({{"MaxNumberOfMessages", 10}});
  ASSERT_EQ(messages.size(), 3u);
  Json change = Ok(
      "ChangeMessageVisibilityBatch",
      {{"QueueUrl", url_},
       {"Entries",
        {{{"Id", "0"}, {"ReceiptHandle", messages[0]["ReceiptHandle"]}, {"VisibilityTimeout", 0}},
         {{"Id", "bad"}, {"ReceiptHandle", "bad"}, {"VisibilityTimeout", 0}}}}});
  EXPECT_EQ(change["Successful"], (Json::array({{{"Id", "0"}}})));
  ASSERT_EQ(change["Failed"].size(), 1u);
  EXPECT_EQ(change["Failed"][0]["Code"], "ReceiptHandleIsInvalid");

  Json deleted =
      Ok("DeleteMessageBatch", {{"QueueUrl", url_},
                                {"Entries",
                                 {{{"Id", "1"}, {"ReceiptHandle", messages[1]["ReceiptHandle"]}},
                                  {{"Id", "2"}, {"ReceiptHandle", messages[2]["ReceiptHandle"]}},
                                  {{"Id", "x"}, {"ReceiptHandle", "garbage"}}}}});
  EXPECT_EQ(deleted["Successful"].size(), 2u);
  ASSERT_EQ(deleted["Failed"].size(), 1u);
  EXPECT_EQ(deleted["Failed"][0]["Id"], "x");
  EXPECT_EQ(deleted["Failed"][0]["Code"], "ReceiptHandleIsInvalid");

  clock_.Advance(30s);
  Json rest = Receive({{"MaxNumberOfMessages", 10}});
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0]["Body"], "0");
}

TEST_F(MessageOperationsTest, LongPollReturnsWhenAMessageIsSent) {
  auto waiting = CallAsync("ReceiveMessage", {{"QueueUrl", url_}, {"WaitTimeSeconds", 20}});
  EXPECT_EQ(waiting.wait_for(0s), std::future_status::timeout);
  Send({{"MessageBody", "wake"}});
  ASSERT_EQ(waiting.wait_for(10s), std::future_status::ready);
  Result<Json> out = waiting.get();
  ASSERT_OK(out);
  EXPECT_EQ((*out)["Messages"][0]["Body"], "wake");
}

TEST_F(MessageOperationsTest, DeadLetterQueueReceivesAfterMaxReceiveCount) {
  const std::string dlq = CreateQueue("dlq");
  Ok("SetQueueAttributes",
     {{"QueueUrl", url_},
      {"Attributes",
       {{"RedrivePolicy",
         R"({"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":2})"},
        {"VisibilityTimeout", "0"}}}});
  Json sent = Send({{"MessageBody", "poison"}});
  EXPECT_EQ(Receive().size(), 1u);
  EXPECT_EQ(Receive().size(), 1u);
  EXPECT_TRUE(Receive().empty());
  Json dead = Ok("ReceiveMessage", {{"QueueUrl", dlq}, {"AttributeNames", {"All"}}})["Messages"];
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0]["MessageId"], sent["MessageId"]);
  EXPECT_EQ(dead[0]["Attributes"]["DeadLetterQueueSourceArn"],
            "arn:aws:sqs:us-east-1:000000000000:q");
}

TEST_F(MessageOperationsTest, MessageMoveTaskRedrivesToSourceInTheBackground) {
  const std::string dlq = CreateQueue("dlq");
  const std::string dlq_arn = "arn:aws:sqs:us-east-1:000000000000:dlq";
  Ok("SetQueueAttributes",
     {{"QueueUrl", url_},
      {"Attributes",
       {{"RedrivePolicy", R"({"deadLetterTargetArn":")" + dlq_arn + R"(","maxReceiveCount":1})"},
        {"VisibilityTimeout", "0"}}}});
  Send({{"MessageBody", "m"}});
  Receive();
  Receive();
  Json started = Ok("StartMessageMoveTask", {{"SourceArn", dlq_arn}});
  const std::string handle = started["TaskHandle"].get<std::string>();
  EXPECT_FALSE(handle.empty());
  Json running = Ok("ListMessageMoveTasks", {{"SourceArn", dlq_arn}});
  ASSERT_EQ(running["Results"].size(), 1u);
  EXPECT_EQ(running["Results"][0]["Status"], "RUNNING");
  EXPECT_EQ(running["Results"][0]["TaskHandle"], handle);
  EXPECT_EQ(running["Results"][0]["ApproximateNumberOfMessagesToMove"], 1);
  EXPECT_EQ(running["Results"][0]["StartedTimestamp"], clock_.NowMillis());
  EXPECT_EQ(ErrorType("StartMessageMoveTask", {{"SourceArn", dlq_arn}}), "InvalidParameterValue");

  RunDueWork();
  RunDueWork();
  Json tasks = Ok("ListMessageMoveTasks", {{"SourceArn", dlq_arn}, {"MaxResults", 10}});
  ASSERT_EQ(tasks["Results"].size(), 1u);
  const Json& done = tasks["Results"][0];
  EXPECT_EQ(done["Status"], "COMPLETED");
  EXPECT_EQ(done["ApproximateNumberOfMessagesMoved"], 1);
  EXPECT_EQ(done["SourceArn"], dlq_arn);
  EXPECT_FALSE(done.contains("TaskHandle"));
  EXPECT_FALSE(done.contains("DestinationArn"));
  EXPECT_FALSE(done.contains("MaxNumberOfMessagesPerSecond"));
  EXPECT_FALSE(done.contains("FailureReason"));
  EXPECT_EQ(Receive().size(), 1u);

  // Only a RUNNING task can be cancelled.
  EXPECT_EQ(ErrorType("CancelMessageMoveTask", {{"TaskHandle", handle}}),
            "ResourceNotFoundException");
}

TEST_F(MessageOperationsTest, MessageMoveTaskIsPacedAndCancellable) {
  CreateQueue("dlq");
  const std::string dlq_arn = "arn:aws:sqs:us-east-1:000000000000:dlq";
  const std::string destination_arn = "arn:aws:sqs:us-east-1:000000000000:destination";
  CreateQueue("destination");
  Ok("SetQueueAttributes",
     {{"QueueUrl", url_},
      {"Attributes",
       {{"RedrivePolicy", R"({"deadLetterTargetArn":")" + dlq_arn + R"(","maxReceiveCount":1})"},
        {"VisibilityTimeout", "0"}}}});
  for (int i = 0; i < 5; ++i) {
    Send({{"MessageBody", "m" + std::to_string(i)}});
  }
  Receive({{"MaxNumberOfMessages", 10}});
  Receive({{"MaxNumberOfMessages", 10}});
  Json started = Ok("StartMessageMoveTask", {{"SourceArn", dlq_arn},
                                             {"DestinationArn", destination_arn},
                                             {"MaxNumberOfMessagesPerSecond", 2}});
  RunDueWork();
  Json running = Ok("ListMessageMoveTasks", {{"SourceArn", dlq_arn}});
  EXPECT_EQ(running["Results"][0]["Status"], "RUNNING");
  EXPECT_EQ(running["Results"][0]["ApproximateNumberOfMessagesMoved"], 1);
  EXPECT_EQ(running["Results"][0]["ApproximateNumberOfMessagesToMove"], 5);
  EXPECT_EQ(running["Results"][0]["MaxNumberOfMessagesPerSecond"], 2);
  EXPECT_EQ(running["Results"][0]["DestinationArn"], destination_arn);

  Json cancelled = Ok("CancelMessageMoveTask", {{"TaskHandle", started["TaskHandle"]}});
  EXPECT_EQ(cancelled["ApproximateNumberOfMessagesMoved"], 1);
  Json after = Ok("ListMessageMoveTasks", {{"SourceArn", dlq_arn}});
  EXPECT_EQ(after["Results"][0]["Status"], "CANCELLED");
  EXPECT_FALSE(after["Results"][0].contains("TaskHandle"));
}

TEST_F(MessageOperationsTest, MessageMoveTaskErrorsAreTheOnesAwsAnswers) {
  CreateQueue("dlq");
  const std::string dlq_arn = "arn:aws:sqs:us-east-1:000000000000:dlq";
  EXPECT_EQ(ErrorType("StartMessageMoveTask", {{"SourceArn", dlq_arn}}), "InvalidParameterValue");
  Ok("SetQueueAttributes", {{"QueueUrl", url_},
                            {"Attributes",
                             {{"RedrivePolicy", R"({"deadLetterTargetArn":")" + dlq_arn +
                                                    R"(","maxReceiveCount":1})"}}}});
  for (int rate : {0, 501, -1}) {
    EXPECT_EQ(ErrorType("StartMessageMoveTask",
                        {{"SourceArn", dlq_arn}, {"MaxNumberOfMessagesPerSecond", rate}}),
              "InvalidParameterValue");
  }
  EXPECT_EQ(
      ErrorType("StartMessageMoveTask", {{"SourceArn", "arn:aws:sqs:us-east-1:000000000000:none"}}),
      "ResourceNotFoundException");
  EXPECT_EQ(ErrorType("StartMessageMoveTask",
                      {{"SourceArn", dlq_arn},
                       {"DestinationArn", "arn:aws:sqs:us-east-1:000000000000:none"}}),
            "ResourceNotFoundException");
  EXPECT_EQ(ErrorType("StartMessageMoveTask", {{"SourceArn", "not-an-arn"}}),
            "InvalidParameterValue");
  EXPECT_EQ(ErrorType("CancelMessageMoveTask", {{"TaskHandle", "nope"}}), "InvalidParameterValue");
  const Result<Json> missing_task = Call(
      "CancelMessageMoveTask",
      {{"TaskHandle",
        MakeMoveTaskHandle("no-such-task",
                           {.account_id = "000000000000", .region = "us-east-1", .name = "dlq"})}});
  ASSERT_FALSE(missing_task.ok());
  EXPECT_EQ(missing_task.status().aws_type(), "ResourceNotFoundException");
  EXPECT_EQ(missing_task.status().message(), "Task does not exist.");
  EXPECT_EQ(ErrorType("CancelMessageMoveTask",
                      {{"TaskHandle", MakeMoveTaskHandle("t", {.account_id = "000000000000",
                                                               .region = "us-east-1",
                                                               .name = "none"})}}),
            "ResourceNotFoundException");
  EXPECT_EQ(
      ErrorType("ListMessageMoveTasks", {{"SourceArn", "arn:aws:sqs:us-east-1:000000000000:none"}}),
      "ResourceNotFoundException");
  for (int max_results : {0, 11}) {
    EXPECT_EQ(
        ErrorType("ListMessageMoveTasks", {{"SourceArn", dlq_arn}, {"MaxResults", max_results}}),
        "InvalidParameterValue");
  }
}

class FifoMessageOperationsTest : public SqsApiTestFixture {
 protected:
  void SetUp() override {
    SqsApiTestFixture::SetUp();
    url_ = CreateQueue("jobs.fifo", {{"FifoQueue", "true"}});
  }

  std::string url_;
};

TEST_F(FifoMessageOperationsTest, FifoSendNeedsGroupAndDeduplication) {
  EXPECT_EQ(ErrorType("SendMessage", {{"QueueUrl", url_}, {"MessageBody", "x"}}),
            "MissingParameter");
  EXPECT_EQ(
      ErrorType("SendMessage", {{"QueueUrl", url_}, {"MessageBody", "x"}, {"MessageGroupId", "g"}}),
      "InvalidParameterValue");
  EXPECT_EQ(ErrorType("SendMessage", {{"QueueUrl", url_},
                                      {"MessageBody", "x"},
                                      {"MessageGroupId", "g"},
                                      {"MessageDeduplicationId", "d"},
                                      {"DelaySeconds", 5}}),
            "InvalidParameterValue");
}

// AWS: pinned by
// test/wire/test_sqs_fifo.py::test_zero_delay_seconds_is_accepted_and_the_queue_delay_applies.
TEST_F(FifoMessageOperationsTest, ZeroDelaySecondsIsAcceptedAndTheQueueDelayApplies) {
  const std::string url = CreateQueue(
      "delayed.fifo",
      {{"FifoQueue", "true"}, {"ContentBasedDeduplication", "true"}, {"DelaySeconds", "5"}});
  Ok("SendMessage",
     {{"QueueUrl", url}, {"MessageBody", "one"}, {"MessageGroupId", "g"}, {"DelaySeconds", 0}});
  Json batch =
      Ok("SendMessageBatch",
         {{"QueueUrl", url},
          {"Entries",
           {{{"Id", "zero"}, {"MessageBody", "two"}, {"MessageGroupId", "g"}, {"DelaySeconds", 0}},
            {{"Id", "five"},
             {"MessageBody", "three"},
             {"MessageGroupId", "g"},
             {"DelaySeconds", 5}}}}});
  ASSERT_EQ(batch["Successful"].size(), 1u);
  EXPECT_EQ(batch["Successful"][0]["Id"], "zero");
  ASSERT_EQ(batch["Failed"].size(), 1u);
  EXPECT_EQ(batch["Failed"][0]["Id"], "five");
  EXPECT_EQ(batch["Failed"][0]["Code"], "InvalidParameterValue");

  EXPECT_FALSE(Ok("ReceiveMessage", {{"QueueUrl", url}}).contains("Messages"));
  clock_.Advance(5s);
  EXPECT_EQ(
      Ok("ReceiveMessage", {{"QueueUrl", url}, {"MaxNumberOfMessages", 10}})["Messages"].size(),
      2u);
}

TEST_F(FifoMessageOperationsTest, DuplicateSendReturnsOriginalIdAndSequence) {
  const Json input = {{"QueueUrl", url_},
                      {"MessageBody", "x"},
                      {"MessageGroupId", "g"},
                      {"MessageDeduplicationId", "d"}};
  Json first = Ok("SendMessage", input);
  Json second = Ok("SendMessage", input);
  EXPECT_EQ(second["MessageId"], first["MessageId"]);
  EXPECT_EQ(second["SequenceNumber"], first["SequenceNumber"]);
  EXPECT_EQ(first["SequenceNumber"].get<std::string>().size(), 20u);
  Json received = Ok(
      "ReceiveMessage",
      {{"QueueUrl", url_}, {"MaxNumberOfMessages", 10}, {"AttributeNames", {"All"}}})["Messages"];
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0]["Attributes"]["MessageGroupId"], "g");
  EXPECT_EQ(received[0]["Attributes"]["MessageDeduplicationId"], "d");
  EXPECT_EQ(received[0]["Attributes"]["SequenceNumber"], first["SequenceNumber"]);
}

TEST_F(FifoMessageOperationsTest, ReceiveRequestAttemptIdRepeatsTheReceive) {
  for (const char* body : {"1", "2"}) {
    Ok("SendMessage", {{"QueueUrl", url_},
                       {"MessageBody", body},
                       {"MessageGroupId", body},
                       {"MessageDeduplicationId", body}});
  }
  const Json receive = {{"QueueUrl", url_}, {"ReceiveRequestAttemptId", "try-1"}};
  Json first = Ok("ReceiveMessage", receive)["Messages"];
  Json retried = Ok("ReceiveMessage", receive)["Messages"];
  EXPECT_EQ(first, retried);
}

}  // namespace
}  // namespace stratus::sqs
