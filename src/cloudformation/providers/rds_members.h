#pragma once

#include <span>
#include <string>
#include <string_view>

#include "base/json.h"
#include "base/result.h"

namespace stratus::cloudformation {

class ServiceCaller;
struct ResourceRequest;

/// How a property of an RDS resource reaches the API: most have the API
/// member's name and only need their YAML strings converted ("20", "true").
struct RdsMember {
  enum class Kind : uint8_t { kString, kInteger, kBoolean, kList, kObject };
  std::string_view property;
  Kind kind;
  std::string_view member = {};  // Empty: the property's name.
};

/// Copies every present property of `members` from `properties` into
/// `input`, converted to the member's kind; a wrong type is an
/// InvalidArgument naming the property.
Status CopyRdsMembers(const Json& properties, std::span<const RdsMember> members, Json* input);

/// Returns CloudFormation Tags ([{Key, Value}]) as the RDS Tags list.
Result<Json> RdsTags(const Json& properties);

/// Applies the change of the request's Tags to the RDS resource `arn`
/// (AddTagsToResource, RemoveTagsFromResource).
Status UpdateRdsTags(const ServiceCaller& caller,
                     const ResourceRequest& request,
                     const std::string& arn);

}  // namespace stratus::cloudformation
