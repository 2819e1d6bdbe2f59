#include "cloudformation/providers/rds_tags.h"

#include "cloudformation/providers/property_values.h"
#include "cloudformation/providers/resource_provider.h"
#include "cloudformation/providers/service_caller.h"
#include "cloudformation/providers/tag_changes.h"

namespace stratus::cloudformation {

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
