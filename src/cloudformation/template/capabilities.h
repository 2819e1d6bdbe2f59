#pragma once

#include <string>

namespace stratus::cloudformation {

struct Template;

/// Returns the capability the template needs acknowledged, or empty: AWS
/// asks CAPABILITY_NAMED_IAM for IAM resources with custom names, else
/// CAPABILITY_IAM for any IAM resource.
std::string RequiredCapability(const Template& parsed);

}  // namespace stratus::cloudformation
