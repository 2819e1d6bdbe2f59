#include "aws/protocol/query_codec.h"

#include <gtest/gtest.h>

#include "aws/model/model_registry.h"
#include "aws/model/service_model.h"
#include "aws/protocol/xml_document.h"
#include "testing/status_matchers.h"

namespace stratus::aws {
namespace {

http::Request FormRequest(std::string body) {
  http::Request request;
  request.method = "POST";
  request.target = "/";
  request.path = "/";
  request.headers.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
  request.body = std::move(body);
  return request;
}

RequestContext Context() {
  RequestContext context;
  context.request_id = "req-1";
  return context;
}

class QueryCodecTest : public ::testing::Test {
 protected:
  const ServiceModel& sqs() { return *registry_.Find("sqs"); }

  const OperationModel& op(std::string_view name) { return *sqs().FindOperation(name); }

  ModelRegistry registry_;
  QueryCodec codec_;
};

// The bodies below are what Debian's botocore 1.29 (boto3 1.26) sends.
TEST_F(QueryCodecTest, ParsesSqsSendMessageWithMessageAttributes) {
  http::Request request = FormRequest(
      "Action=SendMessage&Version=2012-11-05&QueueUrl=http%3A%2F%2Flocalhost%3A4566%2F000000000000%"
      "2Fq"
      "&MessageBody=hi+there&DelaySeconds=5&MessageAttribute.1.Name=a1&MessageAttribute.1.Value."
      "DataType=String"
      "&MessageAttribute.1.Value.StringValue=v1&MessageAttribute.2.Name=b2"
      "&MessageAttribute.2.Value.DataType=Binary&MessageAttribute.2.Value.BinaryValue=AAE%3D"
      "&MessageSystemAttribute.1.Name=AWSTraceHeader&MessageSystemAttribute.1.Value.DataType=String"
      "&MessageSystemAttribute.1.Value.StringValue=t");
  ASSERT_OK_AND_ASSIGN(Json input, codec_.ParseRequest(sqs(), op("SendMessage"), request));
  EXPECT_EQ(input, Json::parse(R"({
    "QueueUrl": "http://localhost:4566/000000000000/q", "MessageBody": "hi there", "DelaySeconds": 5,
    "MessageAttributes": {"a1": {"DataType": "String", "StringValue": "v1"},
                          "b2": {"DataType": "Binary", "BinaryValue": "AAE="}},
    "MessageSystemAttributes": {"AWSTraceHeader": {"DataType": "String", "StringValue": "t"}}})"));
}

TEST_F(QueryCodecTest, ParsesFlattenedMapsListsAndBatchEntries) {
  ASSERT_OK_AND_ASSIGN(
      Json create,
      codec_.ParseRequest(sqs(), op("CreateQueue"),
                          FormRequest("Action=CreateQueue&QueueName=q&Attribute.1.Name="
                                      "VisibilityTimeout&Attribute.1.Value=30&Attribute.2"
                                      ".Name=FifoQueue&Attribute.2.Value=true&Tag.1.Key=k"
                                      "&Tag.1.Value=v")));
  EXPECT_EQ(
      create,
      Json::parse(
          R"({"QueueName": "q", "Attributes": {"VisibilityTimeout": "30", "FifoQueue": "true"},
                                    "tags": {"k": "v"}})"));

  ASSERT_OK_AND_ASSIGN(
      Json receive,
      codec_.ParseRequest(sqs(), op("ReceiveMessage"),
                          FormRequest("Action=ReceiveMessage&QueueUrl=u&AttributeName.1=All"
                                      "&MessageAttributeName.1=All&MessageAttributeName.2=x"
                                      "&MaxNumberOfMessages=10")));
  EXPECT_EQ(
      receive,
      Json::parse(
          R"({"QueueUrl": "u", "AttributeNames": ["All"], "MessageAttributeNames": ["All", "x"],
                                     "MaxNumberOfMessages": 10})"));

  ASSERT_OK_AND_ASSIGN(
      Json batch,
      codec_.ParseRequest(
          sqs(), op("SendMessageBatch"),
          FormRequest("Action=SendMessageBatch&QueueUrl=u&SendMessageBatchRequestEntry.1.Id=1"
                      "&SendMessageBatchRequestEntry.1.MessageBody=a"
                      "&SendMessageBatchRequestEntry.1.MessageAttribute.1.Name=k"
                      "&SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.DataType=Number"
                      "&SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.StringValue=1"
                      "&SendMessageBatchRequestEntry.2.Id=2"
                      "&SendMessageBatchRequestEntry.2.MessageBody=b")));
  EXPECT_EQ(batch, Json::parse(R"({"QueueUrl": "u", "Entries": [
      {"Id": "1", "MessageBody": "a", "MessageAttributes": {"k": {"DataType": "Number", "StringValue": "1"}}},
      {"Id": "2", "MessageBody": "b"}]})"));

