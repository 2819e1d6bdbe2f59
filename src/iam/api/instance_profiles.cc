// The instance profile operations: Create/Get/Delete/ListInstanceProfiles,
// ListInstanceProfilesForRole, AddRoleToInstanceProfile,
// RemoveRoleFromInstanceProfile.

#include <utility>

#include "iam/api/handlers.h"
#include "iam/api/iam_json.h"
#include "iam/api/request_fields.h"
#include "iam/iam_store.h"

namespace stratus::iam::api {
namespace {

Json ProfilesOutput(const Page<InstanceProfile>& profiles) {
  Json output = {{"InstanceProfiles", Json::array()}};
  for (const InstanceProfile& profile : profiles.items) {
    output["InstanceProfiles"].push_back(InstanceProfileJson(profile));
  }
  AddPaging(output, profiles.marker);
  return output;
}

}  // namespace

void CreateInstanceProfile(IamStore& store,
                           const aws::RequestContext& /*context*/,
                           const Json& input,
                           aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredName(input, "InstanceProfileName"));
    STRATUS_ASSIGN_OR_RETURN(std::string path, PathOf(input));
    store.CreateInstanceProfile(
        std::move(name), std::move(path),
        ReplyAfterCommit<InstanceProfile>(std::move(reply), [](InstanceProfile profile) {
          return Json{{"InstanceProfile", InstanceProfileJson(profile)}};
        }));
    return Status::Ok();
  });
}

Result<Json> GetInstanceProfile(IamStore& store,
                                const aws::RequestContext& /*context*/,
                                const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "InstanceProfileName"));
  STRATUS_ASSIGN_OR_RETURN(InstanceProfile profile, store.GetInstanceProfile(name));
  return Json{{"InstanceProfile", InstanceProfileJson(profile)}};
}

Result<Json> ListInstanceProfiles(IamStore& store,
                                  const aws::RequestContext& /*context*/,
                                  const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string prefix, PathOf(input, "PathPrefix"));
  STRATUS_ASSIGN_OR_RETURN(PageRequest page, PageOf(input));
  STRATUS_ASSIGN_OR_RETURN(Page<InstanceProfile> profiles,
                           store.ListInstanceProfiles(prefix, page));
  return ProfilesOutput(profiles);
}

Result<Json> ListInstanceProfilesForRole(IamStore& store,
                                         const aws::RequestContext& /*context*/,
                                         const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string role, RequiredString(input, "RoleName"));
  STRATUS_ASSIGN_OR_RETURN(PageRequest page, PageOf(input));
  STRATUS_ASSIGN_OR_RETURN(Page<InstanceProfile> profiles,
                           store.ListInstanceProfilesForRole(role, page));
  return ProfilesOutput(profiles);
}

void DeleteInstanceProfile(IamStore& store,
                           const aws::RequestContext& /*context*/,
                           const Json& input,
                           aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "InstanceProfileName"));
    store.DeleteInstanceProfile(std::move(name), ReplyEmptyAfterCommit<bool>(std::move(reply)));
    return Status::Ok();
  });
}

void AddRoleToInstanceProfile(IamStore& store,
                              const aws::RequestContext& /*context*/,
                              const Json& input,
                              aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string profile, RequiredString(input, "InstanceProfileName"));
    STRATUS_ASSIGN_OR_RETURN(std::string role, RequiredString(input, "RoleName"));
    store.AddRoleToInstanceProfile(std::move(profile), std::move(role),
                                   ReplyEmptyAfterCommit<bool>(std::move(reply)));
    return Status::Ok();
  });
}

void RemoveRoleFromInstanceProfile(IamStore& store,
                                   const aws::RequestContext& /*context*/,
                                   const Json& input,
                                   aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string profile, RequiredString(input, "InstanceProfileName"));
    STRATUS_ASSIGN_OR_RETURN(std::string role, RequiredString(input, "RoleName"));
    store.RemoveRoleFromInstanceProfile(std::move(profile), std::move(role),
                                        ReplyEmptyAfterCommit<bool>(std::move(reply)));
    return Status::Ok();
  });
}

}  // namespace stratus::iam::api
