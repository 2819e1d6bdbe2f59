#include "aws/service_operations.h"

#include <exception>

#include "aws/model/model_registry.h"
#include "aws/model/service_model.h"

namespace stratus::aws {
namespace {

// Runs `handler`, replying the service's error when the JSON library throws.
// Handlers read user JSON with non-throwing accessors; this is the safety net
// for a type nlohmann::json would still throw on.
OperationHandler WithJsonErrorNet(OperationHandler handler,
                                  std::function<Status(std::string_view)> on_json_error) {
  return [handler = std::move(handler), on_json_error = std::move(on_json_error)](
             const RequestContext& context, Json input, Reply reply) {
    try {
      handler(context, std::move(input), reply);
    } catch (const nlohmann::json::exception& error) {
      reply(on_json_error ? on_json_error(error.what()) : Status::InvalidArgument(error.what()));
    }
  };
}

}  // namespace

ServiceOperations::ServiceOperations(OperationTable& table,
                                     const ModelRegistry& models,
                                     std::string_view service,
                                     ServiceOperationsOptions options)
    : table_(table), models_(models), service_(service), options_(std::move(options)) {}

void ServiceOperations::Add(std::string_view operation, OperationHandler handler) {
  OperationHandler bound = WithJsonErrorNet(std::move(handler), options_.on_json_error);
  if (options_.model_constraints.has_value()) {
    const ServiceModel* model = models_.Find(service_);
    const OperationModel* operation_model =
        model == nullptr ? nullptr : model->FindOperation(operation);
    if (operation_model != nullptr) {
      bound = WithModelConstraints(*model, *operation_model, std::move(bound),
                                   *options_.model_constraints);
    }
  }
  table_.Add(service_, operation, std::move(bound));
}

}  // namespace stratus::aws
