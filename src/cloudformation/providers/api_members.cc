#include "cloudformation/providers/api_members.h"

#include <optional>
#include <string>
#include <vector>

#include "base/format.h"
#include "cloudformation/providers/property_values.h"

namespace stratus::cloudformation {

Status CopyApiMembers(const Json& properties, std::span<const ApiMember> members, Json* input) {
  for (const ApiMember& member : members) {
    const std::string name(member.member.empty() ? member.property : member.member);
    switch (member.kind) {
      case ApiMember::Kind::kString: {
        STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> value,
                                 OptionalString(properties, member.property));
        if (value.has_value()) {
          (*input)[name] = *value;
        }
        break;
      }
      case ApiMember::Kind::kInteger: {
        STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> value,
                                 OptionalInteger(properties, member.property));
        if (value.has_value()) {
          (*input)[name] = *value;
        }
        break;
      }
      case ApiMember::Kind::kBoolean: {
        STRATUS_ASSIGN_OR_RETURN(std::optional<bool> value,
                                 OptionalBool(properties, member.property));
        if (value.has_value()) {
          (*input)[name] = *value;
        }
        break;
      }
      case ApiMember::Kind::kList: {
        if (properties.contains(member.property)) {
          STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> value,
                                   StringList(properties, member.property));
          (*input)[name] = value;
        }
        break;
      }
      case ApiMember::Kind::kObject: {
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

}  // namespace stratus::cloudformation
