#pragma once

#include <string>
#include <vector>

#include "base/json.h"
#include "base/result.h"

namespace stratus::cloudformation {

struct ResourceRequest;

/// What an update does to a resource's tags: set `added` (key → value, new
/// or changed), then remove `removed` (keys no longer in the template).
struct TagChanges {
  Json added = Json::object();
  std::vector<std::string> removed = {};
};

/// Compares the `name` tag lists ([{Key, Value}]) of the request's previous
/// and new properties.
Result<TagChanges> DiffTags(const ResourceRequest& request, const char* name = "Tags");

}  // namespace stratus::cloudformation
