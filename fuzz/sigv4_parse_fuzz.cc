// Fuzzes SigV4 parsing and canonicalisation over a request built from the
// input's lines:
//
//   line 1  the method (PUT when empty)
//   line 2  Authorization header (left out when empty)
//   line 3  the query string (X-Amz-Algorithm=... makes a presigned URL)
//   line 4  the path
//   line 5  X-Amz-Date
//   line 6  x-amz-content-sha256 (left out when empty)
//   line 7  x-amz-decoded-content-length (left out when empty)
//   line 8  x-amz-trailer (left out when empty)
//   more    "name:value" header lines (Host is localhost:4566 unless one names
//           it); an empty line (or any without a colon) starts the body
//
// AKIDEXAMPLE and AKIAIOSFODNN7EXAMPLE verify with the secrets the seeds were
// signed with (botocore's test key and AWS's documented example key).
//
// Properties: nothing crashes, and every error is AWS-shaped (an AWS error
// code and a 4xx/5xx status), since each goes to a client as it is.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "aws/aws_chunked.h"
#include "aws/payload_hash.h"
#include "aws/sigv4.h"
#include "base/check.h"
#include "base/clock.h"
#include "fuzz_input.h"

namespace stratus::aws {
namespace {

void CheckAwsShaped(const Status& status) {
  if (status.ok()) {
    return;
  }
  STRATUS_CHECK(!status.aws_type().empty(), "error without an AWS type: {}", status.ToString());
  STRATUS_CHECK(status.http_status() >= 400 && status.http_status() < 600,
                "error without an HTTP status: {}", status.ToString());
}

http::Request RequestFrom(fuzz::FuzzInput& input) {
  http::Request request;
  const std::string_view method = input.Line();
  request.method = method.empty() ? "PUT" : std::string(method);
  const std::string_view authorization = input.Line();
  request.query = std::string(input.Line());
  request.path = std::string(input.Line());
  request.target = request.query.empty() ? request.path : request.path + "?" + request.query;
  if (!authorization.empty()) {
    request.headers.Add("Authorization", std::string(authorization));
  }
  request.headers.Add("X-Amz-Date", std::string(input.Line()));
  for (const char* name :
       {"x-amz-content-sha256", "x-amz-decoded-content-length", "x-amz-trailer"}) {
    const std::string_view value = input.Line();
    if (!value.empty()) {
      request.headers.Add(name, std::string(value));
    }
  }
  while (true) {
    const std::string_view line = input.Line();
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      request.body = std::string(line) + std::string(input.Rest());
      break;
    }
    request.headers.Add(std::string(line.substr(0, colon)), std::string(line.substr(colon + 1)));
  }
  if (!request.headers.Get("host").has_value()) {
    request.headers.Add("Host", "localhost:4566");
  }
  return request;
}

int FuzzOne(const uint8_t* data, size_t size) {
  fuzz::FuzzInput input(data, size);
  const http::Request request = RequestFrom(input);

  CheckAwsShaped(ClassifyPayloadHash(request).status());
  CheckAwsShaped(VerifyPayloadHash(request));
  CheckAwsShaped(AwsChunkedOptionsFor(request).status());

  Result<std::optional<SigV4Signature>> parsed = ParseSigV4(request);
  CheckAwsShaped(parsed.status());
  if (!parsed.ok() || !parsed->has_value()) {
    return 0;
  }
  const SigV4Signature& signature = **parsed;
  // 2026-11-23T00:50:56Z, near the seeds' X-Amz-Date.
  const Clock::TimePoint now{std::chrono::seconds(1795395056)};
  CheckAwsShaped(CheckPresignedExpiry(signature, now));
  const std::string canonical = CanonicalRequest(request, signature);
  STRATUS_CHECK(!canonical.empty(), "empty canonical request");
  const CredentialStore credentials = {
      {"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"},
      {"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"},
  };
  CheckAwsShaped(VerifySigV4(request, signature, credentials));
  const ChunkSigningContext signing = ChunkSigningContextFor(signature, "secret");
  STRATUS_CHECK_EQ(signing.signing_key.size(), 32u);
  return 0;
}

}  // namespace
}  // namespace stratus::aws

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return stratus::aws::FuzzOne(data, size);
}
