#include "aws/sigv2.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace stratus::aws {
namespace {

const CredentialStore kCredentials = {{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"}};

http::Request Make(std::string method, std::string target) {
  http::Request request;
  request.method = std::move(method);
  request.target = std::move(target);
  const size_t question = request.target.find('?');
  request.path = request.target.substr(0, question);
  if (question != std::string::npos) {
    request.query = request.target.substr(question + 1);
  }
  return request;
}

// The signature botocore 1.43 (HmacV1QueryAuth) gives this URL: awscli v1's `s3 presign`.
TEST(SigV2Test, VerifiesAPresignedUrlAsBotocoreSignsIt) {
  http::Request request = Make(
      "GET",
      "/datalake/data/my%20file.csv?versionId=abc&response-content-type=text/csv&"
      "AWSAccessKeyId=AKIDEXAMPLE&Signature=4Tdry0H1zGM23Hsm5PDt1lddfKc%3D&Expires=1796621146");
  ASSERT_OK_AND_ASSIGN(std::optional<SigV2Signature> signature, ParseSigV2(request));
  ASSERT_TRUE(signature.has_value());
  EXPECT_TRUE(signature->presigned);
  EXPECT_EQ(signature->expires_epoch_seconds, 1796621146);
  EXPECT_OK(VerifySigV2(request, *signature, kCredentials));
  EXPECT_OK(CheckSigV2Expiry(*signature, FromUnixMillis(int64_t{1796621146} * 1000)));
  EXPECT_EQ(CheckSigV2Expiry(*signature, FromUnixMillis(int64_t{1796621147} * 1000)).aws_type(),
            "AccessDenied");

  http::Request tampered = request;
  tampered.path = "/datalake/data/other.csv";
  EXPECT_EQ(VerifySigV2(tampered, *signature, kCredentials).aws_type(), "SignatureDoesNotMatch");
}

// The header form, as botocore's HmacV1Auth signs it with a fixed Date.
TEST(SigV2Test, VerifiesTheAuthorizationHeaderForm) {
  http::Request request = Make("PUT", "/datalake/k?acl");
  request.headers.Add("Content-Type", "text/plain");
  request.headers.Add("x-amz-meta-Owner", "me");
  request.headers.Add("Content-MD5", "1B2M2Y8AsgTpgAmY7PhCfg==");
  request.headers.Add("Date", "Mon, 07 Dec 2026 02:00:00 GMT");
  request.headers.Add("Authorization", "AWS AKIDEXAMPLE:q4KmBdhpd9wE+FcVcswM0KUqtW4=");
  ASSERT_OK_AND_ASSIGN(std::optional<SigV2Signature> signature, ParseSigV2(request));
  ASSERT_TRUE(signature.has_value());
  EXPECT_FALSE(signature->presigned);
  EXPECT_EQ(SigV2StringToSign(request, *signature),
            "PUT\n1B2M2Y8AsgTpgAmY7PhCfg==\ntext/plain\nMon, 07 Dec 2026 02:00:00 GMT\n"
            "x-amz-meta-owner:me\n/datalake/k?acl");
  EXPECT_OK(VerifySigV2(request, *signature, kCredentials));
  EXPECT_EQ(VerifySigV2(request, *signature, {{"OTHER", "x"}}).aws_type(), "InvalidAccessKeyId");
}

TEST(SigV2Test, RequestsWithoutSigV2AreNotSigV2) {
  http::Request request = Make("GET", "/bucket/key");
  ASSERT_OK_AND_ASSIGN(std::optional<SigV2Signature> signature, ParseSigV2(request));
  EXPECT_FALSE(signature.has_value());
  http::Request incomplete = Make("GET", "/bucket/key?AWSAccessKeyId=AKID&Signature=x");
  EXPECT_EQ(ParseSigV2(incomplete).status().aws_type(), "AccessDenied");
}

}  // namespace
}  // namespace stratus::aws
