#pragma once

#include <string>

#include "base/json.h"
#include "base/result.h"

namespace stratus::aws {
struct RequestContext;
}  // namespace stratus::aws

namespace stratus::cloudformation {

class StackEngine;
struct ChangeSet;
struct Stack;
struct StackEvent;
struct StackRequest;
struct StackResource;

/// The model shapes of CloudFormation's outputs, from the engine's values.
/// Timestamps are epoch seconds (the codec formats them).
Json StackJson(const Stack& stack);
Json StackSummaryJson(const Stack& stack);
Json StackEventJson(const Stack& stack, const StackEvent& event);
Json StackResourceJson(const Stack& stack, const StackResource& resource);
Json StackResourceSummaryJson(const StackResource& resource);
Json ChangeSetSummaryJson(const Stack& stack, const ChangeSet& change_set);
/// DescribeStacks' and DescribeChangeSet's Parameters list (NoEcho masked).
Json ParametersJson(const Stack& stack, const std::map<std::string, std::string>& values);

/// Reads CreateStack's, UpdateStack's or CreateChangeSet's input; a
/// TemplateURL is read through `engine`.
Result<StackRequest> StackRequestFromInput(const StackEngine& engine,
                                           const aws::RequestContext& context,
                                           const Json& input);

/// Returns a required string member, or ValidationError naming it.
Result<std::string> RequiredMember(const Json& input, const char* name);

/// Returns an optional string member ("" when absent).
std::string OptionalMember(const Json& input, const char* name);

}  // namespace stratus::cloudformation
