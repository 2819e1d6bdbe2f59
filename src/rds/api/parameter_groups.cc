// The DB parameter group and DB cluster parameter group operations: the two
// kinds differ only in member names and the engine's `cluster` flag.

#include <utility>

#include "base/format.h"
#include "rds/api/handlers.h"
#include "rds/api/rds_json.h"
#include "rds/api/request_fields.h"
#include "rds/errors.h"
#include "rds/rds_engine.h"

namespace stratus::rds::api {
namespace {

// AWS: at most 20 parameters per Modify/Reset call.
constexpr size_t kMaxParametersPerCall = 20;

std::string_view NameMember(bool cluster) {
  return cluster ? "DBClusterParameterGroupName" : "DBParameterGroupName";
}

Result<std::string> GroupName(const Json& input, bool cluster) {
  STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, NameMember(cluster)));
  if (name.empty()) {
    return RdsError::InvalidParameterValue(
        Format("The parameter {} must be provided.", NameMember(cluster)));
  }
  return Lowercase(name);
}

// Returns the group `name`, or for "default.<family>" the engine's built-in
// default group: no parameters set, the server's own defaults.
Result<ParameterGroup> FindGroup(const RdsEngine& engine, const std::string& name, bool cluster) {
  constexpr std::string_view kDefaultPrefix = "default.";
  if (name.starts_with(kDefaultPrefix)) {
    const std::string family = name.substr(kDefaultPrefix.size());
    return ParameterGroup{.name = name,
                          .family = family,
                          .description = Format("Default parameter group for {}", family),
                          .cluster = cluster};
  }
  return engine.GetParameterGroup(name, cluster);
}

Result<Json> Create(RdsEngine& engine, const Json& input, bool cluster) {
  ParameterGroup group;
  group.cluster = cluster;
  STRATUS_ASSIGN_OR_RETURN(group.name, GroupName(input, cluster));
  if (group.name.starts_with("default.")) {
    return RdsError::InvalidParameterValue(
        "The parameter DBParameterGroupName must not begin with default.: those names are "
        "the built-in default groups.");
  }
  STRATUS_ASSIGN_OR_RETURN(group.family, RequiredString(input, "DBParameterGroupFamily"));
  STRATUS_ASSIGN_OR_RETURN(group.description, RequiredString(input, "Description"));
  STRATUS_ASSIGN_OR_RETURN(group.tags, TagsOf(input));
  STRATUS_ASSIGN_OR_RETURN(ParameterGroup created, engine.CreateParameterGroup(std::move(group)));
  return Json{{cluster ? "DBClusterParameterGroup" : "DBParameterGroup",
               ParameterGroupJson(engine, created)}};
}

Result<Json> Describe(RdsEngine& engine, const Json& input, bool cluster) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> name,
                           OptionalString(input, NameMember(cluster)));
  STRATUS_ASSIGN_OR_RETURN(Page page, PageOf(input));
  std::vector<ParameterGroup> groups;
  if (name.has_value()) {
    STRATUS_ASSIGN_OR_RETURN(ParameterGroup group, FindGroup(engine, Lowercase(*name), cluster));
    groups.push_back(std::move(group));
  } else {
    groups = engine.ListParameterGroups(cluster);
  }
  Json output = Json::object();
  Json list = Json::array();
  for (const ParameterGroup& group : Slice(std::move(groups), page, output)) {
    list.push_back(ParameterGroupJson(engine, group));
  }
  output[cluster ? "DBClusterParameterGroups" : "DBParameterGroups"] = std::move(list);
  return output;
}

Result<std::map<std::string, Parameter>> ParametersOf(const Json& input, bool required) {
  std::map<std::string, Parameter> parameters;
  const Json* list = input.contains("Parameters") ? &input["Parameters"] : nullptr;
  if (list == nullptr || !list->is_array() || list->empty()) {
    if (required) {
      return RdsError::InvalidParameterValue("The parameter Parameters must be provided.");
    }
    return parameters;
  }
  if (list->size() > kMaxParametersPerCall) {
    return RdsError::InvalidParameterValue(
        "Too many parameters in one request: at most 20 may be modified at a time.");
  }
  for (const Json& entry : *list) {
    if (!entry.is_object()) {
      return RdsError::InvalidParameterValue("Each parameter must be a structure.");
    }
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> name,
                             OptionalString(entry, "ParameterName"));
    if (!name.has_value() || name->empty()) {
      return RdsError::InvalidParameterValue("A parameter needs a ParameterName.");
    }
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> value,
                             OptionalString(entry, "ParameterValue"));
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> method,
                             OptionalString(entry, "ApplyMethod"));
    if (method.has_value() && *method != "immediate" && *method != "pending-reboot") {
      return RdsError::InvalidParameterValue(
          Format("Invalid ApplyMethod {}: immediate or pending-reboot.", *method));
    }
    if (required && !value.has_value()) {
      return RdsError::InvalidParameterValue(
          Format("The parameter {} needs a ParameterValue.", *name));
    }
    parameters[*name] =
        Parameter{.value = value.value_or(""), .apply_method = method.value_or("immediate")};
  }
  return parameters;
}

