#pragma once

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

Handler CreateStack;
Handler UpdateStack;
Handler DeleteStack;
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
Handler ExecuteChangeSet;
Handler DeleteChangeSet;
Handler ListChangeSets;

Handler ListExports;
Handler ListImports;

}  // namespace stratus::cloudformation::api
