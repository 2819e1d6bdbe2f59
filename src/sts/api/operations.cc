#include "sts/api/operations.h"

#include <string>

#include "aws/model/model_registry.h"
#include "aws/model/service_model.h"
#include "aws/model_constraints.h"
#include "aws/service_operations.h"
#include "base/check.h"
#include "iam/iam_store.h"
#include "sts/api/handlers.h"
#include "sts/errors.h"

namespace stratus::sts {
namespace {

// AWS: STS's front door checks the model's constraints (lengths, ranges:
// DurationSeconds 900..43200 for AssumeRole) and answers ValidationError.
aws::OperationHandler WithStsConstraints(const aws::ServiceModel& model,
                                         const aws::OperationModel& operation,
                                         aws::OperationHandler handler) {
  return [&model, &operation, handler = std::move(handler)](const aws::RequestContext& context,
                                                            Json input, aws::Reply reply) {
    if (Status checked = aws::CheckModelConstraints(model, operation, input); !checked.ok()) {
      reply(StsError::Validation(checked.message()));
      return;
    }
    handler(context, std::move(input), std::move(reply));
  };
}

}  // namespace

void RegisterStsOperations(aws::OperationTable& table,
                           const aws::ModelRegistry& models,
                           iam::IamStore& store) {
  const aws::ServiceModel* model = models.Find("sts");
  STRATUS_CHECK(model != nullptr, "the sts model is not embedded");
  aws::ServiceOperations operations(
      table, models, "sts",
      aws::ServiceOperationsOptions{.model_constraints = std::nullopt,
                                    .on_json_error = [](std::string_view what) {
                                      return StsError::Validation(std::string(what));
                                    }});
  auto add = [&](std::string_view name, auto* handler) {
    const aws::OperationModel* operation = model->FindOperation(name);
    STRATUS_CHECK(operation != nullptr, "sts has no operation {}", name);
    operations.Add(name, WithStsConstraints(*model, *operation, aws::Bind(store, handler)));
  };
  add("AssumeRole", &api::AssumeRole);
  add("GetAccessKeyInfo", &api::GetAccessKeyInfo);
  add("GetCallerIdentity", &api::GetCallerIdentity);
  add("GetSessionToken", &api::GetSessionToken);
}

}  // namespace stratus::sts
