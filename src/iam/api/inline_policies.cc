// The inline policy operations of roles and users: Put/Get/List/DeleteRolePolicy
// and Put/Get/List/DeleteUserPolicy.

#include <utility>

#include "iam/api/handlers.h"
#include "iam/api/iam_json.h"
#include "iam/api/request_fields.h"
#include "iam/iam_store.h"
#include "iam/policy_document.h"

namespace stratus::iam::api {
namespace {

std::string_view OwnerMember(PrincipalKind kind) {
  return kind == PrincipalKind::kRole ? "RoleName" : "UserName";
}

void Put(PrincipalKind kind, IamStore& store, const Json& input, aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string owner, RequiredString(input, OwnerMember(kind)));
    STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredName(input, "PolicyName"));
    STRATUS_ASSIGN_OR_RETURN(std::string document, RequiredPolicyDocument(input, "PolicyDocument"));
    store.PutInlinePolicy(kind, std::move(owner), std::move(name), std::move(document),
                          ReplyEmptyAfterCommit<bool>(std::move(reply)));
    return Status::Ok();
  });
}

Result<Json> Get(PrincipalKind kind, IamStore& store, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string owner, RequiredString(input, OwnerMember(kind)));
  STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "PolicyName"));
  STRATUS_ASSIGN_OR_RETURN(std::string document, store.GetInlinePolicy(kind, owner, name));
  // AWS: the document comes back URL-encoded (RFC 3986).
  return Json{{std::string(OwnerMember(kind)), owner},
              {"PolicyName", name},
              {"PolicyDocument", UrlEncodeDocument(document)}};
}

Result<Json> List(PrincipalKind kind, IamStore& store, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string owner, RequiredString(input, OwnerMember(kind)));
  STRATUS_ASSIGN_OR_RETURN(PageRequest page, PageOf(input));
  STRATUS_ASSIGN_OR_RETURN(Page<std::string> names, store.ListInlinePolicies(kind, owner, page));
  Json output = {{"PolicyNames", names.items}};
  AddPaging(output, names.marker);
  return output;
}

void Delete(PrincipalKind kind, IamStore& store, const Json& input, aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string owner, RequiredString(input, OwnerMember(kind)));
    STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "PolicyName"));
    store.DeleteInlinePolicy(kind, std::move(owner), std::move(name),
                             ReplyEmptyAfterCommit<bool>(std::move(reply)));
    return Status::Ok();
  });
}

}  // namespace

void PutRolePolicy(IamStore& store,
                   const aws::RequestContext& /*context*/,
                   const Json& input,
                   aws::Reply reply) {
  Put(PrincipalKind::kRole, store, input, std::move(reply));
}

Result<Json> GetRolePolicy(IamStore& store,
                           const aws::RequestContext& /*context*/,
                           const Json& input) {
  return Get(PrincipalKind::kRole, store, input);
}

Result<Json> ListRolePolicies(IamStore& store,
                              const aws::RequestContext& /*context*/,
                              const Json& input) {
  return List(PrincipalKind::kRole, store, input);
}

void DeleteRolePolicy(IamStore& store,
                      const aws::RequestContext& /*context*/,
                      const Json& input,
                      aws::Reply reply) {
  Delete(PrincipalKind::kRole, store, input, std::move(reply));
}

void PutUserPolicy(IamStore& store,
                   const aws::RequestContext& /*context*/,
                   const Json& input,
                   aws::Reply reply) {
  Put(PrincipalKind::kUser, store, input, std::move(reply));
}

Result<Json> GetUserPolicy(IamStore& store,
                           const aws::RequestContext& /*context*/,
                           const Json& input) {
  return Get(PrincipalKind::kUser, store, input);
}

Result<Json> ListUserPolicies(IamStore& store,
                              const aws::RequestContext& /*context*/,
                              const Json& input) {
  return List(PrincipalKind::kUser, store, input);
}

void DeleteUserPolicy(IamStore& store,
                      const aws::RequestContext& /*context*/,
                      const Json& input,
                      aws::Reply reply) {
  Delete(PrincipalKind::kUser, store, input, std::move(reply));
}

}  // namespace stratus::iam::api
