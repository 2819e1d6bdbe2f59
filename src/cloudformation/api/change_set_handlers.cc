#include "cloudformation/api/cfn_json.h"
#include "cloudformation/api/handlers.h"
#include "cloudformation/api/page_token.h"
#include "cloudformation/engine/stack_engine.h"
#include "cloudformation/errors.h"

namespace stratus::cloudformation::api {

Result<Json> CreateChangeSet(StackEngine& engine,
                             const aws::RequestContext& context,
                             const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(StackRequest request, StackRequestFromInput(engine, context, input));
  STRATUS_ASSIGN_OR_RETURN(request.change_set_name, RequiredMember(input, "ChangeSetName"));
  if (request.change_set_type != "CREATE" && request.change_set_type != "UPDATE") {
    return CfnError::Validation("ChangeSetType " + request.change_set_type +
                                " is not supported; use CREATE or UPDATE");
  }
  STRATUS_ASSIGN_OR_RETURN(auto ids, engine.CreateChangeSet(request));
  return Json{{"Id", ids.first}, {"StackId", ids.second}};
}

Result<Json> DescribeChangeSet(StackEngine& engine,
                               const aws::RequestContext& /*context*/,
                               const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredMember(input, "ChangeSetName"));
  STRATUS_ASSIGN_OR_RETURN(auto found,
                           engine.FindChangeSet(name, OptionalMember(input, "StackName")));
  const auto& [stack, change_set] = found;
  Json out = ChangeSetSummaryJson(stack, change_set);
  out.erase("IncludeNestedStacks");
  Stack masking = stack;
  out["Parameters"] = ParametersJson(masking, change_set.parameters);
  out["Capabilities"] = change_set.capabilities;
  out["Tags"] = change_set.tags;
  out["NotificationARNs"] = Json::array();
  out["Changes"] = change_set.changes;
  out["IncludeNestedStacks"] = false;
  return out;
}

void ExecuteChangeSet(StackEngine& engine,
                      const aws::RequestContext& /*context*/,
                      const Json& input,
                      aws::Reply reply) {
  Result<std::string> name = RequiredMember(input, "ChangeSetName");
  if (!name.ok()) {
    reply(name.status());
    return;
  }
  const std::string stack_name = OptionalMember(input, "StackName");
  Result<std::pair<Stack, ChangeSet>> found = engine.FindChangeSet(*name, stack_name);
  if (!found.ok()) {
    reply(found.status());
    return;
  }
  if (Status executed = engine.ExecuteChangeSet(*name, stack_name); !executed.ok()) {
    reply(executed);
    return;
  }
  ReplyWhenSettled(engine, found->first.id, Json::object(), std::move(reply));
}

Result<Json> DeleteChangeSet(StackEngine& engine,
                             const aws::RequestContext& /*context*/,
                             const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredMember(input, "ChangeSetName"));
  STRATUS_RETURN_IF_ERROR(engine.DeleteChangeSet(name, OptionalMember(input, "StackName")));
  return Json::object();
}

Result<Json> ListChangeSets(StackEngine& engine,
                            const aws::RequestContext& /*context*/,
                            const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredMember(input, "StackName"));
  STRATUS_ASSIGN_OR_RETURN(Stack stack, engine.FindStack(name));
  Json summaries = Json::array();
  for (const ChangeSet& change_set : stack.change_sets) {
    summaries.push_back(ChangeSetSummaryJson(stack, change_set));
  }
  return PageOf(input, std::move(summaries), "Summaries", kChangeSetsPerPage);
}

}  // namespace stratus::cloudformation::api
