// The managed policy attachment operations of roles and users:
// Attach/Detach/ListAttachedRolePolicies and Attach/Detach/ListAttachedUserPolicies.

#include <utility>

#include "iam/api/handlers.h"
#include "iam/api/iam_json.h"
#include "iam/api/request_fields.h"
#include "iam/iam_store.h"

namespace stratus::iam::api {
namespace {

std::string_view OwnerMember(PrincipalKind kind) {
  return kind == PrincipalKind::kRole ? "RoleName" : "UserName";
}

void Attach(PrincipalKind kind, bool attach, IamStore& store, const Json& input, aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string owner, RequiredString(input, OwnerMember(kind)));
    STRATUS_ASSIGN_OR_RETURN(std::string arn, RequiredString(input, "PolicyArn"));
    if (!arn.starts_with("arn:aws:iam::") || arn.find(":policy/") == std::string::npos) {
      return IamError::InvalidInput("ARN " + arn + " is not valid.");
    }
    if (attach) {
      store.AttachPolicy(kind, std::move(owner), std::move(arn),
                         ReplyEmptyAfterCommit<bool>(std::move(reply)));
    } else {
      store.DetachPolicy(kind, std::move(owner), std::move(arn),
                         ReplyEmptyAfterCommit<bool>(std::move(reply)));
    }
    return Status::Ok();
  });
}

Result<Json> ListAttached(PrincipalKind kind, IamStore& store, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string owner, RequiredString(input, OwnerMember(kind)));
  STRATUS_ASSIGN_OR_RETURN(std::string prefix, PathOf(input, "PathPrefix"));
  STRATUS_ASSIGN_OR_RETURN(PageRequest page, PageOf(input));
  STRATUS_ASSIGN_OR_RETURN(Page<AttachedPolicy> attached,
                           store.ListAttachedPolicies(kind, owner, prefix, page));
  Json output = {{"AttachedPolicies", Json::array()}};
  for (const AttachedPolicy& policy : attached.items) {
    output["AttachedPolicies"].push_back({{"PolicyName", policy.name}, {"PolicyArn", policy.arn}});
  }
  AddPaging(output, attached.marker);
  return output;
}

}  // namespace

void AttachRolePolicy(IamStore& store,
                      const aws::RequestContext& /*context*/,
                      const Json& input,
                      aws::Reply reply) {
  Attach(PrincipalKind::kRole, /*attach=*/true, store, input, std::move(reply));
}

void DetachRolePolicy(IamStore& store,
                      const aws::RequestContext& /*context*/,
                      const Json& input,
                      aws::Reply reply) {
  Attach(PrincipalKind::kRole, /*attach=*/false, store, input, std::move(reply));
}

Result<Json> ListAttachedRolePolicies(IamStore& store,
                                      const aws::RequestContext& /*context*/,
                                      const Json& input) {
  return ListAttached(PrincipalKind::kRole, store, input);
}

void AttachUserPolicy(IamStore& store,
                      const aws::RequestContext& /*context*/,
                      const Json& input,
                      aws::Reply reply) {
  Attach(PrincipalKind::kUser, /*attach=*/true, store, input, std::move(reply));
}

void DetachUserPolicy(IamStore& store,
                      const aws::RequestContext& /*context*/,
                      const Json& input,
                      aws::Reply reply) {
  Attach(PrincipalKind::kUser, /*attach=*/false, store, input, std::move(reply));
}

Result<Json> ListAttachedUserPolicies(IamStore& store,
                                      const aws::RequestContext& /*context*/,
                                      const Json& input) {
  return ListAttached(PrincipalKind::kUser, store, input);
}

}  // namespace stratus::iam::api
