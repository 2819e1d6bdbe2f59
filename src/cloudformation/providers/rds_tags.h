#pragma once

#include <string>

#include "base/json.h"
#include "base/result.h"

namespace stratus::cloudformation {

class ServiceCaller;
struct ResourceRequest;

/// Returns CloudFormation Tags ([{Key, Value}]) as the RDS Tags list.
Result<Json> RdsTags(const Json& properties);

/// Applies the change of the request's Tags to the RDS resource `arn`
/// (AddTagsToResource, RemoveTagsFromResource).
Status UpdateRdsTags(const ServiceCaller& caller,
                     const ResourceRequest& request,
                     const std::string& arn);

}  // namespace stratus::cloudformation
