#include "lambda/api/service.h"

#include <utility>

#include "lambda/api/destinations.h"
#include "lambda/api/operations.h"
#include "lambda/engine.h"

namespace stratus::lambda {
namespace {

// Owns the Lambda engine.
//
// Thread safety: see aws::Service.
class LambdaService final : public aws::Service {
 public:
  LambdaService(std::unique_ptr<LambdaEngine> engine,
                const aws::ModelRegistry& models,
                IdGenerator& ids)
      : engine_(std::move(engine)), models_(models), ids_(ids) {}

  ~LambdaService() override { Stop(); }

  std::string_view name() const override { return "lambda"; }

  void RegisterOperations(aws::OperationTable& table) override {
    RegisterLambdaOperations(table, models_, *engine_);
  }

  Status Start(const aws::OperationTable& table) override {
    return engine_->Start(api::SqsDestinationSender(table, ids_, engine_->FunctionArn("")));
  }

  void Stop() override { engine_->Stop(); }

  LambdaEngine& engine() { return *engine_; }

 private:
  std::unique_ptr<LambdaEngine> engine_;
  const aws::ModelRegistry& models_;
  IdGenerator& ids_;
};

}  // namespace

Result<OpenedLambda> OpenLambda(const aws::ServiceEnvironment& environment,
                                LambdaDependencies dependencies) {
  STRATUS_ASSIGN_OR_RETURN(
      std::unique_ptr<LambdaEngine> engine,
      LambdaEngine::Open(LambdaEngineOptions{.data_dir = environment.data_dir,
                                             .region = dependencies.region,
                                             .account_id = dependencies.account_id,
                                             .endpoint_url = std::move(dependencies.endpoint_url),
                                             .logs = dependencies.logs},
                         *environment.clock, *environment.ids, environment.lake));
  auto service =
      std::make_unique<LambdaService>(std::move(engine), *environment.models, *environment.ids);
  LambdaEngine* opened = &service->engine();
  return OpenedLambda{.service = std::move(service), .engine = opened};
}

}  // namespace stratus::lambda
