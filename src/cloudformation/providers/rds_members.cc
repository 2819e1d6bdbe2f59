#include "cloudformation/providers/rds_members.h"

#include <optional>
#include <string>
#include <vector>

#include "base/format.h"
#include "cloudformation/providers/property_values.h"
#include "cloudformation/providers/resource_provider.h"
#include "cloudformation/providers/service_caller.h"
#include "cloudformation/providers/tag_changes.h"

namespace stratus::cloudformation {

Status CopyRdsMembers(const Json& properties, std::span<const RdsMember> members, Json* input) {
  for (const RdsMember& member : members) {
    const std::string name(member.member.empty() ? member.property : member.member);
    switch (member.kind) {
      case RdsMember::Kind::kString: {
        STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> value,
                                 OptionalString(properties, member.property));
        if (value.has_value()) {
          (*input)[name] = *value;
        }
        break;
      }
      case RdsMember::Kind::kInteger: {
        STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> value,
                                 OptionalInteger(properties, member.property));
        if (value.has_value()) {
          (*input)[name] = *value;
        }
        break;
      }
      case RdsMember::Kind::kBoolean: {
        STRATUS_ASSIGN_OR_RETURN(std::optional<bool> value,
                                 OptionalBool(properties, member.property));
        if (value.has_value()) {
          (*input)[name] = *value;
        }
        break;
      }
      case RdsMember::Kind::kList: {
        if (properties.contains(member.property)) {
          STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> value,
                                   StringList(properties, member.property));
          (*input)[name] = value;
        }
        break;
      }
      case RdsMember::Kind::kObject: {
        auto it = properties.find(std::string(member.property));
        if (it != properties.end() && !it->is_null()) {
          if (!it->is_object()) {
            return Status::InvalidArgument(
                Format("Property validation failure: value of property {} must be an object",
                       member.property));
          }
          (*input)[name] = *it;
        }
        break;
      }
    }
  }
  return Status::Ok();
}

Result<Json> RdsTags(const Json& properties) {
  STRATUS_ASSIGN_OR_RETURN(Json tags, TagMap(properties));
  Json list = Json::array();
  for (const auto& [key, value] : tags.items()) {
    list.push_back({{"Key", key}, {"Value", value}});
  }
  return list;
}

Status UpdateRdsTags(const ServiceCaller& caller,
                     const ResourceRequest& request,
                     const std::string& arn) {
  STRATUS_ASSIGN_OR_RETURN(TagChanges changes, DiffTags(request));
  if (!changes.added.empty()) {
    Json tags = Json::array();
    for (const auto& [key, value] : changes.added.items()) {
      tags.push_back({{"Key", key}, {"Value", value}});
    }
    STRATUS_RETURN_IF_ERROR(caller
                                .Call(request.stack, "rds", "AddTagsToResource",
                                      {{"ResourceName", arn}, {"Tags", tags}})
                                .status());
  }
  if (!changes.removed.empty()) {
    STRATUS_RETURN_IF_ERROR(caller
                                .Call(request.stack, "rds", "RemoveTagsFromResource",
                                      {{"ResourceName", arn}, {"TagKeys", changes.removed}})
                                .status());
  }
  return Status::Ok();
}

}  // namespace stratus::cloudformation
