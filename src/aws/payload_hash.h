#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/digest.h"
#include "base/result.h"
#include "http/message.h"

namespace stratus::aws {

/// What a request's x-amz-content-sha256 header says about its body. S3 signs
/// the header's value as sent (see VerifySigV4), so the value tells whether,
/// and how, the body itself still has to be checked.
enum class PayloadHashKind : uint8_t {
  kAbsent,                    // No header: the signature covers the body's hash.
  kUnsigned,                  // UNSIGNED-PAYLOAD: nothing covers the body.
  kSha256,                    // 64 hex digits: the body's SHA-256 (PayloadHashCheck).
  kStreamingSigned,           // STREAMING-AWS4-HMAC-SHA256-PAYLOAD: aws-chunked, chunks signed.
  kStreamingSignedTrailer,    // STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER: and a signed trailer.
  kStreamingUnsignedTrailer,  // STREAMING-UNSIGNED-PAYLOAD-TRAILER: aws-chunked, unsigned.
};

/// Classifies an x-amz-content-sha256 value (nullopt: the header is absent).
/// Errors are S3's: the SigV4a (ECDSA) streaming values are NotImplemented
/// (501); any other value is InvalidArgument (400).
Result<PayloadHashKind> ClassifyPayloadHash(std::optional<std::string_view> value);

/// Returns ClassifyPayloadHash() of `request`'s x-amz-content-sha256 header.
Result<PayloadHashKind> ClassifyPayloadHash(const http::Request& request);

/// Returns true for the STREAMING-* kinds, whose bodies are aws-chunked.
bool IsStreaming(PayloadHashKind kind);

/// Returns true for the kinds whose chunks carry signatures.
bool HasChunkSignatures(PayloadHashKind kind);

/// Checks a body, fed in pieces as it arrives, against the SHA-256 that its
/// x-amz-content-sha256 header declares. S3 signs the header, not the body, so
/// without this check a signed request could carry any body.
///
/// Thread safety: none; one request's reader owns it.
class PayloadHashCheck {
 public:
  /// Expects the body to hash to `expected_hex` (64 hex digits, any case).
  explicit PayloadHashCheck(std::string_view expected_hex);

  /// Returns a check when `request`'s x-amz-content-sha256 is a hex hash,
  /// nullopt for any other kind; errors as ClassifyPayloadHash().
  static Result<std::optional<PayloadHashCheck>> For(const http::Request& request);

  /// Adds the next piece of the body.
  void Update(std::string_view data);

  /// Compares the hash of everything added with the declared one:
  /// XAmzContentSHA256Mismatch (400) when they differ. Call once, at the end.
  Status Finish();

 private:
  std::string expected_hex_;  // Lowercase.
  Sha256Hasher hasher_;
};

/// Checks a fully read `request.body` against its x-amz-content-sha256 when
/// that is a hex hash; Ok for every other kind. Errors as PayloadHashCheck.
Status VerifyPayloadHash(const http::Request& request);

}  // namespace stratus::aws
