#include "cloudformation/engine/change_set_diff.h"

#include <set>
#include <string_view>
#include <utility>

#include "cloudformation/engine/property_normalization.h"
#include "cloudformation/engine/stack.h"
#include "cloudformation/providers/resource_provider.h"
#include "cloudformation/template/evaluator.h"
#include "cloudformation/template/parameters.h"
#include "cloudformation/template/template.h"

namespace stratus::cloudformation {
namespace {

// Stands for a value only known once the change set runs.
constexpr std::string_view kUnknownValue = "{{stratus:resolved-on-execution}}";

// One Detail per top-level property that differs.
Json PropertyDetails(const Json& before, const Json& after, bool replacement) {
  std::set<std::string> names;
  if (after.is_object()) {
    for (const auto& [name, value] : after.items()) {
      if (!before.is_object() || !before.contains(name) || before[name] != value) {
        names.insert(name);
      }
    }
  }
  if (before.is_object()) {
    for (const auto& [name, value] : before.items()) {
      if (!after.is_object() || !after.contains(name)) {
        names.insert(name);
      }
    }
  }
  Json details = Json::array();
  for (const std::string& name : names) {
    bool dynamic = after.is_object() && after.contains(name) &&
                   DumpJson(after[name]).find(kUnknownValue) != std::string::npos;
    details.push_back(Json{{"Target",
                            {{"Attribute", "Properties"},
                             {"Name", name},
                             {"RequiresRecreation", replacement ? "Always" : "Never"}}},
                           {"Evaluation", dynamic ? "Dynamic" : "Static"},
                           {"ChangeSource", dynamic ? "ResourceAttribute" : "DirectModification"}});
  }
  return details;
}

}  // namespace

Json ComputeChanges(const Stack* stack,
                    const Template& parsed,
                    const std::map<std::string, std::string>& parameters,
                    const ProviderRegistry* providers,
                    std::function<Result<Json>(const std::string&)> import_value) {
  std::map<std::string, StackResource> current;
  if (stack != nullptr && stack->status != "REVIEW_IN_PROGRESS") {
    current = stack->resources;
  }
  EvaluationContext context;
  Result<std::map<std::string, Json>> values = ResolveParameters(parsed, parameters);
  if (values.ok()) {
    context.parameters = *values;
  }
  context.pseudo =
      PseudoParameters(stack != nullptr ? stack->region : "us-east-1",
                       stack != nullptr ? stack->account_id : "000000000000",
                       stack != nullptr ? stack->name : "", stack != nullptr ? stack->id : "");
  context.mappings = &parsed.mappings;
  context.ref_resource = [&](const std::string& id) -> Result<Json> {
    auto it = current.find(id);
    if (it == current.end() || it->second.physical_id.empty()) {
      return Json(std::string(kUnknownValue));
    }
    return Json(it->second.ref.empty() ? it->second.physical_id : it->second.ref);
  };
  context.get_att = [&](const std::string& id, const std::string& name) -> Result<Json> {
    auto it = current.find(id);
    if (it == current.end() || !it->second.attributes.contains(name)) {
      return Json(std::string(kUnknownValue));
    }
    return it->second.attributes[name];
  };
  context.import_value = std::move(import_value);
  (void)EvaluateConditions(parsed, context);
  Json changes = Json::array();
  auto add = [&](const std::string& action, const std::string& id, const std::string& type,
                 const std::string& physical_id, Json extra) {
    Json change{{"Action", action},
                {"LogicalResourceId", id},
                {"ResourceType", type},
                {"Scope", Json::array()},
                {"Details", Json::array()}};
    if (!physical_id.empty()) {
      change["PhysicalResourceId"] = physical_id;
    }
    change.update(extra);
    changes.push_back(Json{{"Type", "Resource"}, {"ResourceChange", std::move(change)}});
  };
  std::set<std::string> active;
  for (const std::string& id : parsed.creation_order) {
    const ResourceDeclaration& declaration = parsed.resources.at(id);
    if (!declaration.condition.empty() && !context.conditions[declaration.condition]) {
      continue;
    }
    active.insert(id);
    auto existing = current.find(id);
    if (existing == current.end()) {
      add("Add", id, declaration.type, "", Json::object());
      continue;
    }
    Result<Json> properties = Evaluate(declaration.properties, context);
    Json resolved = properties.ok() ? *properties : Json(std::string(kUnknownValue));
    NormalizeProperties(declaration.type, resolved);
    if (existing->second.type == declaration.type && resolved == existing->second.properties) {
      continue;
    }
    bool replacement = existing->second.type != declaration.type;
    if (!replacement && providers != nullptr) {
      if (ResourceProvider* provider = providers->Find(declaration.type); provider != nullptr) {
        replacement =
            provider->KindOfUpdate(ResourceRequest{
                .logical_id = id,
                .type = declaration.type,
                .properties = resolved,
                .physical_id = existing->second.physical_id,
                .previous_properties = existing->second.properties}) == UpdateKind::kReplacement;
      }
    }
    Json details = PropertyDetails(existing->second.properties, resolved, replacement);
    add("Modify", id, declaration.type, existing->second.physical_id,
        Json{{"Replacement", replacement ? "True" : "False"},
             {"Scope", Json::array({"Properties"})},
             {"Details", std::move(details)}});
  }
  for (const auto& [id, resource] : current) {
    if (active.count(id) == 0) {
      add("Remove", id, resource.type, resource.physical_id, Json::object());
    }
  }
  return changes;
}

}  // namespace stratus::cloudformation
