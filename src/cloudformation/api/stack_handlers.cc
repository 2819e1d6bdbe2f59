#include <chrono>
#include <set>
#include <utility>

#include "cloudformation/api/cfn_json.h"
#include "cloudformation/api/handlers.h"
#include "cloudformation/api/page_token.h"
#include "cloudformation/engine/stack_engine.h"
#include "cloudformation/errors.h"

namespace stratus::cloudformation::api {

namespace {

// Long enough for a stack of queues, buckets and log groups; short enough
// that a slow deploy's client sees its progress soon.
constexpr std::chrono::milliseconds kSettleWait{2000};

}  // namespace

void ReplyWhenSettled(StackEngine& engine,
                      const std::string& stack_id,
                      Json output,
                      aws::Reply reply) {
  engine.WhenSettled(stack_id, kSettleWait,
                     [output = std::move(output), reply = std::move(reply)]() mutable {
                       reply(std::move(output));
                     });
}

void CreateStack(StackEngine& engine,
                 const aws::RequestContext& context,
                 const Json& input,
                 aws::Reply reply) {
  Result<StackRequest> request = StackRequestFromInput(engine, context, input);
  Result<std::string> id = request.ok() ? engine.CreateStack(*request) : request.status();
  if (!id.ok()) {
    reply(id.status());
    return;
  }
  ReplyWhenSettled(engine, *id, Json{{"StackId", *id}}, std::move(reply));
}

void UpdateStack(StackEngine& engine,
                 const aws::RequestContext& context,
                 const Json& input,
                 aws::Reply reply) {
  Result<StackRequest> request = StackRequestFromInput(engine, context, input);
  Result<std::string> id = request.ok() ? engine.UpdateStack(*request) : request.status();
  if (!id.ok()) {
    reply(id.status());
    return;
  }
  ReplyWhenSettled(engine, *id, Json{{"StackId", *id}}, std::move(reply));
}

void DeleteStack(StackEngine& engine,
                 const aws::RequestContext& /*context*/,
                 const Json& input,
                 aws::Reply reply) {
  Result<std::string> name = RequiredMember(input, "StackName");
  if (!name.ok()) {
    reply(name.status());
    return;
  }
  Result<Stack> stack = engine.FindStack(*name);
  if (Status deleted = engine.DeleteStack(*name); !deleted.ok()) {
    reply(deleted);
    return;
  }
  if (!stack.ok()) {
    reply(Json::object());
    return;
  }
  ReplyWhenSettled(engine, stack->id, Json::object(), std::move(reply));
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
  return PageOf(input, std::move(stacks), "Stacks", kStacksPerPage);
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
  return PageOf(input, std::move(summaries), "StackSummaries", kStacksPerPage);
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
