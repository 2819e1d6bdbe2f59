#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "http/message.h"

namespace stratus::aws {

/// What a SigV4-signed request says about itself: the credential scope and
/// the signature, from the Authorization header or a presigned query string.
struct SigV4Signature {
  std::string access_key_id = {};
  std::string date = {};  // Credential scope date, YYYYMMDD.
  std::string region = {};
  std::string service = {};  // Signing name, e.g. "sqs", "s3", "states".
  std::vector<std::string> signed_headers = {};
  std::string signature = {};  // Lowercase hex.
  std::string timestamp = {};  // X-Amz-Date (or Date), e.g. 20260101T000000Z.
  bool presigned = false;
  // X-Amz-Expires of a presigned URL, in seconds; nullopt when absent. Its range
  // is checked by CheckPresignedExpiry(), not by ParseSigV4().
  std::optional<int64_t> expires_seconds = std::nullopt;
};

/// The longest lifetime of a presigned URL: seven days.
inline constexpr int64_t kMaxPresignedExpirySeconds = 7 * 24 * 60 * 60;

/// Extracts the signature from `request`: nullopt when the request carries no
/// SigV4 material at all (anonymous); an AWS-shaped error (IncompleteSignature)
/// when it carries a malformed one, AuthorizationQueryParametersError when a
/// presigned URL's X-Amz-Expires is not a number.
Result<std::optional<SigV4Signature>> ParseSigV4(const http::Request& request);

/// Access key id → secret access key.
using CredentialStore = std::map<std::string, std::string, std::less<>>;

/// Loads credentials from an AWS shared-credentials INI file
/// (aws_access_key_id / aws_secret_access_key under any profile).
Result<CredentialStore> LoadCredentialsFile(const std::string& path);

/// Verifies `signature` over `request` with the secret for its access key.
/// Errors are AWS-shaped: InvalidClientTokenId (unknown key, 403),
/// SignatureDoesNotMatch (403). S3 requests use S3's names (InvalidAccessKeyId).
Status VerifySigV4(const http::Request& request,
                   const SigV4Signature& signature,
                   const CredentialStore& credentials);

/// Refuses a presigned request whose lifetime is over. Checks nothing for a
/// request signed in its Authorization header. The dispatcher calls this for
/// every signed request, whether or not it verifies signatures (an emulator
/// without credentials must still let presigned URLs expire).
///
/// Errors (S3's, which every service that takes presigned URLs shares):
/// AccessDenied (403) "Request has expired" once `now` is past X-Amz-Date plus
/// X-Amz-Expires; AuthorizationQueryParametersError (400) for an X-Amz-Expires
/// below 0 or above kMaxPresignedExpirySeconds, for an X-Amz-Date that is not
/// yyyyMMdd'T'HHmmss'Z', and for an S3 URL without X-Amz-Expires.
Status CheckPresignedExpiry(const SigV4Signature& signature, Clock::TimePoint now);

/// Returns the credential scope "<date>/<region>/<service>/aws4_request".
std::string CredentialScope(const SigV4Signature& signature);

/// Returns the raw 32-byte SigV4 signing key for `signature`'s scope:
/// HMAC("AWS4" + secret, date) chained over region, service and "aws4_request".
/// Chunk and trailer signatures of aws-chunked bodies are keyed with it too.
std::string DeriveSigningKey(std::string_view secret, const SigV4Signature& signature);

/// Returns the SigV4 canonical request for `request` (exposed for tests).
std::string CanonicalRequest(const http::Request& request, const SigV4Signature& signature);

/// Returns the hex signature of `request` under `secret` (exposed for tests
/// and for stratus's own outbound clients).
std::string ComputeSignature(const http::Request& request,
                             const SigV4Signature& signature,
                             const std::string& secret);

}  // namespace stratus::aws