  ASSERT_OK_AND_ASSIGN(
      Json untag,
      codec_.ParseRequest(sqs(), op("UntagQueue"),
                          FormRequest("Action=UntagQueue&QueueUrl=u&TagKey.1=a&TagKey.2=b")));
  EXPECT_EQ(untag, Json::parse(R"({"QueueUrl": "u", "TagKeys": ["a", "b"]})"));
}

TEST_F(QueryCodecTest, ParsesAnEmptyListAndOrdersItemsByIndex) {
  ASSERT_OK_AND_ASSIGN(
      Json input,
      codec_.ParseRequest(sqs(), op("GetQueueAttributes"),
                          FormRequest("Action=GetQueueAttributes&QueueUrl=u&AttributeNames=")));
  EXPECT_EQ(input, Json::parse(R"({"QueueUrl": "u", "AttributeNames": []})"));
  ASSERT_OK_AND_ASSIGN(
      Json ordered,
      codec_.ParseRequest(sqs(), op("UntagQueue"),
                          FormRequest("TagKey.10=j&TagKey.2=b&TagKey.1=a&QueueUrl=u")));
  EXPECT_EQ(ordered["TagKeys"], Json::parse(R"(["a", "b", "j"])"));
}

TEST_F(QueryCodecTest, ReadsParametersFromTheQueryStringOfAGet) {
  http::Request request;
  request.method = "GET";
  request.query = "Action=GetQueueUrl&QueueName=my%20q";
  ASSERT_OK_AND_ASSIGN(Json input, codec_.ParseRequest(sqs(), op("GetQueueUrl"), request));
  EXPECT_EQ(input, Json::parse(R"({"QueueName": "my q"})"));
}

TEST_F(QueryCodecTest, RejectsAnIntegerThatDoesNotParse) {
  Result<Json> input = codec_.ParseRequest(sqs(), op("ReceiveMessage"),
                                           FormRequest("QueueUrl=u&MaxNumberOfMessages=ten"));
  ASSERT_FALSE(input.ok());
  EXPECT_EQ(input.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(input.status().aws_type(), "InvalidParameterValue");
}

TEST_F(QueryCodecTest, WritesFlattenedSqsListsAndMaps) {
  Json output =
      Json::parse(R"({"Messages": [{"MessageId": "m1", "ReceiptHandle": "r&1", "MD5OfBody": "x",
      "Body": "<b>", "Attributes": {"SenderId": "s"},
      "MessageAttributes": {"a": {"DataType": "String", "StringValue": "v"}}}]})");
  http::Response response =
      codec_.SerializeResponse(sqs(), op("ReceiveMessage"), output, Context());
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(
      response.body,
      "<ReceiveMessageResponse "
      "xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\"><ReceiveMessageResult>"
      "<Message><Attribute><Name>SenderId</Name><Value>s</Value></Attribute><Body>&lt;b&gt;</Body>"
      "<MD5OfBody>x</MD5OfBody><MessageAttribute><Name>a</Name><Value><DataType>String</DataType>"
      "<StringValue>v</StringValue></Value></MessageAttribute><MessageId>m1</MessageId>"
      "<ReceiptHandle>r&amp;1</ReceiptHandle></Message></ReceiveMessageResult>"
      "<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></ReceiveMessageResponse>");
}

