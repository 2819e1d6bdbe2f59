#include "aws/dispatcher.h"

#include <gtest/gtest.h>

#include "aws/model/model_registry.h"
#include "aws/model/service_model.h"
#include "base/fake_clock.h"
#include "base/random.h"

namespace stratus::aws {
namespace {

class DispatcherTest : public ::testing::Test {
 protected:
  DispatcherTest() {
    operations_.Add("sqs", "ListQueues", Sync([this](const RequestContext& context, const Json&) {
                      last_context_ = context;
                      return Result<Json>(Json{{"QueueUrls", Json::array({"http://q/1/a"})}});
                    }));
  }

  http::Response Call(const Dispatcher& dispatcher, http::Request request) {
    http::Response out;
    dispatcher.Handle(std::move(request), [&out](http::Response response) { out = response; });
    return out;
  }

  static http::Request JsonRequest(std::string target, std::string body = "{}") {
    http::Request request;
    request.method = "POST";
    request.path = "/";
    request.target = "/";
    request.headers.Add("Host", "localhost:4566");
    request.headers.Add("Content-Type", "application/x-amz-json-1.0");
    request.headers.Add("X-Amz-Target", std::move(target));
    request.body = std::move(body);
    return request;
  }

  Dispatcher MakeDispatcher(std::optional<CredentialStore> credentials = std::nullopt) {
    return Dispatcher(DispatcherOptions{.account_id = "123456789012",
                                        .default_region = "eu-west-1",
                                        .credentials = std::move(credentials)},
                      models_, operations_, ids_, clock_);
  }

