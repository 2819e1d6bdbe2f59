#include "cloudformation/api/template_url.h"

#include "base/digest.h"
#include "base/format.h"
#include "base/json.h"
#include "cloudformation/errors.h"
#include "cloudformation/providers/resource_provider.h"
#include "cloudformation/providers/service_caller.h"

namespace stratus::cloudformation {
namespace {

Status Unsupported() {
  return CfnError::Validation("TemplateURL must be a supported URL.");
}

std::string PercentDecode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(text[i + 1]) != 0 &&
        std::isxdigit(text[i + 2]) != 0) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace

Result<std::pair<std::string, std::string>> ParseTemplateUrl(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) {
    return Unsupported();
  }
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("?#"));
  size_t slash = rest.find('/');
  if (slash == std::string_view::npos) {
    return Unsupported();
  }
  std::string_view host = rest.substr(0, slash);
  std::string_view path = rest.substr(slash + 1);
  size_t virtual_hosted = host.find(".s3.");
  if (virtual_hosted == std::string_view::npos && host.find(".s3-") != std::string_view::npos) {
    virtual_hosted = host.find(".s3-");
  }
  std::string bucket;
  std::string key;
  if (virtual_hosted != std::string_view::npos && virtual_hosted > 0) {
    bucket = std::string(host.substr(0, virtual_hosted));
    key = PercentDecode(path);
  } else {
    size_t split = path.find('/');
    if (split == std::string_view::npos) {
      return Unsupported();
    }
    bucket = std::string(path.substr(0, split));
    key = PercentDecode(path.substr(split + 1));
  }
  if (bucket.empty() || key.empty()) {
    return Unsupported();
  }
  return std::make_pair(bucket, key);
}

std::function<Result<std::string>(const std::string& url)> MakeS3TemplateFetcher(
    std::shared_ptr<const ServiceCaller> caller) {
  return [caller = std::move(caller)](const std::string& url) -> Result<std::string> {
    STRATUS_ASSIGN_OR_RETURN(auto location, ParseTemplateUrl(url));
    Result<Json> object = caller->Call(StackIdentity{}, "s3", "GetObject",
                                       Json{{"Bucket", location.first}, {"Key", location.second}});
    if (!object.ok()) {
      return CfnError::Validation(Format("S3 error: {}", object.status().message()));
    }
    std::string body;
    if (!Base64Decode(object->value("Body", ""), &body)) {
      return CfnError::Validation(Format("S3 error: {} has no body", url));
    }
    return body;
  };
}

}  // namespace stratus::cloudformation
