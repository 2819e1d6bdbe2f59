#include "aws/payload_hash.h"

#include <algorithm>
#include <cctype>
#include <utility>

namespace stratus::aws {
namespace {

constexpr std::string_view kBadPayloadHashMessage =
    "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, "
    "STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, "
    "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER "
    "or a valid sha256 value.";

bool IsHexSha256(std::string_view value) {
  return value.size() == 64 && std::all_of(value.begin(), value.end(), [](char c) {
           return std::isxdigit(static_cast<unsigned char>(c)) != 0;
         });
}

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

Result<PayloadHashKind> ClassifyPayloadHash(std::optional<std::string_view> value) {
  if (!value.has_value()) {
    return PayloadHashKind::kAbsent;
  }
  if (*value == "UNSIGNED-PAYLOAD") {
    return PayloadHashKind::kUnsigned;
  }
  if (*value == "STREAMING-AWS4-HMAC-SHA256-PAYLOAD") {
    return PayloadHashKind::kStreamingSigned;
  }
  if (*value == "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER") {
    return PayloadHashKind::kStreamingSignedTrailer;
  }
  if (*value == "STREAMING-UNSIGNED-PAYLOAD-TRAILER") {
    return PayloadHashKind::kStreamingUnsignedTrailer;
  }
  if (*value == "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD" ||
      *value == "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER") {
    // AWS: S3 answers a header it cannot honour with NotImplemented (501).
    return Status::NotImplemented(
               "A header you provided implies functionality that is not implemented.")
        .WithAwsType("NotImplemented", 501);
  }
  if (IsHexSha256(*value)) {
    return PayloadHashKind::kSha256;
  }
  return Status::InvalidArgument(std::string(kBadPayloadHashMessage))
      .WithAwsType("InvalidArgument", 400);
}

Result<PayloadHashKind> ClassifyPayloadHash(const http::Request& request) {
  return ClassifyPayloadHash(request.headers.Get("x-amz-content-sha256"));
}

bool IsStreaming(PayloadHashKind kind) {
  return kind == PayloadHashKind::kStreamingSigned ||
         kind == PayloadHashKind::kStreamingSignedTrailer ||
         kind == PayloadHashKind::kStreamingUnsignedTrailer;
}

bool HasChunkSignatures(PayloadHashKind kind) {
  return kind == PayloadHashKind::kStreamingSigned ||
         kind == PayloadHashKind::kStreamingSignedTrailer;
}

PayloadHashCheck::PayloadHashCheck(std::string_view expected_hex)
    : expected_hex_(Lower(expected_hex)) {}

Result<std::optional<PayloadHashCheck>> PayloadHashCheck::For(const http::Request& request) {
  const std::optional<std::string_view> value = request.headers.Get("x-amz-content-sha256");
  STRATUS_ASSIGN_OR_RETURN(PayloadHashKind kind, ClassifyPayloadHash(value));
  if (kind != PayloadHashKind::kSha256) {
    return std::optional<PayloadHashCheck>();
  }
  return std::optional<PayloadHashCheck>(PayloadHashCheck(*value));
}

void PayloadHashCheck::Update(std::string_view data) {
  hasher_.Update(data);
}

Status PayloadHashCheck::Finish() {
  if (hasher_.FinishHex() != expected_hex_) {
    // AWS: S3 also names both hashes (ClientComputedContentSHA256,
    // S3ComputedContentSHA256) in the error body.
    return Status::InvalidArgument(
               "The provided 'x-amz-content-sha256' header does not match what was computed.")
        .WithAwsType("XAmzContentSHA256Mismatch", 400);
  }
  return Status::Ok();
}

Status VerifyPayloadHash(const http::Request& request) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<PayloadHashCheck> check, PayloadHashCheck::For(request));
  if (!check.has_value()) {
    return Status::Ok();
  }
  check->Update(request.body);
  return check->Finish();
}

}  // namespace stratus::aws
