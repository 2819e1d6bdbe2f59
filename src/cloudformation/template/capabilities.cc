#include "cloudformation/template/capabilities.h"

#include <map>

#include "cloudformation/template/template.h"

namespace stratus::cloudformation {

std::string RequiredCapability(const Template& parsed) {
  static const std::map<std::string, std::string> kNameProperty = {
      {"AWS::IAM::Role", "RoleName"},
      {"AWS::IAM::User", "UserName"},
      {"AWS::IAM::Group", "GroupName"},
      {"AWS::IAM::ManagedPolicy", "ManagedPolicyName"},
      {"AWS::IAM::InstanceProfile", "InstanceProfileName"}};
  std::string required;
  for (const auto& [id, resource] : parsed.resources) {
    if (resource.type.rfind("AWS::IAM::", 0) != 0) {
      continue;
    }
    auto named = kNameProperty.find(resource.type);
    if (named != kNameProperty.end() && resource.properties.contains(named->second)) {
      return "CAPABILITY_NAMED_IAM";
    }
    required = "CAPABILITY_IAM";
  }
  return required;
}

}  // namespace stratus::cloudformation
