#include "cli/athena_client.h"

#include <curl/curl.h>

#include "base/format.h"

namespace stratus::cli {
namespace {

size_t AppendBody(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

// The scope the server routes unsigned requests by (no signature is checked).
constexpr std::string_view kAuthorization =
    "Authorization: AWS4-HMAC-SHA256 Credential=stratus/20240101/us-east-1/{}/aws4_request, "
    "SignedHeaders=host, Signature=0";

}  // namespace

struct AthenaClient::Curl {
  CURL* handle = nullptr;
};

AthenaClient::AthenaClient(std::string endpoint)
    : endpoint_(std::move(endpoint)), curl_(std::make_unique<Curl>()) {
  while (!endpoint_.empty() && endpoint_.back() == '/') {
    endpoint_.pop_back();
  }
  curl_->handle = curl_easy_init();
}

AthenaClient::~AthenaClient() {
  if (curl_->handle != nullptr) {
    curl_easy_cleanup(curl_->handle);
  }
}

Result<Json> AthenaClient::Call(std::string_view operation, const Json& input) {
  CURL* curl = curl_->handle;
  if (curl == nullptr) {
    return Status::Internal("libcurl did not start");
  }
  curl_easy_reset(curl);
  const std::string body = input.dump();
  std::string response;
  curl_slist* headers = nullptr;
  const std::string target = Format("X-Amz-Target: AmazonAthena.{}", operation);
  const std::string authorization = Format(kAuthorization, "athena");
  headers = curl_slist_append(headers, "Content-Type: application/x-amz-json-1.1");
  headers = curl_slist_append(headers, target.c_str());
  headers = curl_slist_append(headers, authorization.c_str());
  const std::string url = endpoint_ + "/";
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &AppendBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response);
  const CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  if (code != CURLE_OK) {
    return Status::IoError(Format("cannot reach {}: {}", endpoint_, curl_easy_strerror(code)));
  }
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  Json parsed = Json::parse(response, nullptr, /*allow_exceptions=*/false);
  if (status / 100 != 2) {
    std::string type = "Error";
    std::string message = response;
    if (parsed.is_object()) {
      type = parsed.value("__type", type);
      if (const size_t hash = type.rfind('#'); hash != std::string::npos) {
        type = type.substr(hash + 1);
      }
      message = parsed.value("message", parsed.value("Message", message));
    }
    return Status::InvalidArgument(message).WithAwsType(type, static_cast<int>(status));
  }
  if (parsed.is_discarded()) {
    return Status::IoError(Format("the server answered {} with no JSON", operation));
  }
  return parsed;
}

Status AthenaClient::EnsureBucket(std::string_view bucket) {
  CURL* curl = curl_->handle;
  if (curl == nullptr) {
    return Status::Internal("libcurl did not start");
  }
  curl_easy_reset(curl);
  std::string response;
  const std::string url = Format("{}/{}", endpoint_, bucket);
  const std::string authorization = Format(kAuthorization, "s3");
  curl_slist* headers = curl_slist_append(nullptr, authorization.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, "PUT");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &AppendBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response);
  const CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  if (code != CURLE_OK) {
    return Status::IoError(Format("cannot reach {}: {}", endpoint_, curl_easy_strerror(code)));
  }
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  // 409 BucketAlreadyOwnedByYou: it exists, which is all we need.
  if (status / 100 == 2 || status == 409) {
    return Status::Ok();
  }
  return Status::IoError(Format("cannot create bucket {}: HTTP {} {}", bucket, status, response));
}

}  // namespace stratus::cli
