#include <set>

#include "cloudformation/api/cfn_json.h"
#include "cloudformation/api/handlers.h"
#include "cloudformation/engine/stack_engine.h"
#include "cloudformation/errors.h"

namespace stratus::cloudformation::api {

Result<Json> CreateStack(StackEngine& engine,
                         const aws::RequestContext& context,
                         const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(StackRequest request, StackRequestFromInput(context, input));
  STRATUS_ASSIGN_OR_RETURN(std::string id, engine.CreateStack(request));
  return Json{{"StackId", id}};
}

Result<Json> UpdateStack(StackEngine& engine,
                         const aws::RequestContext& context,
                         const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(StackRequest request, StackRequestFromInput(context, input));
  STRATUS_ASSIGN_OR_RETURN(std::string id, engine.UpdateStack(request));
  return Json{{"StackId", id}};
}

Result<Json> DeleteStack(StackEngine& engine,
                         const aws::RequestContext& /*context*/,
                         const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredMember(input, "StackName"));
  STRATUS_RETURN_IF_ERROR(engine.DeleteStack(name));
  return Json::object();
}

Result<Json> DescribeStacks(StackEngine& engine,
                            const aws::RequestContext& /*context*/,
                            const Json& input) {
  Json stacks = Json::array();
  std::string name = OptionalMember(input, "StackName");
  if (!name.empty()) {
    STRATUS_ASSIGN_OR_RETURN(Stack stack, engine.FindStack(name));
    stacks.push_back(StackJson(stack));
    return Json{{"Stacks", std::move(stacks)}};
  }
  for (const Stack& stack : engine.ListStacks()) {
    if (stack.status != "DELETE_COMPLETE") {
      stacks.push_back(StackJson(stack));
    }
  }
  return Json{{"Stacks", std::move(stacks)}};
}

Result<Json> ListStacks(StackEngine& engine,
                        const aws::RequestContext& /*context*/,
                        const Json& input) {
  std::set<std::string> filter;
  if (input.contains("StackStatusFilter") && input["StackStatusFilter"].is_array()) {
    for (const Json& status : input["StackStatusFilter"]) {
      filter.insert(status.get<std::string>());
    }
  }
  Json summaries = Json::array();
  for (const Stack& stack : engine.ListStacks()) {
    if (filter.empty() || filter.count(stack.status) != 0) {
      summaries.push_back(StackSummaryJson(stack));
    }
  }
  return Json{{"StackSummaries", std::move(summaries)}};
}

Result<Json> UpdateTerminationProtection(StackEngine& engine,
                                         const aws::RequestContext& /*context*/,
                                         const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredMember(input, "StackName"));
  if (!input.contains("EnableTerminationProtection") ||
      !input["EnableTerminationProtection"].is_boolean()) {
    return CfnError::Validation(
        "1 validation error detected: Value null at 'enableTerminationProtection' failed to "
        "satisfy constraint: Member must not be null");
  }
  STRATUS_RETURN_IF_ERROR(
      engine.SetTerminationProtection(name, input["EnableTerminationProtection"].get<bool>()));
  STRATUS_ASSIGN_OR_RETURN(Stack stack, engine.FindStack(name));
  return Json{{"StackId", stack.id}};
}

Result<Json> CancelUpdateStack(StackEngine& engine,
                               const aws::RequestContext& /*context*/,
                               const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredMember(input, "StackName"));
  STRATUS_RETURN_IF_ERROR(engine.CancelUpdate(name));
  return Json::object();
}

}  // namespace stratus::cloudformation::api
