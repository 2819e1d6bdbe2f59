#pragma once

#include <set>
#include <string>

#include "base/json.h"

namespace stratus::cloudformation {

/// The names a template value refers to.
struct References {
  std::set<std::string> refs = {};      // Ref targets and bare ${Name} in Fn::Sub.
  std::set<std::string> get_atts = {};  // Fn::GetAtt resources and ${Name.Attr} in Fn::Sub.
};

/// Collects the references of `value` (pseudo parameters "AWS::*" and the
/// variables a Fn::Sub declares itself are left out).
References CollectReferences(const Json& value);

/// Appends the ${...} names of a Fn::Sub template string ("${!Literal}"
/// escapes are skipped).
void CollectSubVariables(const std::string& text, std::set<std::string>& names);

}  // namespace stratus::cloudformation
