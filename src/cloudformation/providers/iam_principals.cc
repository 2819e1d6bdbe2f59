#include "cloudformation/providers/iam_principals.h"

#include <algorithm>

#include "base/format.h"
#include "cloudformation/providers/property_values.h"
#include "cloudformation/providers/service_caller.h"

namespace stratus::cloudformation {
namespace {

// AWS: "arn:aws:iam::123456789012:role/path/name" names the role "name".
std::string RoleName(const std::string& role) {
  if (!role.starts_with("arn:")) {
    return role;
  }
  return role.substr(role.rfind('/') + 1);
}

std::vector<std::string> Missing(const std::vector<std::string>& a,
                                 const std::vector<std::string>& b) {
  std::vector<std::string> out;
  for (const std::string& item : a) {
    if (std::find(b.begin(), b.end(), item) == b.end()) {
      out.push_back(item);
    }
  }
  return out;
}

struct PrincipalKind {
  const char* member;  // "RoleName"
  const char* put;     // "PutRolePolicy"
  const char* remove;  // "DeleteRolePolicy"
  const char* attach;  // "AttachRolePolicy"
  const char* detach;  // "DetachRolePolicy"
  std::vector<std::string> IamPrincipals::*names;
};

constexpr PrincipalKind kKinds[] = {
    {"RoleName", "PutRolePolicy", "DeleteRolePolicy", "AttachRolePolicy", "DetachRolePolicy",
     &IamPrincipals::roles},
    {"UserName", "PutUserPolicy", "DeleteUserPolicy", "AttachUserPolicy", "DetachUserPolicy",
     &IamPrincipals::users},
    {"GroupName", "PutGroupPolicy", "DeleteGroupPolicy", "AttachGroupPolicy", "DetachGroupPolicy",
     &IamPrincipals::groups},
};

}  // namespace

Result<IamPrincipals> ReadIamPrincipals(const Json& properties) {
  IamPrincipals principals;
  STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> roles, StringList(properties, "Roles"));
  for (const std::string& role : roles) {
    principals.roles.push_back(RoleName(role));
  }
  STRATUS_ASSIGN_OR_RETURN(principals.users, StringList(properties, "Users"));
  STRATUS_ASSIGN_OR_RETURN(principals.groups, StringList(properties, "Groups"));
  return principals;
}

IamPrincipals PrincipalsMissingFrom(const IamPrincipals& a, const IamPrincipals& b) {
  return IamPrincipals{.roles = Missing(a.roles, b.roles),
                       .users = Missing(a.users, b.users),
                       .groups = Missing(a.groups, b.groups)};
}

Status PutInlinePolicy(const ServiceCaller& caller,
                       const StackIdentity& stack,
                       const IamPrincipals& principals,
                       std::string_view name,
                       const std::string& document) {
  for (const PrincipalKind& kind : kKinds) {
    for (const std::string& principal : principals.*kind.names) {
      STRATUS_RETURN_IF_ERROR(caller
                                  .Call(stack, "iam", kind.put,
                                        Json{{kind.member, principal},
                                             {"PolicyName", name},
                                             {"PolicyDocument", document}})
                                  .status());
    }
  }
  return Status::Ok();
}

Status DeleteInlinePolicy(const ServiceCaller& caller,
                          const StackIdentity& stack,
                          const IamPrincipals& principals,
                          std::string_view name) {
  for (const PrincipalKind& kind : kKinds) {
    for (const std::string& principal : principals.*kind.names) {
      Status status =
          caller
              .Call(stack, "iam", kind.remove, Json{{kind.member, principal}, {"PolicyName", name}})
              .status();
      if (!status.ok() && !IsNotFound(status)) {
        return status;
      }
    }
  }
  return Status::Ok();
}

Status AttachManagedPolicy(const ServiceCaller& caller,
                           const StackIdentity& stack,
                           const IamPrincipals& principals,
                           std::string_view policy_arn,
                           bool attach) {
  for (const PrincipalKind& kind : kKinds) {
    for (const std::string& principal : principals.*kind.names) {
      Status status = caller
                          .Call(stack, "iam", attach ? kind.attach : kind.detach,
                                Json{{kind.member, principal}, {"PolicyArn", policy_arn}})
                          .status();
      if (!status.ok() && (attach || !IsNotFound(status))) {
        return status;
      }
    }
  }
  return Status::Ok();
}

Result<std::string> PolicyDocumentText(const Json& properties, std::string_view name) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<Json> document, OptionalDocument(properties, name));
  if (!document.has_value()) {
    return Status::InvalidArgument(
        Format("Property validation failure: required key [{}] not found", name));
  }
  return DumpJson(*document);
}

}  // namespace stratus::cloudformation
