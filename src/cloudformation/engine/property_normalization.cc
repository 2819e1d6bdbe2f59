#include "cloudformation/engine/property_normalization.h"

namespace stratus::cloudformation {

// AWS: Lambda receives environment variables as strings.
void NormalizeProperties(const std::string& type, Json& properties) {
  if (type != "AWS::Lambda::Function" || !properties.is_object() ||
      !properties.contains("Environment") || !properties["Environment"].is_object() ||
      !properties["Environment"].contains("Variables") ||
      !properties["Environment"]["Variables"].is_object()) {
    return;
  }
  for (auto& [name, value] : properties["Environment"]["Variables"].items()) {
    if (value.is_boolean()) {
      value = value.get<bool>() ? "true" : "false";
    } else if (!value.is_string()) {
      value = DumpJson(value);
    }
  }
}

}  // namespace stratus::cloudformation
