#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/json.h"
#include "base/result.h"

namespace stratus::cloudformation {

/// One entry of the template's Parameters section.
struct ParameterDeclaration {
  std::string name = {};
  std::string type = "String";
  std::string description = {};
  std::optional<std::string> default_value = std::nullopt;
  std::vector<std::string> allowed_values = {};
  std::optional<std::string> allowed_pattern = std::nullopt;
  std::optional<int64_t> min_length = std::nullopt;
  std::optional<int64_t> max_length = std::nullopt;
  std::optional<double> min_value = std::nullopt;
  std::optional<double> max_value = std::nullopt;
  std::string constraint_description = {};
  bool no_echo = false;
};

/// One entry of the Resources section, its intrinsics unresolved.
struct ResourceDeclaration {
  std::string logical_id = {};
  std::string type = {};
  Json properties = Json::object();
  std::vector<std::string> depends_on = {};
  std::string condition = {};
  std::string deletion_policy = "Delete";  // Delete, Retain, Snapshot.
  std::string update_replace_policy = "Delete";
  Json metadata = nullptr;
};

/// One entry of the Outputs section.
struct OutputDeclaration {
  std::string name = {};
  Json value = nullptr;
  std::string description = {};
  Json export_name = nullptr;  // Null: not exported.
  std::string condition = {};
};

/// A template as the stack engine reads it: the sections checked for shape
/// (Resources present, every resource typed, DependsOn and Condition names
/// declared, no dependency cycle) with intrinsics still unresolved.
struct Template {
  Json body = Json::object();
  std::string description = {};
  std::vector<ParameterDeclaration> parameters = {};  // In template order (sorted by name).
  Json mappings = Json::object();
  Json conditions = Json::object();
  Json rules = Json::object();
  std::map<std::string, ResourceDeclaration> resources = {};
  std::vector<OutputDeclaration> outputs = {};
  /// The resource-creation order: every resource after what it depends on.
  std::vector<std::string> creation_order = {};
  /// Logical id → the resources it depends on (DependsOn, Ref, GetAtt, Sub).
  std::map<std::string, std::vector<std::string>> dependencies = {};
};

/// Reads the sections of a parsed template body. Errors are InvalidArgument
/// with AWS's ValidationError wording ("Template format error: ...",
/// "Circular dependency between resources: [A, B]").
Result<Template> LoadTemplate(Json body);

/// ParseTemplateText() then LoadTemplate().
Result<Template> LoadTemplateText(std::string_view text);

/// Returns the parameter declaration named `name`, or nullptr.
const ParameterDeclaration* FindParameter(const Template& parsed, std::string_view name);

/// Whether the type is one of the list types (List<...>, CommaDelimitedList)
/// whose Ref is a list of strings.
bool IsListParameterType(std::string_view type);

}  // namespace stratus::cloudformation
