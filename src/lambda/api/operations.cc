#include "lambda/api/operations.h"

#include "aws/service_operations.h"
#include "lambda/api/handlers.h"
#include "lambda/engine.h"
#include "lambda/errors.h"

namespace stratus::lambda {
namespace {

// AWS: TooManyRequestsException carries Reason (why it throttled) and Type
// ("User") beside its message. Pinned by test/wire/test_lambda_concurrency.py::
// test_reserved_zero_throttles_every_invoke.
aws::OperationHandler WithThrottleReason(aws::OperationHandler handler) {
  return [handler = std::move(handler)](const aws::RequestContext& context, Json input,
                                        aws::Reply reply) {
    handler(context, std::move(input),
            [payload = context.response_payload, reply = std::move(reply)](Result<Json> output) {
              if (!output.ok() && payload != nullptr) {
                const std::string_view reason = LambdaError::ThrottleReason(output.status());
                if (!reason.empty()) {
                  payload->error_elements.emplace_back("Reason", std::string(reason));
                  payload->error_elements.emplace_back("Type", "User");
                }
              }
              reply(std::move(output));
            });
  };
}

}  // namespace

void RegisterLambdaOperations(aws::OperationTable& table,
                              const aws::ModelRegistry& models,
                              LambdaEngine& engine) {
  // AWS: the front door checks the model's constraints (required members,
  // lengths, ranges, enums) and answers ValidationException before Lambda runs.
  aws::ServiceOperations operations(
      table, models, "lambda",
      aws::ServiceOperationsOptions{.model_constraints = aws::ConstraintOptions{},
                                    .on_json_error = [](std::string_view what) {
                                      return LambdaError::InvalidParameter(std::string(what));
                                    }});
  auto add = [&](std::string_view name, auto* handler) {
    operations.Add(name, aws::Bind(engine, handler));
  };
  add("AddPermission", &api::AddPermission);
  add("CreateAlias", &api::CreateAlias);
  add("CreateEventSourceMapping", &api::CreateEventSourceMapping);
  add("CreateFunction", &api::CreateFunction);
  add("DeleteAlias", &api::DeleteAlias);
  add("DeleteEventSourceMapping", &api::DeleteEventSourceMapping);
  add("DeleteFunction", &api::DeleteFunction);
  add("DeleteFunctionConcurrency", &api::DeleteFunctionConcurrency);
  add("DeleteFunctionEventInvokeConfig", &api::DeleteFunctionEventInvokeConfig);
  add("GetAccountSettings", &api::GetAccountSettings);
  add("GetAlias", &api::GetAlias);
  add("GetEventSourceMapping", &api::GetEventSourceMapping);
  add("GetFunction", &api::GetFunction);
  add("GetFunctionConcurrency", &api::GetFunctionConcurrency);
  add("GetFunctionConfiguration", &api::GetFunctionConfiguration);
  add("GetFunctionEventInvokeConfig", &api::GetFunctionEventInvokeConfig);
  add("GetPolicy", &api::GetPolicy);
  operations.Add("Invoke", WithThrottleReason(aws::Bind(engine, &api::Invoke)));
  add("ListAliases", &api::ListAliases);
  add("ListEventSourceMappings", &api::ListEventSourceMappings);
  add("ListFunctions", &api::ListFunctions);
  add("ListVersionsByFunction", &api::ListVersionsByFunction);
  add("PublishVersion", &api::PublishVersion);
  add("PutFunctionConcurrency", &api::PutFunctionConcurrency);
  add("PutFunctionEventInvokeConfig", &api::PutFunctionEventInvokeConfig);
  add("RemovePermission", &api::RemovePermission);
  add("UpdateAlias", &api::UpdateAlias);
  add("UpdateEventSourceMapping", &api::UpdateEventSourceMapping);
  add("UpdateFunctionCode", &api::UpdateFunctionCode);
  add("UpdateFunctionConfiguration", &api::UpdateFunctionConfiguration);
  add("UpdateFunctionEventInvokeConfig", &api::UpdateFunctionEventInvokeConfig);
  // Layers.
  add("PublishLayerVersion", &api::PublishLayerVersion);
  add("GetLayerVersion", &api::GetLayerVersion);
  add("GetLayerVersionByArn", &api::GetLayerVersionByArn);
  add("ListLayers", &api::ListLayers);
  add("ListLayerVersions", &api::ListLayerVersions);
  add("DeleteLayerVersion", &api::DeleteLayerVersion);
  add("AddLayerVersionPermission", &api::AddLayerVersionPermission);
  add("RemoveLayerVersionPermission", &api::RemoveLayerVersionPermission);
  add("GetLayerVersionPolicy", &api::GetLayerVersionPolicy);
}

}  // namespace stratus::lambda
