#include "cloudformation/providers/tag_changes.h"

#include "cloudformation/providers/property_values.h"
#include "cloudformation/providers/resource_provider.h"

namespace stratus::cloudformation {

Result<TagChanges> DiffTags(const ResourceRequest& request, const char* name) {
  STRATUS_ASSIGN_OR_RETURN(Json before, TagMap(request.previous_properties, name));
  STRATUS_ASSIGN_OR_RETURN(Json after, TagMap(request.properties, name));
  TagChanges changes;
  for (const auto& [key, value] : after.items()) {
    if (!before.contains(key) || before[key] != value) {
      changes.added[key] = value;
    }
  }
  for (const auto& [key, value] : before.items()) {
    if (!after.contains(key)) {
      changes.removed.push_back(key);
    }
  }
  return changes;
}

}  // namespace stratus::cloudformation
