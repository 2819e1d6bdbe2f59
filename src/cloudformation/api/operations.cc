#include "cloudformation/api/operations.h"

#include "aws/service_operations.h"
#include "cloudformation/api/handlers.h"
#include "cloudformation/engine/stack_engine.h"
#include "cloudformation/errors.h"

namespace stratus::cloudformation {

void RegisterCloudFormationOperations(aws::OperationTable& table,
                                      const aws::ModelRegistry& models,
                                      StackEngine& engine) {
  // AWS: CloudFormation words its own validation errors (ValidationError),
  // so the model's constraints are not checked up front.
  aws::ServiceOperations operations(
      table, models, "cloudformation",
      aws::ServiceOperationsOptions{.on_json_error = [](std::string_view what) {
        return CfnError::Validation(std::string(what));
      }});
  auto add = [&](std::string_view name, auto* handler) {
    aws::OperationHandler bound = aws::Bind(engine, handler);
    operations.Add(name, [bound = std::move(bound)](const aws::RequestContext& context, Json input,
                                                    aws::Reply reply) {
      bound(context, std::move(input), [reply = std::move(reply)](Result<Json> result) {
        reply(result.ok() ? std::move(result)
                          : Result<Json>(CfnError::FromEngine(result.status())));
      });
    });
  };
  add("CancelUpdateStack", &api::CancelUpdateStack);
  add("CreateChangeSet", &api::CreateChangeSet);
  add("CreateStack", &api::CreateStack);
  add("DeleteChangeSet", &api::DeleteChangeSet);
  add("DeleteStack", &api::DeleteStack);
  add("DescribeChangeSet", &api::DescribeChangeSet);
  add("DescribeStackEvents", &api::DescribeStackEvents);
  add("DescribeStackResource", &api::DescribeStackResource);
  add("DescribeStackResources", &api::DescribeStackResources);
  add("DescribeStacks", &api::DescribeStacks);
  add("ExecuteChangeSet", &api::ExecuteChangeSet);
  add("GetTemplate", &api::GetTemplate);
  add("GetTemplateSummary", &api::GetTemplateSummary);
  add("ListChangeSets", &api::ListChangeSets);
  add("ListExports", &api::ListExports);
  add("ListImports", &api::ListImports);
  add("ListStackResources", &api::ListStackResources);
  add("ListStacks", &api::ListStacks);
  add("UpdateStack", &api::UpdateStack);
  add("UpdateTerminationProtection", &api::UpdateTerminationProtection);
  add("ValidateTemplate", &api::ValidateTemplate);
}

}  // namespace stratus::cloudformation