Result<Json> Modify(RdsEngine& engine, const Json& input, bool cluster) {
  STRATUS_ASSIGN_OR_RETURN(std::string name, GroupName(input, cluster));
  STRATUS_ASSIGN_OR_RETURN(auto parameters, ParametersOf(input, /*required=*/true));
  STRATUS_RETURN_IF_ERROR(engine.ModifyParameters(name, cluster, parameters));
  return Json{{NameMember(cluster), name}};
}

Result<Json> Reset(RdsEngine& engine, const Json& input, bool cluster) {
  STRATUS_ASSIGN_OR_RETURN(std::string name, GroupName(input, cluster));
  STRATUS_ASSIGN_OR_RETURN(std::optional<bool> all, OptionalBool(input, "ResetAllParameters"));
  STRATUS_ASSIGN_OR_RETURN(auto parameters, ParametersOf(input, /*required=*/false));
  if (!all.value_or(false) && parameters.empty()) {
    return RdsError::InvalidParameterCombination(
        "Parameters or ResetAllParameters must be provided.");
  }
  std::vector<std::string> names;
  names.reserve(parameters.size());
  for (const auto& [parameter, value] : parameters) {
    names.push_back(parameter);
  }
  STRATUS_RETURN_IF_ERROR(engine.ResetParameters(name, cluster, names, all.value_or(false)));
  return Json{{NameMember(cluster), name}};
}

Result<Json> Delete(RdsEngine& engine, const Json& input, bool cluster) {
  STRATUS_ASSIGN_OR_RETURN(std::string name, GroupName(input, cluster));
  STRATUS_RETURN_IF_ERROR(engine.DeleteParameterGroup(name, cluster));
  return Json::object();
}

Result<Json> DescribeParameters(RdsEngine& engine, const Json& input, bool cluster) {
  STRATUS_ASSIGN_OR_RETURN(std::string name, GroupName(input, cluster));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> source, OptionalString(input, "Source"));
  STRATUS_ASSIGN_OR_RETURN(Page page, PageOf(input));
  STRATUS_ASSIGN_OR_RETURN(ParameterGroup group, FindGroup(engine, name, cluster));
  // Only the parameters users set are known here: Source=user has them all,
  // engine-default and system none.
  Json all = source.has_value() && *source != "user" ? Json::array() : ParametersJson(group);
  std::vector<Json> parameters(all.begin(), all.end());
  Json output = Json::object();
  output["Parameters"] = Slice(std::move(parameters), page, output);
  return output;
}

}  // namespace

Result<Json> CreateDBParameterGroup(RdsEngine& engine,
                                    const aws::RequestContext& /*context*/,
                                    const Json& input) {
  return Create(engine, input, /*cluster=*/false);
}

Result<Json> DescribeDBParameterGroups(RdsEngine& engine,
                                       const aws::RequestContext& /*context*/,
                                       const Json& input) {
  return Describe(engine, input, /*cluster=*/false);
}

Result<Json> ModifyDBParameterGroup(RdsEngine& engine,
                                    const aws::RequestContext& /*context*/,
                                    const Json& input) {
  return Modify(engine, input, /*cluster=*/false);
}

Result<Json> ResetDBParameterGroup(RdsEngine& engine,
                                   const aws::RequestContext& /*context*/,
                                   const Json& input) {
  return Reset(engine, input, /*cluster=*/false);
}

Result<Json> DeleteDBParameterGroup(RdsEngine& engine,
                                    const aws::RequestContext& /*context*/,
                                    const Json& input) {
  return Delete(engine, input, /*cluster=*/false);
}

Result<Json> DescribeDBParameters(RdsEngine& engine,
                                  const aws::RequestContext& /*context*/,
                                  const Json& input) {
  return DescribeParameters(engine, input, /*cluster=*/false);
}

Result<Json> CreateDBClusterParameterGroup(RdsEngine& engine,
                                           const aws::RequestContext& /*context*/,
                                           const Json& input) {
  return Create(engine, input, /*cluster=*/true);
}

Result<Json> DescribeDBClusterParameterGroups(RdsEngine& engine,
                                              const aws::RequestContext& /*context*/,
                                              const Json& input) {
  return Describe(engine, input, /*cluster=*/true);
}

Result<Json> ModifyDBClusterParameterGroup(RdsEngine& engine,
                                           const aws::RequestContext& /*context*/,
                                           const Json& input) {
  return Modify(engine, input, /*cluster=*/true);
}

Result<Json> ResetDBClusterParameterGroup(RdsEngine& engine,
                                          const aws::RequestContext& /*context*/,
                                          const Json& input) {
  return Reset(engine, input, /*cluster=*/true);
}

Result<Json> DeleteDBClusterParameterGroup(RdsEngine& engine,
                                           const aws::RequestContext& /*context*/,
                                           const Json& input) {
  return Delete(engine, input, /*cluster=*/true);
}

Result<Json> DescribeDBClusterParameters(RdsEngine& engine,
                                         const aws::RequestContext& /*context*/,
                                         const Json& input) {
  return DescribeParameters(engine, input, /*cluster=*/true);
}

}  // namespace stratus::rds::api
