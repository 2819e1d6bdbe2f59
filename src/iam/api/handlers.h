#pragma once

#include <functional>
#include <utility>

#include "aws/operation_table.h"
#include "aws/request_context.h"
#include "aws/service_operations.h"
#include "base/json.h"
#include "iam/errors.h"
#include "iam/iam_types.h"

namespace stratus::iam {
class IamStore;
}  // namespace stratus::iam

// One handler per IAM operation, in one file per kind of entity (roles.cc,
// inline_policies.cc, managed_policies.cc, attachments.cc,
// instance_profiles.cc, users.cc, access_keys.cc). A handler reads the
// model-shaped JSON input, calls the store and replies with the
// model-shaped output — for writes, after the store's commit.
// operations.cc binds them to their operation names.
namespace stratus::iam::api {

using Handler = aws::CommitHandler<IamStore>;
using SyncHandler = aws::ReadHandler<IamStore>;

Handler CreateRole;
SyncHandler GetRole;
SyncHandler ListRoles;
Handler UpdateRole;
Handler UpdateRoleDescription;
Handler UpdateAssumeRolePolicy;
Handler DeleteRole;
Handler TagRole;
Handler UntagRole;
SyncHandler ListRoleTags;

Handler PutRolePolicy;
SyncHandler GetRolePolicy;
SyncHandler ListRolePolicies;
Handler DeleteRolePolicy;
Handler PutUserPolicy;
SyncHandler GetUserPolicy;
SyncHandler ListUserPolicies;
Handler DeleteUserPolicy;

Handler CreatePolicy;
SyncHandler GetPolicy;
SyncHandler ListPolicies;
Handler DeletePolicy;
Handler CreatePolicyVersion;
SyncHandler GetPolicyVersion;
SyncHandler ListPolicyVersions;
Handler DeletePolicyVersion;
Handler SetDefaultPolicyVersion;

Handler AttachRolePolicy;
Handler DetachRolePolicy;
SyncHandler ListAttachedRolePolicies;
Handler AttachUserPolicy;
Handler DetachUserPolicy;
SyncHandler ListAttachedUserPolicies;

Handler CreateInstanceProfile;
SyncHandler GetInstanceProfile;
SyncHandler ListInstanceProfiles;
SyncHandler ListInstanceProfilesForRole;
Handler DeleteInstanceProfile;
Handler AddRoleToInstanceProfile;
Handler RemoveRoleFromInstanceProfile;

Handler CreateUser;
SyncHandler GetUser;
SyncHandler ListUsers;
Handler DeleteUser;
Handler CreateAccessKey;
SyncHandler ListAccessKeys;
Handler UpdateAccessKey;
Handler DeleteAccessKey;

/// Returns a store callback that replies `to_json(result)` after the commit.
template <typename T>
Done<T> ReplyAfterCommit(aws::Reply reply, std::function<Json(T)> to_json) {
  return aws::ReplyAfterCommit<T>(std::move(reply), std::move(to_json), &IamError::FromEngine);
}

/// Returns a store callback that replies `{}` after the commit.
template <typename T>
Done<T> ReplyEmptyAfterCommit(aws::Reply reply) {
  return ReplyAfterCommit<T>(std::move(reply), [](T) { return Json::object(); });
}

/// Runs `start`; replies its error when it fails before handing `reply` on.
template <typename Start>
void StartOrReply(const aws::Reply& reply, Start start) {
  if (Status started = start(); !started.ok()) {
    reply(IamError::FromEngine(started));
  }
}

}  // namespace stratus::iam::api
