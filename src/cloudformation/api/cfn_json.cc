#include "cloudformation/api/cfn_json.h"

#include <algorithm>

#include "aws/request_context.h"
#include "base/format.h"
#include "cloudformation/engine/stack.h"
#include "cloudformation/engine/stack_engine.h"
#include "cloudformation/errors.h"

namespace stratus::cloudformation {
namespace {

double Seconds(int64_t millis) {
  return static_cast<double>(millis) / 1000.0;
}

Json Drift(const char* member) {
  return Json{{member, "NOT_CHECKED"}};
}

// The members a stack and its summary share, present only when set.
void AddStatusReasonAndTimes(const Stack& stack, Json& out) {
  if (!stack.status_reason.empty()) {
    out["StackStatusReason"] = stack.status_reason;
  }
  if (stack.updated_millis != 0) {
    out["LastUpdatedTime"] = Seconds(stack.updated_millis);
  }
  if (stack.deleted_millis != 0) {
    out["DeletionTime"] = Seconds(stack.deleted_millis);
  }
}

}  // namespace

Result<std::string> RequiredMember(const Json& input, const char* name) {
  if (!input.contains(name) || !input[name].is_string() || input[name].get<std::string>().empty()) {
    return CfnError::Validation(
        Format("1 validation error detected: Value null at '{}' failed to satisfy constraint: "
               "Member must not be null",
               std::string(1, static_cast<char>(std::tolower(name[0]))) + (name + 1)));
  }
  return input[name].get<std::string>();
}

std::string OptionalMember(const Json& input, const char* name) {
  return input.contains(name) && input[name].is_string() ? input[name].get<std::string>() : "";
}

Json ParametersJson(const Stack& stack, const std::map<std::string, std::string>& values) {
  Json parameters = Json::array();
  for (const auto& [name, value] : values) {
    bool masked =
        std::find(stack.no_echo.begin(), stack.no_echo.end(), name) != stack.no_echo.end();
    parameters.push_back(Json{{"ParameterKey", name}, {"ParameterValue", masked ? "****" : value}});
  }
  return parameters;
}

Json StackJson(const Stack& stack) {
  Json out{{"StackId", stack.id},
           {"StackName", stack.name},
           {"Parameters", ParametersJson(stack, stack.parameters)},
           {"CreationTime", Seconds(stack.created_millis)},
           {"StackStatus", stack.status},
           {"DisableRollback", stack.on_failure == "DO_NOTHING"},
           {"NotificationARNs", Json::array()},
           {"Capabilities", stack.capabilities},
           {"Outputs", stack.outputs},
           {"Tags", stack.tags},
           {"EnableTerminationProtection", stack.termination_protection},
           {"DriftInformation", Drift("StackDriftStatus")}};
  if (!stack.description.empty()) {
    out["Description"] = stack.description;
  }
  AddStatusReasonAndTimes(stack, out);
  if (stack.outputs.empty()) {
    out.erase("Outputs");
  }
  return out;
}

Json StackSummaryJson(const Stack& stack) {
  Json out{{"StackId", stack.id},
           {"StackName", stack.name},
           {"CreationTime", Seconds(stack.created_millis)},
           {"StackStatus", stack.status},
           {"DriftInformation", Drift("StackDriftStatus")}};
  if (!stack.description.empty()) {
    out["TemplateDescription"] = stack.description;
  }
  AddStatusReasonAndTimes(stack, out);
  return out;
}

Json StackEventJson(const Stack& stack, const StackEvent& event) {
  Json out{{"StackId", stack.id},
           {"EventId", event.event_id},
           {"StackName", stack.name},
           {"LogicalResourceId", event.logical_id},
           {"PhysicalResourceId", event.physical_id},
           {"ResourceType", event.type},
           {"Timestamp", Seconds(event.timestamp_millis)},
           {"ResourceStatus", event.status}};
  if (!event.status_reason.empty()) {
    out["ResourceStatusReason"] = event.status_reason;
  }
  if (!event.properties.is_null()) {
    out["ResourceProperties"] = DumpJson(event.properties);
  }
  return out;
}

Json StackResourceJson(const Stack& stack, const StackResource& resource) {
  Json out{{"StackName", stack.name},
           {"StackId", stack.id},
           {"LogicalResourceId", resource.logical_id},
           {"PhysicalResourceId", resource.physical_id},
           {"ResourceType", resource.type},
           {"Timestamp", Seconds(resource.updated_millis)},
           {"LastUpdatedTimestamp", Seconds(resource.updated_millis)},
           {"ResourceStatus", resource.status},
           {"DriftInformation", Drift("StackResourceDriftStatus")}};
  if (!resource.status_reason.empty()) {
    out["ResourceStatusReason"] = resource.status_reason;
  }
  if (!resource.metadata.is_null()) {
    out["Metadata"] = DumpJson(resource.metadata);
  }
  return out;
}

Json StackResourceSummaryJson(const StackResource& resource) {
  Json out{{"LogicalResourceId", resource.logical_id},
           {"PhysicalResourceId", resource.physical_id},
           {"ResourceType", resource.type},
           {"LastUpdatedTimestamp", Seconds(resource.updated_millis)},
           {"ResourceStatus", resource.status},
           {"DriftInformation", Drift("StackResourceDriftStatus")}};
  if (!resource.status_reason.empty()) {
    out["ResourceStatusReason"] = resource.status_reason;
  }
  return out;
}

Json ChangeSetSummaryJson(const Stack& stack, const ChangeSet& change_set) {
  Json out{{"StackId", stack.id},
           {"StackName", stack.name},
           {"ChangeSetId", change_set.id},
           {"ChangeSetName", change_set.name},
           {"ExecutionStatus", change_set.execution_status},
           {"Status", change_set.status},
           {"CreationTime", Seconds(change_set.created_millis)},
           {"IncludeNestedStacks", false}};
  if (!change_set.status_reason.empty()) {
    out["StatusReason"] = change_set.status_reason;
  }
  if (!change_set.description.empty()) {
    out["Description"] = change_set.description;
  }
  return out;
}

Result<StackRequest> StackRequestFromInput(const StackEngine& engine,
                                           const aws::RequestContext& context,
                                           const Json& input) {
  StackRequest request;
  STRATUS_ASSIGN_OR_RETURN(request.stack_name, RequiredMember(input, "StackName"));
  request.template_text = OptionalMember(input, "TemplateBody");
  request.use_previous_template = input.value("UsePreviousTemplate", false);
  if (request.template_text.empty() && !request.use_previous_template) {
    std::string url = OptionalMember(input, "TemplateURL");
    if (url.empty()) {
      return CfnError::Validation("Either Template URL or Template Body must be specified.");
    }
    STRATUS_ASSIGN_OR_RETURN(request.template_text, engine.FetchTemplate(url));
  }
  if (input.contains("Parameters") && input["Parameters"].is_array()) {
    for (const Json& parameter : input["Parameters"]) {
      std::string key = OptionalMember(parameter, "ParameterKey");
      if (key.empty()) {
        return CfnError::Validation("ParameterKey must be specified");
      }
      if (parameter.value("UsePreviousValue", false)) {
        request.use_previous_parameters.insert(key);
      } else {
        request.parameters[key] = OptionalMember(parameter, "ParameterValue");
      }
    }
  }
  if (input.contains("Capabilities") && input["Capabilities"].is_array()) {
    for (const Json& capability : input["Capabilities"]) {
      if (capability.is_string()) {
        request.capabilities.push_back(capability.get<std::string>());
      }
    }
  }
  if (input.contains("Tags") && input["Tags"].is_array()) {
    request.tags = input["Tags"];
  }
  if (input.value("DisableRollback", false)) {
    request.on_failure = "DO_NOTHING";
  }
  if (std::string on_failure = OptionalMember(input, "OnFailure"); !on_failure.empty()) {
    request.on_failure = on_failure;
  }
  request.termination_protection = input.value("EnableTerminationProtection", false);
  request.change_set_name = OptionalMember(input, "ChangeSetName");
  if (std::string type = OptionalMember(input, "ChangeSetType"); !type.empty()) {
    request.change_set_type = type;
  }
  request.description = OptionalMember(input, "Description");
  request.region = context.region;
  request.account_id = context.account_id;
  request.host = context.host.empty() ? "localhost:4566" : context.host;
  return request;
}

}  // namespace stratus::cloudformation
