#include "iam/api/operations.h"

#include <string>

#include "aws/model/model_registry.h"
#include "aws/model/service_model.h"
#include "aws/model_constraints.h"
#include "aws/service_operations.h"
#include "base/check.h"
#include "iam/api/handlers.h"
#include "iam/errors.h"
#include "iam/iam_store.h"

namespace stratus::iam {
namespace {

// AWS: IAM's front door checks the model's constraints (required members,
// lengths, ranges) and answers ValidationError, IAM's name for them.
aws::OperationHandler WithIamConstraints(const aws::ServiceModel& model,
                                         const aws::OperationModel& operation,
                                         aws::OperationHandler handler) {
  return [&model, &operation, handler = std::move(handler)](const aws::RequestContext& context,
                                                            Json input, aws::Reply reply) {
    if (Status checked = aws::CheckModelConstraints(model, operation, input); !checked.ok()) {
      reply(IamError::Validation(checked.message()));
      return;
    }
    handler(context, std::move(input), std::move(reply));
  };
}

}  // namespace

void RegisterIamOperations(aws::OperationTable& table,
                           const aws::ModelRegistry& models,
                           IamStore& store) {
  const aws::ServiceModel* model = models.Find("iam");
  STRATUS_CHECK(model != nullptr, "the iam model is not embedded");
  aws::ServiceOperations operations(
      table, models, "iam",
      aws::ServiceOperationsOptions{.model_constraints = std::nullopt,
                                    .on_json_error = [](std::string_view what) {
                                      return IamError::Validation(std::string(what));
                                    }});
  auto add = [&](std::string_view name, auto* handler) {
    const aws::OperationModel* operation = model->FindOperation(name);
    STRATUS_CHECK(operation != nullptr, "iam has no operation {}", name);
    operations.Add(name, WithIamConstraints(*model, *operation, aws::Bind(store, handler)));
  };
  add("AddRoleToInstanceProfile", &api::AddRoleToInstanceProfile);
  add("AttachRolePolicy", &api::AttachRolePolicy);
  add("AttachUserPolicy", &api::AttachUserPolicy);
  add("CreateAccessKey", &api::CreateAccessKey);
  add("CreateInstanceProfile", &api::CreateInstanceProfile);
  add("CreatePolicy", &api::CreatePolicy);
  add("CreatePolicyVersion", &api::CreatePolicyVersion);
  add("CreateRole", &api::CreateRole);
  add("CreateUser", &api::CreateUser);
  add("DeleteAccessKey", &api::DeleteAccessKey);
  add("DeleteInstanceProfile", &api::DeleteInstanceProfile);
  add("DeletePolicy", &api::DeletePolicy);
  add("DeletePolicyVersion", &api::DeletePolicyVersion);
  add("DeleteRole", &api::DeleteRole);
  add("DeleteRolePolicy", &api::DeleteRolePolicy);
  add("DeleteUser", &api::DeleteUser);
  add("DeleteUserPolicy", &api::DeleteUserPolicy);
  add("DetachRolePolicy", &api::DetachRolePolicy);
  add("DetachUserPolicy", &api::DetachUserPolicy);
  add("GetInstanceProfile", &api::GetInstanceProfile);
  add("GetPolicy", &api::GetPolicy);
  add("GetPolicyVersion", &api::GetPolicyVersion);
  add("GetRole", &api::GetRole);
  add("GetRolePolicy", &api::GetRolePolicy);
  add("GetUser", &api::GetUser);
  add("GetUserPolicy", &api::GetUserPolicy);
  add("ListAccessKeys", &api::ListAccessKeys);
  add("ListAttachedRolePolicies", &api::ListAttachedRolePolicies);
  add("ListAttachedUserPolicies", &api::ListAttachedUserPolicies);
  add("ListInstanceProfiles", &api::ListInstanceProfiles);
  add("ListInstanceProfilesForRole", &api::ListInstanceProfilesForRole);
  add("ListPolicies", &api::ListPolicies);
  add("ListPolicyVersions", &api::ListPolicyVersions);
  add("ListRolePolicies", &api::ListRolePolicies);
  add("ListRoleTags", &api::ListRoleTags);
  add("ListRoles", &api::ListRoles);
  add("ListUserPolicies", &api::ListUserPolicies);
  add("ListUsers", &api::ListUsers);
  add("PutRolePolicy", &api::PutRolePolicy);
  add("PutUserPolicy", &api::PutUserPolicy);
  add("RemoveRoleFromInstanceProfile", &api::RemoveRoleFromInstanceProfile);
  add("SetDefaultPolicyVersion", &api::SetDefaultPolicyVersion);
  add("TagRole", &api::TagRole);
  add("UntagRole", &api::UntagRole);
  add("UpdateAccessKey", &api::UpdateAccessKey);
  add("UpdateAssumeRolePolicy", &api::UpdateAssumeRolePolicy);
  add("UpdateRole", &api::UpdateRole);
  add("UpdateRoleDescription", &api::UpdateRoleDescription);
}

}  // namespace stratus::iam
