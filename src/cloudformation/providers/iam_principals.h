#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/result.h"

namespace stratus::cloudformation {

class ServiceCaller;
struct StackIdentity;

/// The IAM identities a policy applies to: the Roles, Users and Groups
/// properties of AWS::IAM::Policy and AWS::IAM::ManagedPolicy.
struct IamPrincipals {
  std::vector<std::string> roles = {};
  std::vector<std::string> users = {};
  std::vector<std::string> groups = {};

  bool empty() const { return roles.empty() && users.empty() && groups.empty(); }
};

/// Reads Roles, Users and Groups from resolved properties (a role given by
/// ARN is reduced to its name).
Result<IamPrincipals> ReadIamPrincipals(const Json& properties);

/// Returns the principals of `a` that are not in `b`.
IamPrincipals PrincipalsMissingFrom(const IamPrincipals& a, const IamPrincipals& b);

/// Puts the inline policy `name` with `document` (JSON text) on every
/// principal (PutRolePolicy, PutUserPolicy, PutGroupPolicy).
Status PutInlinePolicy(const ServiceCaller& caller,
                       const StackIdentity& stack,
                       const IamPrincipals& principals,
                       std::string_view name,
                       const std::string& document);

/// Deletes the inline policy `name` from every principal; one already gone
/// is skipped.
Status DeleteInlinePolicy(const ServiceCaller& caller,
                          const StackIdentity& stack,
                          const IamPrincipals& principals,
                          std::string_view name);

/// Attaches (or, with `attach` false, detaches) the managed policy to every
/// principal; detaching one already gone is skipped.
Status AttachManagedPolicy(const ServiceCaller& caller,
                           const StackIdentity& stack,
                           const IamPrincipals& principals,
                           std::string_view policy_arn,
                           bool attach);

/// Returns a policy-document property (object or JSON text) as JSON text.
Result<std::string> PolicyDocumentText(const Json& properties, std::string_view name);

}  // namespace stratus::cloudformation
