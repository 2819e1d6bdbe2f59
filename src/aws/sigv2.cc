#include "aws/sigv2.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include "base/digest.h"
#include "base/format.h"

namespace stratus::aws {
namespace {

// The query parameters that are part of a SigV2 resource (botocore's
// HmacV1Auth.QSAOfInterest, from the S3 guide's sub-resource list).
constexpr std::array<std::string_view, 36> kSubresources = {
    "accelerate",
    "acl",
    "analytics",
    "cors",
    "defaultObjectAcl",
    "delete",
    "inventory",
    "lifecycle",
    "location",
    "logging",
    "metrics",
    "notification",
    "object-lock",
    "partNumber",
    "policy",
    "replication",
    "requestPayment",
    "response-cache-control",
    "response-content-disposition",
    "response-content-encoding",
    "response-content-language",
    "response-content-type",
    "response-expires",
    "restore",
    "select",
    "select-type",
    "storageClass",
    "tagging",
    "torrent",
    "uploadId",
    "uploads",
    "versionId",
    "versioning",
    "versions",
    "website",
    "attributes",
};

Status Malformed(std::string message) {
  return Status::Unauthenticated(std::move(message)).WithAwsType("AccessDenied", 403);
}

std::string Lowered(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string Trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

}  // namespace

Result<std::optional<SigV2Signature>> ParseSigV2(const http::Request& request) {
  if (auto authorization = request.headers.Get("authorization");
      authorization.has_value() && authorization->starts_with("AWS ")) {
    const std::string_view credentials = authorization->substr(4);
    const size_t colon = credentials.rfind(':');
    if (colon == std::string_view::npos || colon == 0) {
      return Malformed("AWS authorization header is invalid.  Expected AwsAccessKeyId:signature");
    }
    return std::optional<SigV2Signature>(
        SigV2Signature{.access_key_id = std::string(credentials.substr(0, colon)),
                       .signature = std::string(credentials.substr(colon + 1)),
                       .presigned = false,
                       .expires_epoch_seconds = 0});
  }
  if (request.query.find("AWSAccessKeyId=") == std::string::npos) {
    return std::optional<SigV2Signature>();
  }
  SigV2Signature signature;
  signature.presigned = true;
  bool have_expires = false;
  for (const auto& [name, value] : http::ParseQueryString(request.query)) {
    if (name == "AWSAccessKeyId") {
      signature.access_key_id = value;
    } else if (name == "Signature") {
      signature.signature = value;
    } else if (name == "Expires") {
      char* end = nullptr;
      signature.expires_epoch_seconds = std::strtoll(value.c_str(), &end, 10);
      have_expires = end != value.c_str() && *end == '\0';
    }
  }
  if (signature.access_key_id.empty() || signature.signature.empty() || !have_expires) {
    return Malformed(
        "Query-string authentication requires the Signature, Expires and AWSAccessKeyId "
        "parameters");
  }
  return std::optional<SigV2Signature>(std::move(signature));
}

std::string SigV2StringToSign(const http::Request& request, const SigV2Signature& signature) {
  const auto parameters = http::ParseQueryString(request.query);
  auto header_or_query = [&](std::string_view name) -> std::string {
    if (auto value = request.headers.Get(name)) {
      return Trimmed(*value);
    }
    for (const auto& [key, value] : parameters) {
      if (Lowered(key) == name) {
        return value;
      }
    }
    return {};
  };
  std::string out = request.method + "\n";
  out += header_or_query("content-md5") + "\n";
  out += header_or_query("content-type") + "\n";
  if (signature.presigned) {
    out += std::to_string(signature.expires_epoch_seconds) + "\n";
  } else {
    // AWS: with x-amz-date the Date line is empty (x-amz-date is signed below).
    out += request.headers.Get("x-amz-date").has_value()
               ? std::string()
               : Trimmed(request.headers.Get("date").value_or(""));
    out += "\n";
  }
  std::vector<std::pair<std::string, std::string>> amz;
  for (const auto& [name, value] : request.headers.fields()) {
    std::string lowered = Lowered(name);
    if (!lowered.starts_with("x-amz-")) {
      continue;
    }
    auto it = std::find_if(amz.begin(), amz.end(),
                           [&](const auto& entry) { return entry.first == lowered; });
    if (it == amz.end()) {
      amz.emplace_back(std::move(lowered), Trimmed(value));
    } else {
      it->second += "," + Trimmed(value);
    }
  }
  if (signature.presigned) {
    for (const auto& [name, value] : parameters) {
      std::string lowered = Lowered(name);
      if (lowered.starts_with("x-amz-")) {
        amz.emplace_back(std::move(lowered), value);
      }
    }
  }
  std::sort(amz.begin(), amz.end());
  for (const auto& [name, value] : amz) {
    out += name + ":" + value + "\n";
  }
  out += request.path.empty() ? "/" : request.path;
  std::vector<std::pair<std::string, std::string>> subresources;
  for (const auto& [name, value] : parameters) {
    if (std::find(kSubresources.begin(), kSubresources.end(), name) != kSubresources.end()) {
      subresources.emplace_back(name, value);
    }
  }
  std::sort(subresources.begin(), subresources.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t i = 0; i < subresources.size(); ++i) {
    out += i == 0 ? "?" : "&";
    out += subresources[i].first;
    // A parameter sent without a value ("?acl") is signed without "=".
    if (!subresources[i].second.empty() ||
        request.query.find(subresources[i].first + "=") != std::string::npos) {
      out += "=" + subresources[i].second;
    }
  }
  return out;
}

Status VerifySigV2(const http::Request& request,
                   const SigV2Signature& signature,
                   const CredentialStore& credentials) {
  auto it = credentials.find(signature.access_key_id);
  if (it == credentials.end()) {
    return Status::Unauthenticated(
               "The AWS Access Key Id you provided does not exist in our records.")
        .WithAwsType("InvalidAccessKeyId", 403);
  }
  const std::string expected =
      Base64Encode(HmacSha1(it->second, SigV2StringToSign(request, signature)));
  if (!ConstantTimeEquals(expected, signature.signature)) {
    return Status::Unauthenticated(
               "The request signature we calculated does not match the signature you provided. "
               "Check your key and signing method.")
        .WithAwsType("SignatureDoesNotMatch", 403);
  }
  return Status::Ok();
}

Status CheckSigV2Expiry(const SigV2Signature& signature, Clock::TimePoint now) {
  if (!signature.presigned) {
    return Status::Ok();
  }
  const int64_t now_seconds = ToUnixMillis(now) / 1000;
  if (now_seconds > signature.expires_epoch_seconds) {
    return Status::PermissionDenied("Request has expired").WithAwsType("AccessDenied", 403);
  }
  return Status::Ok();
}

}  // namespace stratus::aws
