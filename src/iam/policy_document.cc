#include "iam/policy_document.h"

#include "base/json.h"
#include "iam/errors.h"

namespace stratus::iam {
namespace {

// AWS: a document may be at most 131072 characters before IAM even parses it.
constexpr size_t kMaxDocumentBytes = 131072;

Status CheckStatement(const Json& statement) {
  if (!statement.is_object()) {
    return IamError::MalformedPolicy("Syntax errors in policy.");
  }
  auto effect = statement.find("Effect");
  if (effect == statement.end() || !effect->is_string()) {
    return IamError::MalformedPolicy("Missing required field Effect");
  }
  const std::string& value = effect->get_ref<const std::string&>();
  if (value != "Allow" && value != "Deny") {
    return IamError::MalformedPolicy("Invalid effect: " + value);
  }
  return Status::Ok();
}

}  // namespace

Status ValidatePolicyDocument(std::string_view text) {
  if (text.size() > kMaxDocumentBytes) {
    return IamError::MalformedPolicy("Cannot exceed quota for PolicySize: 131072");
  }
  Result<Json> parsed = ParseJson(text);
  if (!parsed.ok() || !parsed->is_object()) {
    return IamError::MalformedPolicy("This policy contains invalid Json");
  }
  auto statement = parsed->find("Statement");
  if (statement == parsed->end()) {
    return IamError::MalformedPolicy("Missing required field Statement");
  }
  if (statement->is_array()) {
    if (statement->empty()) {
      return IamError::MalformedPolicy("Missing required field Statement");
    }
    for (const Json& each : *statement) {
      STRATUS_RETURN_IF_ERROR(CheckStatement(each));
    }
    return Status::Ok();
  }
  return CheckStatement(*statement);
}

std::string UrlEncodeDocument(std::string_view text) {
  static constexpr char kHexDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3 / 2);
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                            (byte >= '0' && byte <= '9') || byte == '-' || byte == '_' ||
                            byte == '.' || byte == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHexDigits[byte >> 4];
      out += kHexDigits[byte & 0x0F];
    }
  }
  return out;
}

}  // namespace stratus::iam
