// The managed policy operations: CreatePolicy, GetPolicy, ListPolicies,
// DeletePolicy, CreatePolicyVersion, GetPolicyVersion, ListPolicyVersions,
// DeletePolicyVersion, SetDefaultPolicyVersion.

#include <utility>

#include "iam/api/handlers.h"
#include "iam/api/iam_json.h"
#include "iam/api/request_fields.h"
#include "iam/iam_store.h"

namespace stratus::iam::api {
namespace {

Result<PolicyFilter> FilterOf(const Json& input) {
  PolicyFilter filter;
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> scope, OptionalString(input, "Scope"));
  if (scope.has_value()) {
    if (*scope != "All" && *scope != "AWS" && *scope != "Local") {
      return IamError::Validation(
          "1 validation error detected: Value '" + *scope +
          "' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, "
          "AWS, Local]");
    }
    filter.aws_managed = *scope != "Local";
    filter.local = *scope != "AWS";
  }
  STRATUS_ASSIGN_OR_RETURN(std::optional<bool> only_attached, OptionalBool(input, "OnlyAttached"));
  filter.only_attached = only_attached.value_or(false);
  STRATUS_ASSIGN_OR_RETURN(filter.path_prefix, PathOf(input, "PathPrefix"));
  return filter;
}

}  // namespace

void CreatePolicy(IamStore& store,
                  const aws::RequestContext& /*context*/,
                  const Json& input,
                  aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    PolicySpec spec;
    STRATUS_ASSIGN_OR_RETURN(spec.name, RequiredName(input, "PolicyName"));
    STRATUS_ASSIGN_OR_RETURN(spec.path, PathOf(input));
    STRATUS_ASSIGN_OR_RETURN(spec.document, RequiredPolicyDocument(input, "PolicyDocument"));
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> description,
                             OptionalString(input, "Description"));
    spec.description = description.value_or("");
    STRATUS_ASSIGN_OR_RETURN(spec.tags, TagsOf(input));
    store.CreatePolicy(std::move(spec),
                       ReplyAfterCommit<ManagedPolicy>(std::move(reply), [](ManagedPolicy policy) {
                         Json json = PolicyJson(policy);
                         json.erase("Description");  // AWS: CreatePolicy does not echo it.
                         return Json{{"Policy", std::move(json)}};
                       }));
    return Status::Ok();
  });
}

Result<Json> GetPolicy(IamStore& store, const aws::RequestContext& /*context*/, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string arn, RequiredString(input, "PolicyArn"));
  STRATUS_ASSIGN_OR_RETURN(ManagedPolicy policy, store.GetPolicy(arn));
  return Json{{"Policy", PolicyJson(policy)}};
}

Result<Json> ListPolicies(IamStore& store,
                          const aws::RequestContext& /*context*/,
                          const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(PolicyFilter filter, FilterOf(input));
  STRATUS_ASSIGN_OR_RETURN(PageRequest page, PageOf(input));
  STRATUS_ASSIGN_OR_RETURN(Page<ManagedPolicy> policies, store.ListPolicies(filter, page));
  Json output = {{"Policies", Json::array()}};
  for (const ManagedPolicy& policy : policies.items) {
    Json json = PolicyJson(policy);
    json.erase("Tags");
    json.erase("Description");  // AWS: ListPolicies leaves out descriptions and tags.
    output["Policies"].push_back(std::move(json));
  }
  AddPaging(output, policies.marker);
  return output;
}

void DeletePolicy(IamStore& store,
                  const aws::RequestContext& /*context*/,
                  const Json& input,
                  aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string arn, RequiredString(input, "PolicyArn"));
    store.DeletePolicy(std::move(arn), ReplyEmptyAfterCommit<bool>(std::move(reply)));
    return Status::Ok();
  });
}

void CreatePolicyVersion(IamStore& store,
                         const aws::RequestContext& /*context*/,
                         const Json& input,
                         aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string arn, RequiredString(input, "PolicyArn"));
    STRATUS_ASSIGN_OR_RETURN(std::string document, RequiredPolicyDocument(input, "PolicyDocument"));
    STRATUS_ASSIGN_OR_RETURN(std::optional<bool> set_as_default,
                             OptionalBool(input, "SetAsDefault"));
    store.CreatePolicyVersion(
        std::move(arn), std::move(document), set_as_default.value_or(false),
        ReplyAfterCommit<PolicyVersion>(std::move(reply), [](PolicyVersion version) {
          return Json{{"PolicyVersion", PolicyVersionJson(version, /*with_document=*/false)}};
        }));
    return Status::Ok();
  });
}

Result<Json> GetPolicyVersion(IamStore& store,
                              const aws::RequestContext& /*context*/,
                              const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string arn, RequiredString(input, "PolicyArn"));
  STRATUS_ASSIGN_OR_RETURN(std::string version_id, RequiredString(input, "VersionId"));
  STRATUS_ASSIGN_OR_RETURN(PolicyVersion version, store.GetPolicyVersion(arn, version_id));
  return Json{{"PolicyVersion", PolicyVersionJson(version, /*with_document=*/true)}};
}

Result<Json> ListPolicyVersions(IamStore& store,
                                const aws::RequestContext& /*context*/,
                                const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string arn, RequiredString(input, "PolicyArn"));
  STRATUS_ASSIGN_OR_RETURN(std::vector<PolicyVersion> versions, store.ListPolicyVersions(arn));
  Json output = {{"Versions", Json::array()}, {"IsTruncated", false}};
  for (const PolicyVersion& version : versions) {
    output["Versions"].push_back(PolicyVersionJson(version, /*with_document=*/false));
  }
  return output;
}

void DeletePolicyVersion(IamStore& store,
                         const aws::RequestContext& /*context*/,
                         const Json& input,
                         aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string arn, RequiredString(input, "PolicyArn"));
    STRATUS_ASSIGN_OR_RETURN(std::string version_id, RequiredString(input, "VersionId"));
    store.DeletePolicyVersion(std::move(arn), std::move(version_id),
                              ReplyEmptyAfterCommit<bool>(std::move(reply)));
    return Status::Ok();
  });
}

void SetDefaultPolicyVersion(IamStore& store,
                             const aws::RequestContext& /*context*/,
                             const Json& input,
                             aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string arn, RequiredString(input, "PolicyArn"));
    STRATUS_ASSIGN_OR_RETURN(std::string version_id, RequiredString(input, "VersionId"));
    store.SetDefaultPolicyVersion(std::move(arn), std::move(version_id),
                                  ReplyEmptyAfterCommit<bool>(std::move(reply)));
    return Status::Ok();
  });
}

}  // namespace stratus::iam::api
