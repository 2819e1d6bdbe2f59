// The role operations: CreateRole, GetRole, ListRoles, UpdateRole,
// UpdateRoleDescription, UpdateAssumeRolePolicy, DeleteRole, TagRole,
// UntagRole, ListRoleTags.

#include <utility>

#include "base/format.h"
#include "iam/api/handlers.h"
#include "iam/api/iam_json.h"
#include "iam/api/request_fields.h"
#include "iam/iam_store.h"

namespace stratus::iam::api {
namespace {

// AWS: MaxSessionDuration accepts 3600 to 43200 seconds.
constexpr int64_t kMinSessionSeconds = 3600;
constexpr int64_t kMaxSessionSeconds = 43200;

Result<std::optional<int>> SessionSecondsOf(const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> seconds,
                           OptionalInteger(input, "MaxSessionDuration"));
  if (!seconds.has_value()) {
    return std::optional<int>();
  }
  if (*seconds < kMinSessionSeconds || *seconds > kMaxSessionSeconds) {
    return IamError::Validation(
        Format("1 validation error detected: Value '{}' at 'maxSessionDuration' failed to satisfy "
               "constraint: Member must have value {} or equal to {}",
               *seconds, *seconds < kMinSessionSeconds ? "greater than" : "less than",
               *seconds < kMinSessionSeconds ? kMinSessionSeconds : kMaxSessionSeconds));
  }
  return std::optional<int>(static_cast<int>(*seconds));
}

Json RoleOutput(Role role) {
  return {{"Role", RoleJson(role)}};
}

}  // namespace

void CreateRole(IamStore& store,
                const aws::RequestContext& /*context*/,
                const Json& input,
                aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    RoleSpec spec;
    STRATUS_ASSIGN_OR_RETURN(spec.name, RequiredName(input, "RoleName"));
    STRATUS_ASSIGN_OR_RETURN(spec.path, PathOf(input));
    STRATUS_ASSIGN_OR_RETURN(spec.assume_role_policy,
                             RequiredPolicyDocument(input, "AssumeRolePolicyDocument"));
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> description,
                             OptionalString(input, "Description"));
    spec.description = description.value_or("");
    STRATUS_ASSIGN_OR_RETURN(std::optional<int> seconds, SessionSecondsOf(input));
    spec.max_session_seconds = seconds.value_or(static_cast<int>(kMinSessionSeconds));
    STRATUS_ASSIGN_OR_RETURN(spec.tags, TagsOf(input));
    store.CreateRole(std::move(spec), ReplyAfterCommit<Role>(std::move(reply), &RoleOutput));
    return Status::Ok();
  });
}

Result<Json> GetRole(IamStore& store, const aws::RequestContext& /*context*/, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "RoleName"));
  STRATUS_ASSIGN_OR_RETURN(Role role, store.GetRole(name));
  return RoleOutput(std::move(role));
}

Result<Json> ListRoles(IamStore& store, const aws::RequestContext& /*context*/, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string prefix, PathOf(input, "PathPrefix"));
  STRATUS_ASSIGN_OR_RETURN(PageRequest page, PageOf(input));
  STRATUS_ASSIGN_OR_RETURN(Page<Role> roles, store.ListRoles(prefix, page));
  Json output = {{"Roles", Json::array()}};
  for (const Role& role : roles.items) {
    Json json = RoleJson(role);
    json.erase("Tags");  // AWS: ListRoles leaves out tags.
    output["Roles"].push_back(std::move(json));
  }
  AddPaging(output, roles.marker);
  return output;
}

void UpdateRole(IamStore& store,
                const aws::RequestContext& /*context*/,
                const Json& input,
                aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "RoleName"));
    RoleUpdate update;
    STRATUS_ASSIGN_OR_RETURN(update.description, OptionalString(input, "Description"));
    STRATUS_ASSIGN_OR_RETURN(update.max_session_seconds, SessionSecondsOf(input));
    store.UpdateRole(std::move(name), std::move(update),
                     ReplyEmptyAfterCommit<Role>(std::move(reply)));
    return Status::Ok();
  });
}

void UpdateRoleDescription(IamStore& store,
                           const aws::RequestContext& /*context*/,
                           const Json& input,
                           aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "RoleName"));
    RoleUpdate update;
    STRATUS_ASSIGN_OR_RETURN(update.description, RequiredString(input, "Description"));
    store.UpdateRole(std::move(name), std::move(update),
                     ReplyAfterCommit<Role>(std::move(reply), &RoleOutput));
    return Status::Ok();
  });
}

void UpdateAssumeRolePolicy(IamStore& store,
                            const aws::RequestContext& /*context*/,
                            const Json& input,
                            aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "RoleName"));
    STRATUS_ASSIGN_OR_RETURN(std::string document, RequiredPolicyDocument(input, "PolicyDocument"));
    store.UpdateAssumeRolePolicy(std::move(name), std::move(document),
                                 ReplyEmptyAfterCommit<Role>(std::move(reply)));
    return Status::Ok();
  });
}

void DeleteRole(IamStore& store,
                const aws::RequestContext& /*context*/,
                const Json& input,
                aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "RoleName"));
    store.DeleteRole(std::move(name), ReplyEmptyAfterCommit<bool>(std::move(reply)));
    return Status::Ok();
  });
}

void TagRole(IamStore& store,
             const aws::RequestContext& /*context*/,
             const Json& input,
             aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "RoleName"));
    STRATUS_ASSIGN_OR_RETURN(Tags tags, TagsOf(input));
    store.TagRole(std::move(name), std::move(tags), ReplyEmptyAfterCommit<bool>(std::move(reply)));
    return Status::Ok();
  });
}

void UntagRole(IamStore& store,
               const aws::RequestContext& /*context*/,
               const Json& input,
               aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "RoleName"));
    STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> keys, StringList(input, "TagKeys"));
    store.UntagRole(std::move(name), std::move(keys),
                    ReplyEmptyAfterCommit<bool>(std::move(reply)));
    return Status::Ok();
  });
}

Result<Json> ListRoleTags(IamStore& store,
                          const aws::RequestContext& /*context*/,
                          const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "RoleName"));
  STRATUS_ASSIGN_OR_RETURN(Role role, store.GetRole(name));
  return Json{{"Tags", TagsJson(role.tags)}, {"IsTruncated", false}};
}

}  // namespace stratus::iam::api
