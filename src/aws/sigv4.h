#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "http/message.h"

namespace stratus::aws {

/// What a SigV4-signed request says about itself: the credential scope and
/// the signature, from the Authorization header or a presigned query string.
struct SigV4Signature {
  std::string access_key_id = {};
  std::string date = {};     // Credential scope date, YYYYMMDD.
  std::string region = {};
  std::string service = {};  // Signing name, e.g. "sqs", "s3", "states".
  std::vector<std::string> signed_headers = {};
  std::string signature = {};  // Lowercase hex.
  std::string timestamp = {};  // X-Amz-Date (or Date), e.g. 20260101T000000Z.
  bool presigned = false;
};

/// Extracts the signature from `request`: nullopt when the request carries no
/// SigV4 material at all (anonymous); an AWS-shaped error (IncompleteSignature)
/// when it carries a malformed one.
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

/// Returns the SigV4 canonical request for `request` (exposed for tests).
std::string CanonicalRequest(const http::Request& request, const SigV4Signature& signature);

/// Returns the hex signature of `request` under `secret` (exposed for tests
/// and for stratus's own outbound clients).
std::string ComputeSignature(const http::Request& request,
                             const SigV4Signature& signature,
                             const std::string& secret);

}  // namespace stratus::aws
