#include "aws/sigv4.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <fstream>
#include <sstream>
#include <string_view>
#include <utility>

#include "base/digest.h"

namespace stratus::aws {
namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::vector<std::string> Split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const size_t end = text.find(separator, start);
    parts.emplace_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) {
      return parts;
    }
    start = end + 1;
  }
}

Status Incomplete(std::string message) {
  // AWS: a malformed Authorization header is IncompleteSignature (HTTP 400).
  return Status::InvalidArgument(std::move(message)).WithAwsType("IncompleteSignature", 400);
}

Status QueryParametersError(std::string message) {
  // AWS: S3 answers a malformed presigned URL with AuthorizationQueryParametersError (400).
  return Status::InvalidArgument(std::move(message))
      .WithAwsType("AuthorizationQueryParametersError", 400);
}

// Parses "-12" or "3600" into an int64; nullopt for anything else (or overflow).
std::optional<int64_t> ParseInteger(std::string_view text) {
  const bool negative = text.starts_with('-');
  if (negative) {
    text.remove_prefix(1);
  }
  if (text.empty() || text.size() > 18) {
    return std::nullopt;
  }
  int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    value = value * 10 + (c - '0');
  }
  return negative ? -value : value;
}

// Returns the days from 1970-01-01 to the given proleptic Gregorian date
// (Howard Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t year, int64_t month, int64_t day) {
  year -= month <= 2 ? 1 : 0;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t year_of_era = year - era * 400;
  const int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

// Parses an X-Amz-Date, "20260101T000000Z" (ISO 8601 basic format, UTC).
std::optional<Clock::TimePoint> ParseAmzDate(std::string_view text) {
  if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z') {
    return std::nullopt;
  }
  auto number = [&](size_t at, size_t length) -> int64_t {
    int64_t value = 0;
    for (char c : text.substr(at, length)) {
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  };
  const int64_t year = number(0, 4);
  const int64_t month = number(4, 2);
  const int64_t day = number(6, 2);
  const int64_t hour = number(9, 2);
  const int64_t minute = number(11, 2);
  const int64_t second = number(13, 2);
  // Clock::TimePoint counts nanoseconds in an int64: it ends in 2262.
  if (year < 1970 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 ||
      hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
    return std::nullopt;
  }
  const int64_t days = DaysFromCivil(year, month, day);
  if (DaysFromCivil(year, month, 1) + day - 1 != days ||
      (month < 12 ? DaysFromCivil(year, month + 1, 1) : DaysFromCivil(year + 1, 1, 1)) <= days) {
    return std::nullopt;  // A day past the end of its month, e.g. 20260231.
  }
  const int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second;
  return Clock::TimePoint(std::chrono::seconds(seconds));
}

// Fills access key, date, region and service from "AKID/20260101/us-east-1/sqs/aws4_request".
Status ParseCredential(std::string_view credential, SigV4Signature* out) {
  std::vector<std::string> parts = Split(credential, '/');
  if (parts.size() != 5 || parts[4] != "aws4_request") {
    return Incomplete(
        Format("Credential should be scoped to a valid region, not '{}'", credential));
  }
  out->access_key_id = parts[0];
  out->date = parts[1];
  out->region = parts[2];
  out->service = parts[3];
  return Status::Ok();
}

Result<std::optional<SigV4Signature>> ParseHeader(std::string_view header,
                                                  const http::Request& request) {
  header = Trim(header);
  if (!header.starts_with(kAlgorithm)) {
    if (header.starts_with("AWS ")) {
      return std::optional<SigV4Signature>();  // SigV2: treated as anonymous.
    }
    return Incomplete("Unsupported authorization type");
  }
  SigV4Signature signature;
  for (const std::string& item : Split(header.substr(kAlgorithm.size()), ',')) {
    std::string_view field = Trim(item);
    const size_t equals = field.find('=');
    if (equals == std::string_view::npos) {
      continue;
    }
    const std::string_view name = Trim(field.substr(0, equals));
    const std::string_view value = Trim(field.substr(equals + 1));
    if (name == "Credential") {
      STRATUS_RETURN_IF_ERROR(ParseCredential(value, &signature));
    } else if (name == "SignedHeaders") {
      signature.signed_headers = Split(value, ';');
    } else if (name == "Signature") {
      signature.signature = std::string(value);
    }
  }
  if (signature.access_key_id.empty() || signature.signed_headers.empty() ||
      signature.signature.empty()) {
    return Incomplete(
        "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters");
  }
  if (auto amz_date = request.headers.Get("x-amz-date")) {
    signature.timestamp = std::string(*amz_date);
  } else if (auto date = request.headers.Get("date")) {
    signature.timestamp = std::string(*date);
  }
  return std::optional<SigV4Signature>(std::move(signature));
}

