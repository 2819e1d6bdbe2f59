#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "base/json.h"
#include "base/result.h"

namespace stratus::cloudformation {

/// How a resource property reaches an API input member: most have the
/// member's name and only need their YAML strings converted ("20", "true").
struct ApiMember {
  enum class Kind : uint8_t { kString, kInteger, kBoolean, kList, kObject };
  std::string_view property = {};
  Kind kind = Kind::kString;
  std::string_view member = {};  // Empty: the property's name.
};

/// Copies every present property of `members` from `properties` into
/// `input`, converted to the member's kind; a wrong type is an
/// InvalidArgument naming the property.
Status CopyApiMembers(const Json& properties, std::span<const ApiMember> members, Json* input);

}  // namespace stratus::cloudformation
