#include "cli/cloudformation_client.h"

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
    "Authorization: AWS4-HMAC-SHA256 Credential=stratus/20240101/us-east-1/cloudformation/"
    "aws4_request, SignedHeaders=host, Signature=0";

const aws::XmlElement* Find(const aws::XmlElement& element, std::string_view path) {
  const aws::XmlElement* at = &element;
  while (at != nullptr && !path.empty()) {
    size_t slash = path.find('/');
    at = at->Child(path.substr(0, slash));
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
  }
  return at;
}

}  // namespace

struct CloudFormationClient::Curl {
  CURL* handle = nullptr;
};

CloudFormationClient::CloudFormationClient(std::string endpoint)
    : endpoint_(std::move(endpoint)), curl_(std::make_unique<Curl>()) {
  while (!endpoint_.empty() && endpoint_.back() == '/') {
    endpoint_.pop_back();
  }
  curl_->handle = curl_easy_init();
}

CloudFormationClient::~CloudFormationClient() {
  if (curl_->handle != nullptr) {
    curl_easy_cleanup(curl_->handle);
  }
}

Result<aws::XmlElement> CloudFormationClient::Call(
    std::string_view operation,
    const std::vector<std::pair<std::string, std::string>>& parameters) {
  CURL* curl = curl_->handle;
  if (curl == nullptr) {
    return Status::Internal("libcurl did not start");
  }
  curl_easy_reset(curl);
  std::string body = Format("Action={}&Version=2010-05-15", operation);
  for (const auto& [name, value] : parameters) {
    char* escaped = curl_easy_escape(curl, value.data(), static_cast<int>(value.size()));
    body += Format("&{}={}", name, escaped == nullptr ? "" : escaped);
    curl_free(escaped);
  }
  std::string response;
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Content-Type: application/x-www-form-urlencoded");
  headers = curl_slist_append(headers, std::string(kAuthorization).c_str());
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
  Result<aws::XmlElement> parsed = aws::ParseXml(response);
  if (!parsed.ok()) {
    return Status::IoError(Format("the server answered {} with no XML ({})", operation, status));
  }
  if (status / 100 != 2) {
    return Status::InvalidArgument(XmlText(*parsed, "Error/Message"))
        .WithAwsType(XmlText(*parsed, "Error/Code"), static_cast<int>(status));
  }
  const aws::XmlElement* result = parsed->Child(std::string(operation) + "Result");
  return result == nullptr ? aws::XmlElement{} : *result;
}

std::string XmlText(const aws::XmlElement& element, std::string_view path) {
  const aws::XmlElement* found = Find(element, path);
  return found == nullptr ? std::string() : found->text;
}

std::vector<const aws::XmlElement*> XmlMembers(const aws::XmlElement& element,
                                               std::string_view path) {
  std::vector<const aws::XmlElement*> members;
  const aws::XmlElement* list = Find(element, path);
  if (list != nullptr) {
    for (const aws::XmlElement& child : list->children) {
      if (child.LocalName() == "member") {
        members.push_back(&child);
      }
    }
  }
  return members;
}

}  // namespace stratus::cli