TEST_F(QueryCodecTest, WritesSqsBatchListAndAttributeResults) {
  http::Response batch = codec_.SerializeResponse(
      sqs(), op("SendMessageBatch"),
      Json::parse(R"({"Successful": [{"Id": "1", "MessageId": "m", "MD5OfMessageBody": "x"}],
                      "Failed": [{"Id": "2", "SenderFault": true, "Code": "InvalidParameterValue", "Message": "bad"}]})"),
      Context());
  // Members come in name order (Failed before Successful); SDK parsers do not mind.
  EXPECT_NE(batch.body.find(
                "<SendMessageBatchResult><BatchResultErrorEntry><Code>InvalidParameterValue</"
                "Code><Id>2</Id>"
                "<Message>bad</Message><SenderFault>true</SenderFault></BatchResultErrorEntry>"
                "<SendMessageBatchResultEntry><Id>1</Id><MD5OfMessageBody>x</MD5OfMessageBody>"
                "<MessageId>m</MessageId></SendMessageBatchResultEntry></SendMessageBatchResult>"),
            std::string::npos)
      << batch.body;
  http::Response list = codec_.SerializeResponse(
      sqs(), op("ListQueues"), Json::parse(R"({"QueueUrls": ["http://a", "http://b"]})"),
      Context());
  EXPECT_NE(
      list.body.find("<ListQueuesResult><QueueUrl>http://a</QueueUrl><QueueUrl>http://b</QueueUrl>"
                     "</ListQueuesResult>"),
      std::string::npos)
      << list.body;
  http::Response attributes =
      codec_.SerializeResponse(sqs(), op("GetQueueAttributes"),
                               Json::parse(R"({"Attributes": {"DelaySeconds": "0"}})"), Context());
  EXPECT_NE(attributes.body.find(
                "<GetQueueAttributesResult><Attribute><Name>DelaySeconds</Name><Value>0</Value>"
                "</Attribute></GetQueueAttributesResult>"),
            std::string::npos)
      << attributes.body;
}

TEST_F(QueryCodecTest, WritesTheResultWrapperEvenForEmptyOutput) {
  http::Response response =
      codec_.SerializeResponse(sqs(), op("ListQueues"), Json::object(), Context());
  ASSERT_OK_AND_ASSIGN(XmlElement root, ParseXml(response.body));
  EXPECT_EQ(root.name, "ListQueuesResponse");
  EXPECT_NE(root.Child("ListQueuesResult"), nullptr);
  http::Response purge =
      codec_.SerializeResponse(sqs(), op("PurgeQueue"), Json::object(), Context());
  EXPECT_EQ(
      purge.body,
      "<PurgeQueueResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\"><ResponseMetadata>"
      "<RequestId>req-1</RequestId></ResponseMetadata></PurgeQueueResponse>");
}

TEST_F(QueryCodecTest, WritesErrorsWithTheQueryCode) {
  http::Response response = codec_.SerializeError(
      sqs(),
      Status::NotFound("The specified queue does not exist.").WithAwsType("QueueDoesNotExist"),
      Context());
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.body,
            "<ErrorResponse "
            "xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\"><Error><Type>Sender</Type>"
            "<Code>AWS.SimpleQueueService.NonExistentQueue</Code><Message>The specified queue does "
            "not exist."
            "</Message><Detail/></Error><RequestId>req-1</RequestId></ErrorResponse>");
  http::Response internal = codec_.SerializeError(sqs(), Status::Internal("boom"), Context());
  EXPECT_EQ(internal.status, 500);
  EXPECT_NE(internal.body.find("<Type>Receiver</Type><Code>InternalFailure</Code>"),
            std::string::npos);
  http::Response purge = codec_.SerializeError(
      sqs(), Status::FailedPrecondition("wait").WithAwsType("PurgeQueueInProgress"), Context());
  EXPECT_EQ(purge.status, 403);
}

}  // namespace
}  // namespace stratus::aws
