#include "iam/api/iam_json.h"

#include "iam/policy_document.h"

namespace stratus::iam::api {

double EpochSeconds(int64_t millis) {
  constexpr double kMillisPerSecond = 1000.0;
  return static_cast<double>(millis) / kMillisPerSecond;
}

Json TagsJson(const Tags& tags) {
  Json list = Json::array();
  for (const auto& [key, value] : tags) {
    list.push_back({{"Key", key}, {"Value", value}});
  }
  return list;
}

Json RoleJson(const Role& role) {
  Json json = {{"Path", role.path},
               {"RoleName", role.name},
               {"RoleId", role.id},
               {"Arn", role.arn},
               {"CreateDate", EpochSeconds(role.created_millis)},
               {"AssumeRolePolicyDocument", UrlEncodeDocument(role.assume_role_policy)},
               {"MaxSessionDuration", role.max_session_seconds}};
  if (!role.description.empty()) {
    json["Description"] = role.description;
  }
  if (!role.tags.empty()) {
    json["Tags"] = TagsJson(role.tags);
  }
  return json;
}

Json PolicyJson(const ManagedPolicy& policy) {
  Json json = {{"PolicyName", policy.name},
               {"PolicyId", policy.id},
               {"Arn", policy.arn},
               {"Path", policy.path},
               {"DefaultVersionId", policy.default_version_id},
               {"AttachmentCount", policy.attachment_count},
               {"PermissionsBoundaryUsageCount", 0},
               {"IsAttachable", true},
               {"CreateDate", EpochSeconds(policy.created_millis)},
               {"UpdateDate", EpochSeconds(policy.updated_millis)}};
  if (!policy.description.empty()) {
    json["Description"] = policy.description;
  }
  if (!policy.tags.empty()) {
    json["Tags"] = TagsJson(policy.tags);
  }
  return json;
}

Json PolicyVersionJson(const PolicyVersion& version, bool with_document) {
  Json json = {{"VersionId", version.version_id},
               {"IsDefaultVersion", version.is_default},
               {"CreateDate", EpochSeconds(version.created_millis)}};
  if (with_document) {
    json["Document"] = UrlEncodeDocument(version.document);
  }
  return json;
}

Json InstanceProfileJson(const InstanceProfile& profile) {
  Json roles = Json::array();
  for (const Role& role : profile.roles) {
    roles.push_back(RoleJson(role));
  }
  return {{"Path", profile.path},
          {"InstanceProfileName", profile.name},
          {"InstanceProfileId", profile.id},
          {"Arn", profile.arn},
          {"CreateDate", EpochSeconds(profile.created_millis)},
          {"Roles", std::move(roles)}};
}

Json UserJson(const User& user) {
  Json json = {{"Path", user.path},
               {"UserName", user.name},
               {"UserId", user.id},
               {"Arn", user.arn},
               {"CreateDate", EpochSeconds(user.created_millis)}};
  if (!user.tags.empty()) {
    json["Tags"] = TagsJson(user.tags);
  }
  return json;
}

Json AccessKeyJson(const AccessKey& key, bool with_secret) {
  Json json = {{"UserName", key.user_name},
               {"AccessKeyId", key.access_key_id},
               {"Status", key.active ? "Active" : "Inactive"},
               {"CreateDate", EpochSeconds(key.created_millis)}};
  if (with_secret) {
    json["SecretAccessKey"] = key.secret_access_key;
  }
  return json;
}

void AddPaging(Json& output, const std::optional<std::string>& marker) {
  output["IsTruncated"] = marker.has_value();
  if (marker.has_value()) {
    output["Marker"] = *marker;
  }
}

}  // namespace stratus::iam::api
