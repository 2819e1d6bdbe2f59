#include "cli/cloudformation_client.h"

#include <utility>

#include "base/format.h"

namespace stratus::cli {
namespace {

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

CloudFormationClient::CloudFormationClient(std::string endpoint)
    : connection_(std::move(endpoint)) {}

Result<aws::XmlElement> CloudFormationClient::Call(
    std::string_view operation,
    const std::vector<std::pair<std::string, std::string>>& parameters) {
  std::string body = Format("Action={}&Version=2010-05-15", operation);
  for (const auto& [name, value] : parameters) {
    body += Format("&{}={}", name, connection_.FormEscape(value));
  }
  STRATUS_ASSIGN_OR_RETURN(
      ServerReply reply,
      connection_.Send("POST", "/", "cloudformation",
                       {"Content-Type: application/x-www-form-urlencoded"}, body));
  const long status = reply.status;
  const std::string& response = reply.body;
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
