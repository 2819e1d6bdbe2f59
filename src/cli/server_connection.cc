#include "cli/server_connection.h"

#include <utility>

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

struct ServerConnection::Curl {
  CURL* handle = nullptr;
};

ServerConnection::ServerConnection(std::string endpoint)
    : endpoint_(std::move(endpoint)), curl_(std::make_unique<Curl>()) {
  while (!endpoint_.empty() && endpoint_.back() == '/') {
    endpoint_.pop_back();
  }
  curl_->handle = curl_easy_init();
}

ServerConnection::~ServerConnection() {
  if (curl_->handle != nullptr) {
    curl_easy_cleanup(curl_->handle);
  }
}

Result<ServerReply> ServerConnection::Send(std::string_view method,
                                           std::string_view path,
                                           std::string_view service,
                                           const std::vector<std::string>& headers,
                                           std::string_view body) {
  CURL* curl = curl_->handle;
  if (curl == nullptr) {
    return Status::Internal("libcurl did not start");
  }
  curl_easy_reset(curl);
  curl_slist* list = nullptr;
  for (const std::string& header : headers) {
    list = curl_slist_append(list, header.c_str());
  }
  const std::string authorization = Format(kAuthorization, service);
  list = curl_slist_append(list, authorization.c_str());
  const std::string url = endpoint_ + std::string(path);
  const std::string verb(method);
  ServerReply reply;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, verb.c_str());
  if (verb == "POST" || !body.empty()) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  }
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &AppendBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);
  const CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(list);
  if (code != CURLE_OK) {
    return Status::IoError(Format("cannot reach {}: {}", endpoint_, curl_easy_strerror(code)));
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
  return reply;
}

std::string ServerConnection::FormEscape(std::string_view value) {
  if (curl_->handle == nullptr) {
    return std::string(value);
  }
  char* escaped = curl_easy_escape(curl_->handle, value.data(), static_cast<int>(value.size()));
  std::string out = escaped == nullptr ? "" : escaped;
  curl_free(escaped);
  return out;
}

}  // namespace stratus::cli
