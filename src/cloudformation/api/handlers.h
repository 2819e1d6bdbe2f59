#pragma once

#include <string>

#include "aws/request_context.h"
#include "aws/service_operations.h"
#include "base/json.h"
#include "base/result.h"

namespace stratus::cloudformation {
class StackEngine;
}  // namespace stratus::cloudformation

// The CloudFormation operations. Each reads the model-shaped input, calls the
// stack engine (which commits before it returns) and answers with the
// model-shaped output. Grouped by what they work on: stacks
// (stack_handlers.cc), their resources and events (resource_handlers.cc),
// templates (template_handlers.cc), change sets (change_set_handlers.cc),
// exports (export_handlers.cc). operations.cc binds them to their names.
namespace stratus::cloudformation::api {

using Handler = aws::ReadHandler<StackEngine>;
/// Starts a stack operation and replies once it has settled or after
/// kSettleWait, whichever comes first (see ReplyWhenSettled).
using OperationStarter = aws::CommitHandler<StackEngine>;

OperationStarter CreateStack;
OperationStarter UpdateStack;
OperationStarter DeleteStack;
OperationStarter ExecuteChangeSet;
Handler DescribeStacks;
Handler ListStacks;
Handler UpdateTerminationProtection;
Handler CancelUpdateStack;

Handler DescribeStackEvents;
Handler DescribeStackResource;
Handler DescribeStackResources;
Handler ListStackResources;

Handler GetTemplate;
Handler GetTemplateSummary;
Handler ValidateTemplate;

Handler CreateChangeSet;
Handler DescribeChangeSet;
Handler DeleteChangeSet;
Handler ListChangeSets;

Handler ListExports;
Handler ListImports;

/// Replies `output` once the stack's operation settles, or after a short
/// wait. AWS answers at once; answering when a quick deploy is already over
/// lets a waiter's first poll (`aws cloudformation wait`, `deploy`) see the
/// end instead of sleeping its 30 s delay, and no client can tell.
void ReplyWhenSettled(StackEngine& engine,
                      const std::string& stack_id,
                      Json output,
                      aws::Reply reply);

}  // namespace stratus::cloudformation::api
