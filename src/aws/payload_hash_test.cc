#include "aws/payload_hash.h"

#include <string>

#include <gtest/gtest.h>

#include "base/digest.h"
#include "testing/status_matchers.h"

namespace stratus::aws {
namespace {

http::Request RequestWithHash(const std::string& hash, std::string body) {
  http::Request request;
  request.method = "PUT";
  request.path = "/bucket/key";
  request.target = request.path;
  request.headers.Add("x-amz-content-sha256", hash);
  request.body = std::move(body);
  return request;
}

TEST(PayloadHashTest, ClassifiesEveryValueS3Accepts) {
  auto kind = [](std::optional<std::string_view> value) {
    Result<PayloadHashKind> result = ClassifyPayloadHash(value);
    EXPECT_OK(result);
    return result.ok() ? *result : PayloadHashKind::kAbsent;
  };
  EXPECT_EQ(kind(std::nullopt), PayloadHashKind::kAbsent);
  EXPECT_EQ(kind("UNSIGNED-PAYLOAD"), PayloadHashKind::kUnsigned);
  EXPECT_EQ(kind(Sha256Hex("x")), PayloadHashKind::kSha256);
  EXPECT_EQ(kind("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"),
            PayloadHashKind::kSha256);
  EXPECT_EQ(kind("STREAMING-AWS4-HMAC-SHA256-PAYLOAD"), PayloadHashKind::kStreamingSigned);
  EXPECT_EQ(kind("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"),
            PayloadHashKind::kStreamingSignedTrailer);
  EXPECT_EQ(kind("STREAMING-UNSIGNED-PAYLOAD-TRAILER"), PayloadHashKind::kStreamingUnsignedTrailer);
  EXPECT_TRUE(IsStreaming(PayloadHashKind::kStreamingUnsignedTrailer));
  EXPECT_FALSE(IsStreaming(PayloadHashKind::kSha256));
  EXPECT_TRUE(HasChunkSignatures(PayloadHashKind::kStreamingSignedTrailer));
  EXPECT_FALSE(HasChunkSignatures(PayloadHashKind::kStreamingUnsignedTrailer));
}

TEST(PayloadHashTest, EcdsaStreamingIsNotImplemented) {
  for (const char* value : {"STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD",
                            "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER"}) {
    Result<PayloadHashKind> kind = ClassifyPayloadHash(value);
    EXPECT_STATUS(StatusCode::kNotImplemented, kind);
    EXPECT_EQ(kind.status().aws_type(), "NotImplemented");
    EXPECT_EQ(kind.status().http_status(), 501);
  }
}

TEST(PayloadHashTest, UnknownValueIsInvalidArgument) {
  for (const char* value : {"", "unsigned-payload", "abc", "STREAMING-PAYLOAD"}) {
    Result<PayloadHashKind> kind = ClassifyPayloadHash(value);
    EXPECT_EQ(kind.status().aws_type(), "InvalidArgument") << value;
    EXPECT_EQ(kind.status().http_status(), 400);
  }
}

TEST(PayloadHashTest, BodyFedInPiecesMatchesDeclaredHash) {
  PayloadHashCheck check(Sha256Hex("hello world"));
  check.Update("hello");
  check.Update(" ");
  check.Update("world");
  EXPECT_OK(check.Finish());
}

TEST(PayloadHashTest, DifferentBodyIsXAmzContentSha256Mismatch) {
  const http::Request request = RequestWithHash(Sha256Hex("hello world"), "hello there");
  Status status = VerifyPayloadHash(request);
  EXPECT_EQ(status.aws_type(), "XAmzContentSHA256Mismatch");
  EXPECT_EQ(status.http_status(), 400);
  EXPECT_OK(VerifyPayloadHash(RequestWithHash(Sha256Hex("hello there"), "hello there")));
}

TEST(PayloadHashTest, OnlyHexHashesAreChecked) {
  for (const char* value : {"UNSIGNED-PAYLOAD", "STREAMING-UNSIGNED-PAYLOAD-TRAILER"}) {
    ASSERT_OK_AND_ASSIGN(std::optional<PayloadHashCheck> check,
                         PayloadHashCheck::For(RequestWithHash(value, "anything")));
    EXPECT_FALSE(check.has_value()) << value;
    EXPECT_OK(VerifyPayloadHash(RequestWithHash(value, "anything")));
  }
  http::Request without;
  EXPECT_OK(VerifyPayloadHash(without));
  EXPECT_EQ(VerifyPayloadHash(RequestWithHash("nonsense", "x")).aws_type(), "InvalidArgument");
}

}  // namespace
}  // namespace stratus::aws
