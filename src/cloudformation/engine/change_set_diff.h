#pragma once

#include <functional>
#include <map>
#include <string>

#include "base/json.h"
#include "base/result.h"

namespace stratus::cloudformation {

class ProviderRegistry;
struct Stack;
struct Template;

/// Returns DescribeChangeSet's Changes for deploying `parsed` with
/// `parameters` over `stack` (null, or in REVIEW_IN_PROGRESS: nothing
/// deployed yet): Add for new resources, Remove for resources the template
/// no longer has (or whose Condition fails), Modify for resources whose
/// resolved properties differ — Replacement "True" when the type changes or
/// the provider's KindOfUpdate says so — with a Detail per changed property.
/// A property that refers to a resource not yet made is "Dynamic".
Json ComputeChanges(const Stack* stack,
                    const Template& parsed,
                    const std::map<std::string, std::string>& parameters,
                    const ProviderRegistry* providers,
                    std::function<Result<Json>(const std::string&)> import_value);

}  // namespace stratus::cloudformation
