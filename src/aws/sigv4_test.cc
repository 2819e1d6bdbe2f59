#include "aws/sigv4.h"

#include <cstdio>
#include <fstream>

#include <stdlib.h>

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace stratus::aws {
namespace {

// Signed by botocore 1.43's SigV4Auth with the credentials below.
constexpr char kSecret[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

http::Request SignedSqsRequest() {
  http::Request request;
  request.method = "POST";
  request.target = "/";
  request.path = "/";
  request.body = R"({"QueueName":"orders"})";
  request.headers.Add("Host", "localhost:4566");
  request.headers.Add("Content-Type", "application/x-amz-json-1.0");
  request.headers.Add("X-Amz-Target", "AmazonSQS.CreateQueue");
  request.headers.Add("X-Amz-Date", "20261123T005056Z");
  request.headers.Add(
      "Authorization",
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261123/us-east-1/sqs/aws4_request, "
      "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
      "Signature=214b2517990d049b26dc8d4e59cdadd1c3f841805bef28a730710f3ec405c63e");
  return request;
}

http::Request PresignedS3Request() {
  http::Request request;
  request.method = "GET";
  request.path = "/bucket/my%20key.txt";
  request.query =
      "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20261123%2Fus-east-1%2Fs3%"
      "2Faws4_request&X-Amz-Date=20261123T005056Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-"
      "Amz-Signature=64a1dac76e9aee48e636e5e2cc7dd8df035589dfa7e145bab8ff7ab2c8727035";
  request.target = request.path + "?" + request.query;
  request.headers.Add("Host", "localhost:4566");
  return request;
}

TEST(SigV4Test, ParsesCredentialScopeFromAuthorizationHeader) {
  ASSERT_OK_AND_ASSIGN(std::optional<SigV4Signature> signature, ParseSigV4(SignedSqsRequest()));
  ASSERT_TRUE(signature.has_value());
  EXPECT_EQ(signature->access_key_id, "AKIDEXAMPLE");
  EXPECT_EQ(signature->region, "us-east-1");
  EXPECT_EQ(signature->service, "sqs");
  EXPECT_EQ(signature->date, "20261123");
  EXPECT_EQ(signature->signed_headers.size(), 4u);
  EXPECT_FALSE(signature->presigned);
}

TEST(SigV4Test, RequestWithoutSignatureIsAnonymous) {
  http::Request request;
  request.method = "GET";
  request.path = "/";
  ASSERT_OK_AND_ASSIGN(std::optional<SigV4Signature> signature, ParseSigV4(request));
  EXPECT_FALSE(signature.has_value());
}

TEST(SigV4Test, MalformedHeaderIsIncompleteSignature) {
  http::Request request;
  request.headers.Add("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/bad");
  Result<std::optional<SigV4Signature>> signature = ParseSigV4(request);
  EXPECT_STATUS(StatusCode::kInvalidArgument, signature);
  EXPECT_EQ(signature.status().aws_type(), "IncompleteSignature");
}

TEST(SigV4Test, VerifiesSignatureComputedByBotocore) {
  const http::Request request = SignedSqsRequest();
  ASSERT_OK_AND_ASSIGN(std::optional<SigV4Signature> signature, ParseSigV4(request));
  EXPECT_OK(VerifySigV4(request, *signature, {{"AKIDEXAMPLE", kSecret}}));
}

TEST(SigV4Test, VerifiesPresignedS3UrlComputedByBotocore) {
  const http::Request request = PresignedS3Request();
  ASSERT_OK_AND_ASSIGN(std::optional<SigV4Signature> signature, ParseSigV4(request));
  ASSERT_TRUE(signature.has_value());
  EXPECT_TRUE(signature->presigned);
  EXPECT_EQ(signature->service, "s3");
  EXPECT_OK(VerifySigV4(request, *signature, {{"AKIDEXAMPLE", kSecret}}));
}

TEST(SigV4Test, TamperedBodyIsSignatureDoesNotMatch) {
  http::Request request = SignedSqsRequest();
  request.body = R"({"QueueName":"other"})";
  ASSERT_OK_AND_ASSIGN(std::optional<SigV4Signature> signature, ParseSigV4(request));
  Status status = VerifySigV4(request, *signature, {{"AKIDEXAMPLE", kSecret}});
  EXPECT_EQ(status.aws_type(), "SignatureDoesNotMatch");
  EXPECT_EQ(status.http_status(), 403);
}

TEST(SigV4Test, UnknownAccessKeyIsInvalidClientTokenId) {
  const http::Request request = SignedSqsRequest();
  ASSERT_OK_AND_ASSIGN(std::optional<SigV4Signature> signature, ParseSigV4(request));
  Status status = VerifySigV4(request, *signature, {{"SOMEONEELSE", kSecret}});
  EXPECT_EQ(status.aws_type(), "InvalidClientTokenId");
}

TEST(SigV4Test, LoadsEveryProfileFromSharedCredentialsFile) {
  char path[] = "/tmp/stratus_credentials_XXXXXX";
  const int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  {
    std::ofstream file(path);
    file << "[default]\naws_access_key_id = AKID1\naws_secret_access_key = s1\n\n"
            "[other]\nAWS_ACCESS_KEY_ID=AKID2\naws_secret_access_key=s2\n";
  }
  Result<CredentialStore> store = LoadCredentialsFile(path);
  std::remove(path);
  ASSERT_OK(store);
  EXPECT_EQ(store->at("AKID1"), "s1");
  EXPECT_EQ(store->at("AKID2"), "s2");
}

}  // namespace
}  // namespace stratus::aws
