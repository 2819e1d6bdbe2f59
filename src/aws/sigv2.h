#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "aws/sigv4.h"
#include "base/clock.h"
#include "base/result.h"
#include "http/message.h"

namespace stratus::aws {

// S3's older signature (SigV2, "HMAC-SHA1 authentication"), which S3 still
// accepts and which awscli v1's `aws s3 presign` produces:
//   header form:  Authorization: AWS <access key>:<signature>
//   query form:   ?AWSAccessKeyId=<key>&Expires=<epoch seconds>&Signature=<signature>
// signature = base64(HMAC-SHA1(secret, StringToSign)), where StringToSign is
//   METHOD \n Content-MD5 \n Content-Type \n (Date | Expires) \n
//   x-amz-* headers ("name:value\n", sorted, lower-cased) + resource
// and the resource is the path-style path ("/bucket/key", as sent) plus the
// sub-resource parameters S3 names (acl, uploadId, versionId, response-*...),
// sorted. Source: the S3 developer guide, "Signing and authenticating REST
// requests" (signature version 2).

/// What a SigV2-signed request says about itself.
struct SigV2Signature {
  std::string access_key_id = {};
  std::string signature = {};  // Base64.
  bool presigned = false;
  int64_t expires_epoch_seconds = 0;  // The query form's Expires.
};

/// Extracts a SigV2 signature: nullopt when the request has none; S3's
/// AccessDenied-family errors when it is malformed.
Result<std::optional<SigV2Signature>> ParseSigV2(const http::Request& request);

/// Returns the StringToSign of `request`, whose path must be path-style
/// (bucket first, as the dispatcher routes virtual-hosted requests).
std::string SigV2StringToSign(const http::Request& request, const SigV2Signature& signature);

/// Verifies `signature`: InvalidAccessKeyId or SignatureDoesNotMatch (403).
Status VerifySigV2(const http::Request& request,
                   const SigV2Signature& signature,
                   const CredentialStore& credentials);

/// Refuses a presigned (query form) request past its Expires: AccessDenied
/// (403) "Request has expired". Checked whether or not signatures are verified.
Status CheckSigV2Expiry(const SigV2Signature& signature, Clock::TimePoint now);

}  // namespace stratus::aws