Result<std::optional<SigV4Signature>> ParsePresigned(
    const std::vector<std::pair<std::string, std::string>>& query) {
  SigV4Signature signature;
  signature.presigned = true;
  bool has_algorithm = false;
  for (const auto& [name, value] : query) {
    if (name == "X-Amz-Algorithm") {
      has_algorithm = true;
      if (value != kAlgorithm) {
        return Incomplete("Unsupported X-Amz-Algorithm");
      }
    } else if (name == "X-Amz-Credential") {
      STRATUS_RETURN_IF_ERROR(ParseCredential(value, &signature));
    } else if (name == "X-Amz-SignedHeaders") {
      signature.signed_headers = Split(value, ';');
    } else if (name == "X-Amz-Signature") {
      signature.signature = value;
    } else if (name == "X-Amz-Date") {
      signature.timestamp = value;
    } else if (name == "X-Amz-Expires") {
      signature.expires_seconds = ParseInteger(value);
      if (!signature.expires_seconds.has_value()) {
        return QueryParametersError("X-Amz-Expires should be a number");
      }
    }
  }
  if (!has_algorithm) {
    return std::optional<SigV4Signature>();
  }
  if (signature.access_key_id.empty() || signature.signature.empty()) {
    return Incomplete("Presigned URL requires X-Amz-Credential and X-Amz-Signature");
  }
  return std::optional<SigV4Signature>(std::move(signature));
}

// AWS: S3 signs the path as sent; every other service encodes it once more.
std::string CanonicalUri(const http::Request& request, const SigV4Signature& signature) {
  const std::string path = request.path.empty() ? "/" : request.path;
  if (signature.service == "s3") {
    return path;
  }
  return http::PercentEncode(path, /*keep_slash=*/true);
}

std::string CanonicalQuery(const http::Request& request, bool drop_signature) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const std::string& item : Split(request.query, '&')) {
    if (item.empty()) {
      continue;
    }
    const size_t equals = item.find('=');
    std::string name = http::PercentDecode(item.substr(0, equals));
    std::string value = equals == std::string::npos
                            ? ""
                            : http::PercentDecode(std::string_view(item).substr(equals + 1));
    if (drop_signature && name == "X-Amz-Signature") {
      continue;
    }
    pairs.emplace_back(http::PercentEncode(name), http::PercentEncode(value));
  }
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& [name, value] : pairs) {
    if (!out.empty()) {
      out += '&';
    }
    out += name + "=" + value;
  }
  return out;
}

// Collapses runs of spaces and trims, as SigV4 requires for header values.
std::string CanonicalHeaderValue(std::string_view value) {
  std::string out;
  bool in_space = false;
  for (char c : Trim(value)) {
    if (c == ' ' || c == '\t') {
      in_space = true;
      continue;
    }
    if (in_space && !out.empty()) {
      out += ' ';
    }
    in_space = false;
    out += c;
  }
  return out;
}

// AWS: S3 signs x-amz-content-sha256 as sent (a hex hash, UNSIGNED-PAYLOAD or a
// STREAMING-* literal); a presigned S3 URL signs UNSIGNED-PAYLOAD (or the hash its
// query names), whatever headers come with it. Other services sign the body's hash.
std::string PayloadHash(const http::Request& request, const SigV4Signature& signature) {
  if (signature.presigned && signature.service == "s3") {
    for (const auto& [name, value] : http::ParseQueryString(request.query)) {
      if (name == "X-Amz-Content-Sha256") {
        return value;
      }
    }
    return std::string(kUnsignedPayload);
  }
  if (auto declared = request.headers.Get("x-amz-content-sha256")) {
    return std::string(*declared);
  }
  return Sha256Hex(request.body);
}

}  // namespace

Result<std::optional<SigV4Signature>> ParseSigV4(const http::Request& request) {
  if (auto header = request.headers.Get("authorization")) {
    return ParseHeader(*header, request);
  }
  if (request.query.find("X-Amz-Algorithm") != std::string::npos) {
    return ParsePresigned(http::ParseQueryString(request.query));
  }
  return std::optional<SigV4Signature>();
}

