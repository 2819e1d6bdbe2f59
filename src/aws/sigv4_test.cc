#include "aws/sigv4.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <initializer_list>
#include <string>
#include <utility>

#include <gtest/gtest.h>
#include <stdlib.h>

#include "base/digest.h"
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

// Builds a request from a raw target ("/path?query") and header fields.
http::Request MakeRequest(std::string method,
                          const std::string& target,
                          std::initializer_list<std::pair<std::string, std::string>> headers,
                          std::string body = {}) {
  http::Request request;
  request.method = std::move(method);
  request.target = target;
  const size_t question = target.find('?');
  request.path = target.substr(0, question);
  request.query = question == std::string::npos ? "" : target.substr(question + 1);
  for (const auto& [name, value] : headers) {
    request.headers.Add(name, value);
  }
  request.body = std::move(body);
  return request;
}

Status Verify(const http::Request& request, const char* secret = kSecret) {
  Result<std::optional<SigV4Signature>> signature = ParseSigV4(request);
  if (!signature.ok()) {
    return signature.status();
  }
  if (!signature->has_value()) {
    return Status::InvalidArgument("unsigned");
  }
  return VerifySigV4(request, **signature, {{(*signature)->access_key_id, secret}});
}

SigV4Signature ParsedOrDie(const http::Request& request) {
  Result<std::optional<SigV4Signature>> signature = ParseSigV4(request);
  EXPECT_OK(signature);
  EXPECT_TRUE(signature.ok() && signature->has_value());
  return signature.ok() && signature->has_value() ? **signature : SigV4Signature{};
}

// 2026-11-23T00:50:56Z, the X-Amz-Date of the botocore vectors.
const Clock::TimePoint kSignedAt = Clock::TimePoint(std::chrono::seconds(1795395056));

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

// The S3 vectors below were signed by botocore 1.43 (and 1.29 agrees) with
// S3SigV4Auth / S3SigV4QueryAuth, AKIDEXAMPLE/kSecret, us-east-1, at
// 20261123T005056Z. Each pins one rule of S3's canonical request.

TEST(SigV4Test, S3PathIsSignedAsSentNotEncodedTwice) {
  // Over http botocore signs the body's hash; the key holds a space, a '+' and a '~'.
  const http::Request request = MakeRequest(
      "PUT", "/bucket/dir/a%20b%2Bc~d.txt",
      {{"Host", "localhost:4566"},
       {"Content-Type", "text/plain"},
       {"X-Amz-Date", "20261123T005056Z"},
       {"X-Amz-Content-SHA256", "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"},
       {"Authorization",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261123/us-east-1/s3/aws4_request, "
        "SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, "
        "Signature=757517a9db206b3251857e0f7db49743e329a3794b18e8d2bc871676793f985c"},
       {"Content-Length", "11"}},
      "hello world");
  EXPECT_OK(Verify(request));
  const SigV4Signature signature = ParsedOrDie(request);
  EXPECT_NE(CanonicalRequest(request, signature).find("\n/bucket/dir/a%20b%2Bc~d.txt\n"),
            std::string::npos);
}

