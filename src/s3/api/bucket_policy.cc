#include "s3/api/bucket_policy.h"

#include <string>
#include <vector>

#include "s3/api/s3_service.h"
#include "s3/errors.h"

namespace stratus::s3::api {
namespace {

// Returns a member that may be one string or a list of strings as a list;
// nullopt when it is neither.
std::optional<std::vector<std::string>> StringOrList(const Json& value) {
  std::vector<std::string> out;
  if (value.is_string()) {
    out.push_back(value.get<std::string>());
    return out;
  }
  if (!value.is_array()) {
    return std::nullopt;
  }
  for (const Json& item : value) {
    if (!item.is_string()) {
      return std::nullopt;
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

// True for Principal "*" or {"AWS": "*"} (alone or in a list).
bool AnyonePrincipal(const Json& principal) {
  if (principal.is_string()) {
    return principal.get<std::string>() == "*";
  }
  if (!principal.is_object()) {
    return false;
  }
  auto aws = principal.find("AWS");
  if (aws == principal.end()) {
    return false;
  }
  std::optional<std::vector<std::string>> names = StringOrList(*aws);
  return names.has_value() && std::find(names->begin(), names->end(), "*") != names->end();
}

// True when the bucket's public access block asks to refuse public policies.
bool BlocksPublicPolicies(S3Service& service, std::string_view bucket) {
  Result<std::string> stored = service.engine().GetBucketConfig(bucket, "public-access-block", "");
  if (!stored.ok()) {
    return false;
  }
  Result<Json> block = ParseJson(*stored);
  if (!block.ok()) {
    return false;
  }
  auto it = block->find("BlockPublicPolicy");
  return it != block->end() && it->is_boolean() && it->get<bool>();
}

bool ResourceInBucket(std::string_view resource, std::string_view bucket) {
  // The partition may be any: arn:aws:s3:::b, arn:aws-cn:s3:::b/key.
  const size_t marker = resource.find(":s3:::");
  if (!resource.starts_with("arn:") || marker == std::string_view::npos) {
    return false;
  }
  std::string_view rest = resource.substr(marker + 6);
  return rest == bucket || rest.starts_with(std::string(bucket) + "/") || rest == "*";
}

}  // namespace

Status ValidateBucketPolicy(S3Service& service, std::string_view bucket, const Json& text) {
  const std::string source = text.is_string() ? text.get<std::string>() : std::string();
  Result<Json> parsed = ParseJson(source);
  if (source.empty() || source.front() != '{' || !parsed.ok() || !parsed->is_object()) {
    return S3Error::MalformedPolicy("Policies must be valid JSON and the first byte must be '{'");
  }
  auto statements = parsed->find("Statement");
  if (statements == parsed->end() || (!statements->is_array() && !statements->is_object())) {
    return S3Error::MalformedPolicy("Missing required field Statement");
  }
  const Json list = statements->is_array() ? *statements : Json::array({*statements});
  if (list.empty()) {
    return S3Error::MalformedPolicy("Could not parse the policy: Statement is empty!");
  }
  bool is_public = false;
  for (const Json& statement : list) {
    if (!statement.is_object()) {
      return S3Error::MalformedPolicy("Missing required field Statement");
    }
    auto effect = statement.find("Effect");
    if (effect == statement.end() || !effect->is_string()) {
      return S3Error::MalformedPolicy("Missing required field Effect");
    }
    if (*effect != "Allow" && *effect != "Deny") {
      return S3Error::MalformedPolicy("Invalid effect: " + effect->get<std::string>());
    }
    auto principal = statement.find("Principal");
    if (principal == statement.end() && !statement.contains("NotPrincipal")) {
      return S3Error::MalformedPolicy("Missing required field Principal");
    }
    for (const char* name : {"Action", "NotAction"}) {
      auto actions = statement.find(name);
      if (actions == statement.end()) {
        continue;
      }
      std::optional<std::vector<std::string>> values = StringOrList(*actions);
      if (!values.has_value()) {
        return S3Error::MalformedPolicy("Policy has invalid action");
      }
      for (const std::string& action : *values) {
        if (action != "*" && !action.starts_with("s3:")) {
          return S3Error::MalformedPolicy("Policy has invalid action");
        }
      }
    }
    if (!statement.contains("Action") && !statement.contains("NotAction")) {
      return S3Error::MalformedPolicy("Missing required field Action");
    }
    auto resources = statement.find("Resource");
    if (resources == statement.end()) {
      resources = statement.find("NotResource");
    }
    if (resources == statement.end()) {
      return S3Error::MalformedPolicy("Missing required field Resource");
    }
    std::optional<std::vector<std::string>> values = StringOrList(*resources);
    if (!values.has_value()) {
      return S3Error::MalformedPolicy("Policy has invalid resource");
    }
    for (const std::string& resource : *values) {
      if (!ResourceInBucket(resource, bucket)) {
        return S3Error::MalformedPolicy("Policy has invalid resource");
      }
    }
    if (*effect == "Allow" && principal != statement.end() && AnyonePrincipal(*principal) &&
        !statement.contains("Condition")) {
      is_public = true;
    }
  }
  if (is_public && BlocksPublicPolicies(service, bucket)) {
    return S3Error::AccessDenied();
  }
  return Status::Ok();
}

}  // namespace stratus::s3::api
