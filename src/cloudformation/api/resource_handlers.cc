#include <algorithm>

#include "base/format.h"
#include "cloudformation/api/cfn_json.h"
#include "cloudformation/api/handlers.h"
#include "cloudformation/api/page_token.h"
#include "cloudformation/engine/stack_engine.h"
#include "cloudformation/errors.h"

namespace stratus::cloudformation::api {

Result<Json> DescribeStackEvents(StackEngine& engine,
                                 const aws::RequestContext& /*context*/,
                                 const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredMember(input, "StackName"));
  STRATUS_ASSIGN_OR_RETURN(Stack stack, engine.FindStack(name));
  // Newest first. The token is the count of older events still to answer,
  // so events appended during a walk do not shift its pages.
  STRATUS_ASSIGN_OR_RETURN(size_t end, PageStart(input, stack.events.size()));
  end = std::min(end, stack.events.size());
  const size_t begin = end > kEventsPerPage ? end - kEventsPerPage : 0;
  Json events = Json::array();
  for (size_t i = end; i > begin; --i) {
    events.push_back(StackEventJson(stack, stack.events[i - 1]));
  }
  Json out{{"StackEvents", std::move(events)}};
  if (begin > 0) {
    out["NextToken"] = EncodePageToken(begin);
  }
  return out;
}

Result<Json> DescribeStackResource(StackEngine& engine,
                                   const aws::RequestContext& /*context*/,
                                   const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredMember(input, "StackName"));
  STRATUS_ASSIGN_OR_RETURN(std::string logical_id, RequiredMember(input, "LogicalResourceId"));
  STRATUS_ASSIGN_OR_RETURN(Stack stack, engine.FindStack(name));
  auto it = stack.resources.find(logical_id);
  if (it == stack.resources.end()) {
    return CfnError::Validation(
        Format("Resource {} does not exist for stack {}", logical_id, stack.name));
  }
  Json detail = StackResourceJson(stack, it->second);
  detail.erase("Timestamp");
  return Json{{"StackResourceDetail", std::move(detail)}};
}

Result<Json> DescribeStackResources(StackEngine& engine,
                                    const aws::RequestContext& /*context*/,
                                    const Json& input) {
  std::string name = OptionalMember(input, "StackName");
  std::string logical_id = OptionalMember(input, "LogicalResourceId");
  std::string physical_id = OptionalMember(input, "PhysicalResourceId");
  if (name.empty() && physical_id.empty()) {
    return CfnError::Validation("Either StackName or PhysicalResourceId must be specified.");
  }
  std::vector<Stack> stacks;
  if (!name.empty()) {
    STRATUS_ASSIGN_OR_RETURN(Stack stack, engine.FindStack(name));
    stacks.push_back(std::move(stack));
  } else {
    stacks = engine.ListStacks();
  }
  Json resources = Json::array();
  for (const Stack& stack : stacks) {
    for (const auto& [id, resource] : stack.resources) {
      if ((!logical_id.empty() && id != logical_id) ||
          (!physical_id.empty() && resource.physical_id != physical_id)) {
        continue;
      }
      Json entry = StackResourceJson(stack, resource);
      entry.erase("LastUpdatedTimestamp");
      entry.erase("Metadata");
      resources.push_back(std::move(entry));
    }
  }
  return Json{{"StackResources", std::move(resources)}};
}

Result<Json> ListStackResources(StackEngine& engine,
                                const aws::RequestContext& /*context*/,
                                const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredMember(input, "StackName"));
  STRATUS_ASSIGN_OR_RETURN(Stack stack, engine.FindStack(name));
  Json summaries = Json::array();
  for (const auto& [id, resource] : stack.resources) {
    summaries.push_back(StackResourceSummaryJson(resource));
  }
  return PageOf(input, std::move(summaries), "StackResourceSummaries", kResourcesPerPage);
}

}  // namespace stratus::cloudformation::api
