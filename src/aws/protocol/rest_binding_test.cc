#include "aws/protocol/rest_binding.h"

#include <gtest/gtest.h>

#include "aws/model/model_registry.h"
#include "aws/model/service_model.h"
#include "aws/protocol/request_protocol.h"
#include "aws/protocol/uri_template.h"
#include "testing/status_matchers.h"

namespace stratus::aws {
namespace {

http::Request Request(std::string method, std::string target, std::string body = {}) {
  http::Request request;
  request.method = std::move(method);
  request.target = target;
  size_t q = target.find('?');
  request.path = target.substr(0, q);
  request.query = q == std::string::npos ? "" : target.substr(q + 1);
  request.body = std::move(body);
  return request;
}

class RestBindingTest : public ::testing::Test {
 protected:
  ModelRegistry registry_;
  const ServiceModel& s3_ = *registry_.Find("s3");
  const ServiceModel& lambda_ = *registry_.Find("lambda");
};

TEST_F(RestBindingTest, EveryEmbeddedRequestUriParses) {
  for (const EmbeddedModel& entry : registry_.entries()) {
    const ServiceModel* model = registry_.Find(entry.name);
    for (const auto& [name, op] : model->operations()) {
      EXPECT_TRUE(UriTemplate::Parse(op.request_uri).ok()) << entry.name << " " << name;
    }
  }
}

TEST_F(RestBindingTest, FindsTheMostSpecificS3Operation) {
  auto find = [&](std::string method, std::string target) -> std::string {
    const OperationModel* op =
        FindRestOperation(s3_, Request(std::move(method), std::move(target)));
    return op == nullptr ? "(none)" : op->name;
  };
  EXPECT_EQ(find("GET", "/"), "ListBuckets");
  EXPECT_EQ(find("GET", "/bucket?list-type=2&prefix=a"), "ListObjectsV2");
  EXPECT_EQ(find("GET", "/bucket"), "ListObjects");
  EXPECT_EQ(find("GET", "/bucket?tagging"), "GetBucketTagging");
  EXPECT_EQ(find("PUT", "/bucket"), "CreateBucket");
  EXPECT_EQ(find("GET", "/bucket/dir/key.txt"), "GetObject");
  EXPECT_EQ(find("PUT", "/bucket/dir/key.txt"), "PutObject");
  EXPECT_EQ(find("HEAD", "/bucket/key"), "HeadObject");
  EXPECT_EQ(find("POST", "/bucket?delete"), "DeleteObjects");
  EXPECT_EQ(find("POST", "/bucket/key?uploads"), "CreateMultipartUpload");
  EXPECT_EQ(find("PATCH", "/bucket"), "(none)");
}

TEST_F(RestBindingTest, ReadsS3PutObjectFromPathHeadersAndBody) {
  http::Request request = Request("PUT", "/bucket/a%20b/c.txt", "hello");
  request.headers.Set("Content-Type", "text/plain");
  request.headers.Set("x-amz-meta-owner", "me");
  request.headers.Set("Content-Length", "5");
  const OperationModel* op = FindRestOperation(s3_, request);
  ASSERT_NE(op, nullptr);
  ASSERT_OK_AND_ASSIGN(Json input, ReadRestRequest(s3_, *op, Protocol::kRestXml, request));
  EXPECT_EQ(input["Bucket"], "bucket");
  EXPECT_EQ(input["Key"], "a b/c.txt");
  EXPECT_EQ(input["Body"], "aGVsbG8=");
  EXPECT_EQ(input["ContentType"], "text/plain");
  EXPECT_EQ(input["ContentLength"], 5);
  EXPECT_EQ(input["Metadata"], Json::parse(R"({"owner": "me"})"));
}

TEST_F(RestBindingTest, ReadsAnXmlPayloadAndRejectsMalformedXml) {
  http::Request request = Request(
      "POST", "/bucket?delete",
      "<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Object><Key>a</Key></Object>"
      "<Object><Key>b</Key><VersionId>v</VersionId></Object><Quiet>true</Quiet></Delete>");
  const OperationModel* op = FindRestOperation(s3_, request);
  ASSERT_NE(op, nullptr);
  ASSERT_OK_AND_ASSIGN(Json input, ReadRestRequest(s3_, *op, Protocol::kRestXml, request));
  EXPECT_EQ(
      input["Delete"],
      Json::parse(R"({"Objects": [{"Key": "a"}, {"Key": "b", "VersionId": "v"}], "Quiet": true})"));
  request.body = "<Delete><Object>";
  Result<Json> bad = ReadRestRequest(s3_, *op, Protocol::kRestXml, request);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().aws_type(), "MalformedXML");
}

TEST_F(RestBindingTest, WritesS3OutputHeadersAndXmlBody) {
  const OperationModel& get = *s3_.FindOperation("GetObject");
  http::Response response = WriteRestResponse(
      s3_, get, Protocol::kRestXml,
      Json::parse(
          R"({"Body": "aGVsbG8=", "ContentType": "text/plain", "ETag": "\"abc\"", "LastModified": 1398796238,
                      "Metadata": {"owner": "me"}, "ContentLength": 5})"));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "hello");
  EXPECT_EQ(response.headers.Get("Content-Type").value_or(""), "text/plain");
  EXPECT_EQ(response.headers.Get("Last-Modified").value_or(""), "Tue, 29 Apr 2014 18:30:38 GMT");
  EXPECT_EQ(response.headers.Get("x-amz-meta-owner").value_or(""), "me");
  EXPECT_EQ(response.headers.Get("ETag").value_or(""), "\"abc\"");

  const OperationModel& list = *s3_.FindOperation("ListObjectsV2");
  http::Response listing =
      WriteRestResponse(s3_, list, Protocol::kRestXml,
                        Json::parse(R"({"Name": "b", "KeyCount": 1, "IsTruncated": false,
                      "Contents": [{"Key": "k", "Size": 3, "LastModified": 0}]})"));
  EXPECT_NE(
      listing.body.find(
          "<Contents><Key>k</Key><LastModified>1970-01-01T00:00:00Z</LastModified><Size>3</Size>"
          "</Contents>"),
      std::string::npos)
      << listing.body;
}

TEST_F(RestBindingTest, ReadsLambdaInvokeWithARawPayload) {
  http::Request request =
      Request("POST", "/2015-03-31/functions/my-fn/invocations?Qualifier=1", R"({"a":1})");
  request.headers.Set("X-Amz-Invocation-Type", "Event");
  const OperationModel* op = FindRestOperation(lambda_, request);
  ASSERT_NE(op, nullptr);
  EXPECT_EQ(op->name, "Invoke");
  ASSERT_OK_AND_ASSIGN(Json input, ReadRestRequest(lambda_, *op, Protocol::kRestJson, request));
  EXPECT_EQ(input,
            Json::parse(R"({"FunctionName": "my-fn", "Qualifier": "1", "InvocationType": "Event",
                                   "Payload": "eyJhIjoxfQ=="})"));
}

TEST_F(RestBindingTest, RejectsAMalformedJsonBody) {
  http::Request request = Request("POST", "/2015-03-31/functions", "{not json");
  const OperationModel* op = FindRestOperation(lambda_, request);
  ASSERT_NE(op, nullptr);
  Result<Json> input = ReadRestRequest(lambda_, *op, Protocol::kRestJson, request);
  ASSERT_FALSE(input.ok());
  EXPECT_EQ(input.status().aws_type(), "SerializationException");
}

TEST_F(RestBindingTest, TellsWhichProtocolARequestSpeaks) {
  const ServiceModel& sqs = *registry_.Find("sqs");
  http::Request json = Request("POST", "/");
  json.headers.Set("X-Amz-Target", "AmazonSQS.ListQueues");
  json.headers.Set("Content-Type", "application/x-amz-json-1.0");
  EXPECT_EQ(RequestProtocol(sqs, json), Protocol::kJson10);
  http::Request form = Request("POST", "/", "Action=ListQueues");
  form.headers.Set("Content-Type", "application/x-www-form-urlencoded");
  EXPECT_EQ(RequestProtocol(sqs, form), Protocol::kQuery);
  EXPECT_EQ(RequestProtocol(sqs, Request("GET", "/?Action=ListQueues")), Protocol::kQuery);
  EXPECT_EQ(RequestProtocol(s3_, form), Protocol::kRestXml);
  const ServiceModel& monitoring = *registry_.Find("monitoring");
  EXPECT_EQ(RequestProtocol(monitoring, form), Protocol::kQuery);
}

}  // namespace
}  // namespace stratus::aws