TEST(SigV4Test, S3QueryIsSortedAndEncodedOnce) {
  const http::Request request = MakeRequest(
      "GET", "/bucket?list-type=2&prefix=a%2Fb&delimiter=%2F",
      {{"Host", "localhost:4566"},
       {"X-Amz-Date", "20261123T005056Z"},
       {"X-Amz-Content-SHA256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
       {"Authorization",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261123/us-east-1/s3/aws4_request, "
        "SignedHeaders=host;x-amz-content-sha256;x-amz-date, "
        "Signature=e947bf6ac85c0027a686ea49cc6642cf0d3214bc698261a4ab826e5720611520"}});
  EXPECT_OK(Verify(request));
}

TEST(SigV4Test, S3UnsignedPayloadIsSignedAsTheLiteral) {
  // The body is not part of the signature: another body of any length verifies.
  http::Request request =
      MakeRequest("PUT", "/bucket/k",
                  {{"Host", "localhost:4566"},
                   {"Content-MD5", "XrY7u+Ae7tCTyyK7j1rNww=="},
                   {"X-Amz-Date", "20261123T005056Z"},
                   {"X-Amz-Content-SHA256", "UNSIGNED-PAYLOAD"},
                   {"Authorization",
                    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261123/us-east-1/s3/aws4_request, "
                    "SignedHeaders=content-md5;host;x-amz-content-sha256;x-amz-date, "
                    "Signature=971c20ce330a3df78dfbb336f9b43000b1ebdd6c2e4c2d7618a67d2477e4dd7a"},
                   {"Content-Length", "11"}},
                  "hello world");
  EXPECT_OK(Verify(request));
  request.body = "something else entirely";
  EXPECT_OK(Verify(request));
}

TEST(SigV4Test, S3StreamingPayloadIsSignedAsTheLiteral) {
  // What boto3 >= 1.36 sends for PutObject: an aws-chunked body with a CRC32 trailer.
  const http::Request request =
      MakeRequest("PUT", "/bucket/key",
                  {{"Host", "localhost:4566"},
                   {"Content-Encoding", "aws-chunked"},
                   {"x-amz-trailer", "x-amz-checksum-crc32"},
                   {"x-amz-decoded-content-length", "11"},
                   {"X-Amz-Date", "20261123T005056Z"},
                   {"X-Amz-Content-SHA256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER"},
                   {"Authorization",
                    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261123/us-east-1/s3/aws4_request, "
                    "SignedHeaders=content-encoding;host;x-amz-content-sha256;x-amz-date;"
                    "x-amz-decoded-content-length;x-amz-trailer, "
                    "Signature=3a87368c486f0796dfff6fe67dab45eea5ec6510ac355d2431227fd6f97d871d"}},
                  "b\r\nhello world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n");
  EXPECT_OK(Verify(request));
}

// AWS's worked example of a chunked upload ("Signature Calculations for the
// Authorization Header: Transferring Payload in Multiple Chunks"): its seed
// signature covers the STREAMING-* literal and x-amz-decoded-content-length.
TEST(SigV4Test, VerifiesAwsDocumentedChunkedUploadSeedSignature) {
  const http::Request request = MakeRequest(
      "PUT", "/examplebucket/chunkObject.txt",
      {{"Host", "s3.amazonaws.com"},
       {"x-amz-date", "20130524T000000Z"},
       {"x-amz-storage-class", "REDUCED_REDUNDANCY"},
       {"x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"},
       {"Content-Encoding", "aws-chunked"},
       {"x-amz-decoded-content-length", "66560"},
       {"Content-Length", "66824"},
       {"Authorization",
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
        "SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;"
        "x-amz-decoded-content-length;x-amz-storage-class,"
        "Signature=4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"}});
  EXPECT_OK(Verify(request, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
  EXPECT_EQ(Sha256Hex(CanonicalRequest(request, ParsedOrDie(request))),
            "cee3fed04b70f867d036f722359b0b1f2f0e5dc0efadbc082b76c4c60e316455");
}

// The same example with a trailing checksum ("Signature calculations for
// trailing headers (chunked uploads)").
TEST(SigV4Test, VerifiesAwsDocumentedTrailerUploadSeedSignature) {
  const http::Request request = MakeRequest(
      "PUT", "/examplebucket/chunkObject.txt",
      {{"Host", "s3.amazonaws.com"},
       {"x-amz-date", "20130524T000000Z"},
       {"x-amz-storage-class", "REDUCED_REDUNDANCY"},
       {"x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"},
       {"Content-Encoding", "aws-chunked"},
       {"x-amz-decoded-content-length", "66560"},
       {"x-amz-trailer", "x-amz-checksum-crc32c"},
       {"Authorization",
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
        "SignedHeaders=content-encoding;host;x-amz-content-sha256;x-amz-date;"
        "x-amz-decoded-content-length;x-amz-storage-class;x-amz-trailer,"
        "Signature=106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e"}});
  EXPECT_OK(Verify(request, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
}

TEST(SigV4Test, PresignedS3UrlSignsUnsignedPayloadWhateverHeadersSay) {
  http::Request request = MakeRequest(
      "GET",
      "/bucket/photos/a%20b.jpg?versionId=v1&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
      "AKIDEXAMPLE%2F20261123%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261123T005056Z&X-Amz-"
      "Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature="
      "9f448cb0feecc1670720f316ba12b8da166ee92cd8291346875ffe28578f1a0b",
      {{"Host", "localhost:4566"}});
  EXPECT_OK(Verify(request));
  // A client may add headers that the URL does not sign; the payload stays UNSIGNED-PAYLOAD.
  request.headers.Add("x-amz-content-sha256", Sha256Hex("data"));
  EXPECT_OK(Verify(request));
  EXPECT_EQ(ParsedOrDie(request).expires_seconds, 900);
}

TEST(SigV4Test, DerivesSigningKeyFromSecretAndScope) {
  SigV4Signature signature;
  signature.date = "20130524";
  signature.region = "us-east-1";
  signature.service = "s3";
  EXPECT_EQ(CredentialScope(signature), "20130524/us-east-1/s3/aws4_request");
  const std::string key = DeriveSigningKey("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", signature);
  ASSERT_EQ(key.size(), 32u);
  // AWS's example: the first chunk of 64 KiB of 'a', chained from the seed signature.
  const std::string string_to_sign =
      "AWS4-HMAC-SHA256-PAYLOAD\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
      "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9\n" +
      Sha256Hex("") + "\n" + Sha256Hex(std::string(65536, 'a'));
  EXPECT_EQ(ToHex(HmacSha256(key, string_to_sign)),
            "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648");
}

TEST(SigV4Test, PresignedUrlWorksThroughItsLastSecond) {
  const SigV4Signature signature = ParsedOrDie(PresignedS3Request());
  ASSERT_EQ(signature.expires_seconds, 3600);
  EXPECT_OK(CheckPresignedExpiry(signature, kSignedAt));
  EXPECT_OK(CheckPresignedExpiry(signature, kSignedAt + std::chrono::seconds(3600)));
  Status expired = CheckPresignedExpiry(signature, kSignedAt + std::chrono::seconds(3601));
  EXPECT_EQ(expired.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(expired.aws_type(), "AccessDenied");
  EXPECT_EQ(expired.http_status(), 403);
  EXPECT_EQ(expired.message(), "Request has expired");
}

TEST(SigV4Test, HeaderSignedRequestHasNoExpiry) {
  const SigV4Signature signature = ParsedOrDie(SignedSqsRequest());
  EXPECT_FALSE(signature.expires_seconds.has_value());
  EXPECT_OK(CheckPresignedExpiry(signature, kSignedAt + std::chrono::hours(24 * 365)));
}

TEST(SigV4Test, PresignedExpiryOutOfRangeIsAuthorizationQueryParametersError) {
  SigV4Signature signature = ParsedOrDie(PresignedS3Request());
  for (int64_t expires : {int64_t{-1}, kMaxPresignedExpirySeconds + 1}) {
    signature.expires_seconds = expires;
    Status status = CheckPresignedExpiry(signature, kSignedAt);
    EXPECT_EQ(status.aws_type(), "AuthorizationQueryParametersError") << expires;
    EXPECT_EQ(status.http_status(), 400);
  }
  signature.expires_seconds = kMaxPresignedExpirySeconds;
  EXPECT_OK(CheckPresignedExpiry(signature, kSignedAt + std::chrono::hours(7 * 24)));
  signature.expires_seconds = std::nullopt;
  EXPECT_EQ(CheckPresignedExpiry(signature, kSignedAt).aws_type(),
            "AuthorizationQueryParametersError");
}

TEST(SigV4Test, PresignedUrlWithMalformedDateIsAuthorizationQueryParametersError) {
  SigV4Signature signature = ParsedOrDie(PresignedS3Request());
  for (const char* date : {"", "20261123", "20261123T005056", "2026-11-23T00:50:56Z",
                           "20260231T000000Z", "20261123T245056Z", "99991123T005056Z"}) {
    signature.timestamp = date;
    EXPECT_EQ(CheckPresignedExpiry(signature, kSignedAt).aws_type(),
              "AuthorizationQueryParametersError")
        << date;
  }
  signature.timestamp = "20240229T235959Z";  // A leap day.
  EXPECT_EQ(CheckPresignedExpiry(signature, kSignedAt).aws_type(), "AccessDenied");
}

TEST(SigV4Test, NonNumericExpiresFailsToParse) {
  http::Request request = PresignedS3Request();
  request.query.replace(request.query.find("X-Amz-Expires=3600"), 18, "X-Amz-Expires=soon");
  Result<std::optional<SigV4Signature>> signature = ParseSigV4(request);
  EXPECT_STATUS(StatusCode::kInvalidArgument, signature);
  EXPECT_EQ(signature.status().aws_type(), "AuthorizationQueryParametersError");
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