  ModelRegistry models_;
  OperationTable operations_;
  IdGenerator ids_{1};
  FakeClock clock_;
  RequestContext last_context_;
};

TEST_F(DispatcherTest, RoutesJsonRequestsByTargetHeader) {
  Dispatcher dispatcher = MakeDispatcher();
  http::Response response = Call(dispatcher, JsonRequest("AmazonSQS.ListQueues"));
  EXPECT_EQ(response.status, 200);
  EXPECT_NE(response.body.find("http://q/1/a"), std::string::npos);
  EXPECT_EQ(last_context_.account_id, "123456789012");
  EXPECT_EQ(last_context_.region, "eu-west-1");
  EXPECT_EQ(last_context_.host, "localhost:4566");
  EXPECT_FALSE(last_context_.request_id.empty());
}

TEST_F(DispatcherTest, RoutesUnsignedQueryRequestsByAction) {
  Dispatcher dispatcher = MakeDispatcher();
  http::Request request;
  request.method = "POST";
  request.path = "/";
  request.headers.Add("Content-Type", "application/x-www-form-urlencoded");
  request.body = "Action=ListQueues&Version=2012-11-05";
  const Route route = dispatcher.Resolve(request, std::nullopt);
  ASSERT_NE(route.service, nullptr);
  EXPECT_EQ(route.service->name(), "sqs");
  ASSERT_NE(route.operation, nullptr);
  EXPECT_EQ(route.operation->name, "ListQueues");
  http::Response response = Call(dispatcher, request);
  EXPECT_EQ(response.status, 200);
  EXPECT_NE(response.body.find("<ListQueuesResponse"), std::string::npos);
}

TEST_F(DispatcherTest, TakesRegionFromCredentialScope) {
  Dispatcher dispatcher = MakeDispatcher();
  http::Request request = JsonRequest("AmazonSQS.ListQueues");
  request.headers.Add("Authorization",
                      "AWS4-HMAC-SHA256 Credential=AKID/20260101/ap-south-1/sqs/aws4_request, "
                      "SignedHeaders=host, Signature=00");
  EXPECT_EQ(Call(dispatcher, request).status, 200);
  EXPECT_EQ(last_context_.region, "ap-south-1");
  EXPECT_EQ(last_context_.access_key_id, "AKID");
}

TEST_F(DispatcherTest, RoutesRestRequestsByMethodAndUriTemplate) {
  Dispatcher dispatcher = MakeDispatcher();
  http::Request request;
  request.method = "GET";
  request.path = "/2015-03-31/functions/my-function";
  request.target = request.path;
  request.headers.Add("Authorization",
                      "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/lambda/aws4_request, "
                      "SignedHeaders=host, Signature=00");
  SigV4Signature signature;
  signature.service = "lambda";
  const Route route = dispatcher.Resolve(request, signature);
  ASSERT_NE(route.service, nullptr);
  EXPECT_EQ(route.service->name(), "lambda");
  EXPECT_EQ(route.operation_name, "GetFunction");
}

TEST_F(DispatcherTest, UnknownOperationIsAnAwsShapedError) {
  Dispatcher dispatcher = MakeDispatcher();
  http::Response response = Call(dispatcher, JsonRequest("AmazonSQS.FlyToTheMoon"));
  EXPECT_EQ(response.status, 400);
  EXPECT_NE(response.body.find("UnknownOperation"), std::string::npos) << response.body;
}

TEST_F(DispatcherTest, ModelledButUnimplementedOperationIsAnAwsShapedError) {
  Dispatcher dispatcher = MakeDispatcher();
  http::Response response = Call(dispatcher, JsonRequest("AmazonSQS.PurgeQueue"));
  EXPECT_EQ(response.status, 400);
  EXPECT_NE(response.body.find("UnknownOperation"), std::string::npos) << response.body;
}

TEST_F(DispatcherTest, UnroutableRequestGetsUnknownServiceError) {
  Dispatcher dispatcher = MakeDispatcher();
  http::Request request;
  request.method = "POST";
  request.path = "/";
  request.headers.Set("Content-Type", "application/x-www-form-urlencoded");
  request.body = "Action=NoServiceHasThis&Version=2012-11-05";
  http::Response response = Call(dispatcher, request);
  EXPECT_EQ(response.status, 400);
  EXPECT_NE(response.body.find("UnknownServiceException"), std::string::npos);
}

TEST_F(DispatcherTest, UnsignedPathRequestWithoutServiceHostIsS3) {
  Dispatcher dispatcher = MakeDispatcher();
  http::Request request;
  request.method = "GET";
  request.path = "/no-such-bucket/key";
  http::Response response = Call(dispatcher, request);
  // AWS: an anonymous GET of an object is S3's; the bucket does not exist.
  EXPECT_NE(response.body.find("<Code>"), std::string::npos) << response.body;
}

TEST(VirtualHostBucketTest, NamesTheBucketOfVirtualHostedStyleHosts) {
  ModelRegistry models;
  const std::vector<std::string> suffixes = {"localhost"};
  EXPECT_EQ(VirtualHostBucket("lake.localhost", suffixes, models, std::nullopt), "lake");
  EXPECT_EQ(VirtualHostBucket("lake.s3.localhost", suffixes, models, std::nullopt), "lake");
  EXPECT_EQ(VirtualHostBucket("lake.s3.us-east-1.localhost", suffixes, models, std::nullopt),
            "lake");
  EXPECT_EQ(
      VirtualHostBucket("datalake.staging.liveproject.localhost", suffixes, models, std::nullopt),
      "datalake.staging.liveproject");
  EXPECT_EQ(VirtualHostBucket("logs.s3.backup.s3.localhost", suffixes, models, std::nullopt),
            "logs.s3.backup");
  EXPECT_EQ(
      VirtualHostBucket("logs.s3.backup.s3.eu-west-1.localhost", suffixes, models, std::nullopt),
      "logs.s3.backup");
  EXPECT_EQ(VirtualHostBucket("x.s3.y.localhost", suffixes, models, std::nullopt), "x.s3.y");
  EXPECT_EQ(VirtualHostBucket("localhost", suffixes, models, std::nullopt), "");
  EXPECT_EQ(VirtualHostBucket("s3.localhost", suffixes, models, std::nullopt), "");
  EXPECT_EQ(VirtualHostBucket("s3.eu-west-1.localhost", suffixes, models, std::nullopt), "");
  EXPECT_EQ(VirtualHostBucket("127.0.0.1", suffixes, models, std::nullopt), "");
  EXPECT_EQ(VirtualHostBucket("lake.example.com", suffixes, models, std::nullopt), "");
  // "sqs.localhost" is SQS's endpoint, unless the request is signed for S3.
  EXPECT_EQ(VirtualHostBucket("sqs.localhost", suffixes, models, std::nullopt), "");
  SigV4Signature s3_signature;
  s3_signature.service = "s3";
  EXPECT_EQ(VirtualHostBucket("sqs.localhost", suffixes, models, s3_signature), "sqs");
  SigV4Signature sqs_signature;
  sqs_signature.service = "sqs";
  EXPECT_EQ(VirtualHostBucket("lake.localhost", suffixes, models, sqs_signature), "");
}

TEST_F(DispatcherTest, MalformedJsonBodyIsASerializationError) {
  Dispatcher dispatcher = MakeDispatcher();
  http::Response response = Call(dispatcher, JsonRequest("AmazonSQS.ListQueues", "{not json"));
  EXPECT_EQ(response.status, 400);
  EXPECT_NE(response.body.find("SerializationException"), std::string::npos) << response.body;
}

TEST_F(DispatcherTest, ConfiguredCredentialsRejectUnsignedRequests) {
  Dispatcher dispatcher = MakeDispatcher(CredentialStore{{"AKID", "secret"}});
  http::Response response = Call(dispatcher, JsonRequest("AmazonSQS.ListQueues"));
  EXPECT_EQ(response.status, 403);
  EXPECT_NE(response.body.find("MissingAuthenticationToken"), std::string::npos) << response.body;
}

TEST_F(DispatcherTest, ConfiguredCredentialsRejectBadSignatures) {
  Dispatcher dispatcher = MakeDispatcher(CredentialStore{{"AKID", "secret"}});
  http::Request request = JsonRequest("AmazonSQS.ListQueues");
  request.headers.Add("X-Amz-Date", "20260101T000000Z");
  request.headers.Add("Authorization",
                      "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/sqs/aws4_request, "
                      "SignedHeaders=host;x-amz-date, Signature=0000");
  http::Response response = Call(dispatcher, request);
  EXPECT_EQ(response.status, 403);
  EXPECT_NE(response.body.find("SignatureDoesNotMatch"), std::string::npos) << response.body;
}

// Signs `request` with SigV4 for SQS as `access_key_id`, carrying `token`
// when it is not empty.
void SignForSqs(http::Request& request,
                const std::string& access_key_id,
                const std::string& secret,
                const std::string& token = "") {
  request.headers.Add("X-Amz-Date", "20260101T000000Z");
  SigV4Signature signature{.access_key_id = access_key_id,
                           .date = "20260101",
                           .region = "us-east-1",
                           .service = "sqs",
                           .signed_headers = {"host", "x-amz-date"},
                           .signature = {},
                           .timestamp = "20260101T000000Z"};
  if (!token.empty()) {
    request.headers.Add("X-Amz-Security-Token", token);
    signature.signed_headers.push_back("x-amz-security-token");
  }
  const std::string signed_headers =
      token.empty() ? "host;x-amz-date" : "host;x-amz-date;x-amz-security-token";
  request.headers.Add("Authorization",
                      "AWS4-HMAC-SHA256 Credential=" + access_key_id +
                          "/20260101/us-east-1/sqs/aws4_request, SignedHeaders=" + signed_headers +
                          ", Signature=" + ComputeSignature(request, signature, secret));
}

CredentialLookup LookupOf(std::string key, LookedUpCredential credential) {
  return [key = std::move(key), credential = std::move(credential)](
             std::string_view access_key_id) -> std::optional<LookedUpCredential> {
    if (access_key_id != key) {
      return std::nullopt;
    }
    return credential;
  };
}

TEST_F(DispatcherTest, LookedUpKeysVerifyBesideConfiguredOnes) {
  Dispatcher dispatcher(
      DispatcherOptions{.credentials = CredentialStore{{"AKID", "secret"}},
                        .credential_lookup = LookupOf("AKIAMADE", {.secret_access_key = "made"})},
      models_, operations_, ids_, clock_);
  http::Request configured = JsonRequest("AmazonSQS.ListQueues");
  SignForSqs(configured, "AKID", "secret");
  EXPECT_EQ(Call(dispatcher, configured).status, 200);
  http::Request made = JsonRequest("AmazonSQS.ListQueues");
  SignForSqs(made, "AKIAMADE", "made");
  EXPECT_EQ(Call(dispatcher, made).status, 200);
  EXPECT_EQ(last_context_.access_key_id, "AKIAMADE");
  http::Request wrong_secret = JsonRequest("AmazonSQS.ListQueues");
  SignForSqs(wrong_secret, "AKIAMADE", "other");
  http::Response refused = Call(dispatcher, wrong_secret);
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(refused.body.find("SignatureDoesNotMatch"), std::string::npos) << refused.body;
}

TEST_F(DispatcherTest, TemporaryCredentialsNeedTheirTokenAndExpire) {
  clock_.Set(FromUnixMillis(1'000'000));
  Dispatcher dispatcher(
      DispatcherOptions{.credentials = CredentialStore{{"AKID", "secret"}},
                        .credential_lookup = LookupOf("ASIATEMP", {.secret_access_key = "temp",
                                                                   .session_token = "token",
                                                                   .expires_millis = 2'000'000})},
      models_, operations_, ids_, clock_);
  http::Request with_token = JsonRequest("AmazonSQS.ListQueues");
  SignForSqs(with_token, "ASIATEMP", "temp", "token");
  EXPECT_EQ(Call(dispatcher, with_token).status, 200);

  http::Request without_token = JsonRequest("AmazonSQS.ListQueues");
  SignForSqs(without_token, "ASIATEMP", "temp");
  http::Response refused = Call(dispatcher, without_token);
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(refused.body.find("InvalidClientTokenId"), std::string::npos) << refused.body;

  clock_.Set(FromUnixMillis(2'000'000));
  http::Request expired = JsonRequest("AmazonSQS.ListQueues");
  SignForSqs(expired, "ASIATEMP", "temp", "token");
  http::Response late = Call(dispatcher, expired);
  EXPECT_EQ(late.status, 403);
  EXPECT_NE(late.body.find("ExpiredToken"), std::string::npos) << late.body;
}

TEST_F(DispatcherTest, InactiveLookedUpKeyIsUnknown) {
  Dispatcher dispatcher(
      DispatcherOptions{
          .credentials = CredentialStore{{"AKID", "secret"}},
          .credential_lookup = LookupOf("AKIAOFF", {.secret_access_key = "off", .active = false})},
      models_, operations_, ids_, clock_);
  http::Request request = JsonRequest("AmazonSQS.ListQueues");
  SignForSqs(request, "AKIAOFF", "off");
  http::Response refused = Call(dispatcher, request);
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(refused.body.find("InvalidClientTokenId"), std::string::npos) << refused.body;
}

}  // namespace
}  // namespace stratus::aws