Result<CredentialStore> LoadCredentialsFile(const std::string& path) {
  std::ifstream file(path);
  if (!file) {
    return Status::IoError(Format("cannot read credentials file {}", path));
  }
  CredentialStore store;
  std::string line;
  std::string access_key;
  std::string secret;
  auto flush = [&] {
    if (!access_key.empty() && !secret.empty()) {
      store[access_key] = secret;
    }
    access_key.clear();
    secret.clear();
  };
  while (std::getline(file, line)) {
    std::string_view text = Trim(line);
    if (text.empty() || text.front() == '#' || text.front() == ';') {
      continue;
    }
    if (text.front() == '[') {
      flush();
      continue;
    }
    const size_t equals = text.find('=');
    if (equals == std::string_view::npos) {
      continue;
    }
    const std::string key = Lower(Trim(text.substr(0, equals)));
    const std::string value(Trim(text.substr(equals + 1)));
    if (key == "aws_access_key_id") {
      access_key = value;
    } else if (key == "aws_secret_access_key") {
      secret = value;
    }
  }
  flush();
  if (store.empty()) {
    return Status::InvalidArgument(Format("no credentials found in {}", path));
  }
  return store;
}

std::string CanonicalRequest(const http::Request& request, const SigV4Signature& signature) {
  std::string canonical_headers;
  std::string signed_list;
  for (const std::string& name : signature.signed_headers) {
    std::string value;
    for (std::string_view part : request.headers.GetAll(name)) {
      if (!value.empty()) {
        value += ',';
      }
      value += CanonicalHeaderValue(part);
    }
    canonical_headers += Lower(name) + ":" + value + "\n";
    if (!signed_list.empty()) {
      signed_list += ';';
    }
    signed_list += Lower(name);
  }
  return request.method + "\n" + CanonicalUri(request, signature) + "\n" +
         CanonicalQuery(request, signature.presigned) + "\n" + canonical_headers + "\n" +
         signed_list + "\n" + PayloadHash(request, signature);
}

Status CheckPresignedExpiry(const SigV4Signature& signature, Clock::TimePoint now) {
  if (!signature.presigned) {
    return Status::Ok();
  }
  if (!signature.expires_seconds.has_value()) {
    if (signature.service != "s3") {
      return Status::Ok();  // Other services' presigned URLs may leave it out.
    }
    return QueryParametersError(
        "Query-string authentication version 4 requires the X-Amz-Algorithm, "
        "X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and "
        "X-Amz-Expires parameters.");
  }
  const int64_t expires = *signature.expires_seconds;
  if (expires < 0) {
    return QueryParametersError("X-Amz-Expires must be non-negative");
  }
  if (expires > kMaxPresignedExpirySeconds) {
    return QueryParametersError(
        "X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires "
        "must be less than 604800 seconds");
  }
  const std::optional<Clock::TimePoint> signed_at = ParseAmzDate(signature.timestamp);
  if (!signed_at.has_value()) {
    return QueryParametersError(
        "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
  }
  // AWS: the URL works through its last second, X-Amz-Date + X-Amz-Expires.
  if (now > *signed_at + std::chrono::seconds(expires)) {
    return Status::PermissionDenied("Request has expired").WithAwsType("AccessDenied", 403);
  }
  return Status::Ok();
}

std::string CredentialScope(const SigV4Signature& signature) {
  return signature.date + "/" + signature.region + "/" + signature.service + "/aws4_request";
}

std::string DeriveSigningKey(std::string_view secret, const SigV4Signature& signature) {
  std::string key = HmacSha256("AWS4" + std::string(secret), signature.date);
  key = HmacSha256(key, signature.region);
  key = HmacSha256(key, signature.service);
  return HmacSha256(key, "aws4_request");
}

std::string ComputeSignature(const http::Request& request,
                             const SigV4Signature& signature,
                             const std::string& secret) {
  const std::string string_to_sign = std::string(kAlgorithm) + "\n" + signature.timestamp + "\n" +
                                     CredentialScope(signature) + "\n" +
                                     Sha256Hex(CanonicalRequest(request, signature));
  return ToHex(HmacSha256(DeriveSigningKey(secret, signature), string_to_sign));
}

Status VerifySigV4(const http::Request& request,
                   const SigV4Signature& signature,
                   const CredentialStore& credentials) {
  const bool s3 = signature.service == "s3";
  auto it = credentials.find(signature.access_key_id);
  if (it == credentials.end()) {
    // AWS: S3 says InvalidAccessKeyId; the other services say InvalidClientTokenId (403).
    return Status::Unauthenticated(
               s3 ? "The AWS Access Key Id you provided does not exist in our records."
                  : "The security token included in the request is invalid.")
        .WithAwsType(s3 ? "InvalidAccessKeyId" : "InvalidClientTokenId", 403);
  }
  if (!ConstantTimeEquals(ComputeSignature(request, signature, it->second),
                          Lower(signature.signature))) {
    return Status::Unauthenticated(
               "The request signature we calculated does not match the signature you provided. "
               "Check your AWS Secret Access Key and signing method.")
        .WithAwsType("SignatureDoesNotMatch", 403);
  }
  return Status::Ok();
}

}  // namespace stratus::aws
