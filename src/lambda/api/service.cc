#include "lambda/api/service.h"

#include <utility>

#include "lambda/api/destinations.h"
#include "lambda/api/operations.h"
#include "lambda/api/sqs_event_sources.h"
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
      : engine_(std::move(engine)),
        models_(models),
        ids_(ids),
        event_sources_(std::make_unique<api::SqsEventSources>(*engine_, ids)) {
    engine_->set_event_source_runner(event_sources_.get());
  }

  ~LambdaService() override { Stop(); }

  std::string_view name() const override { return "lambda"; }

  void RegisterOperations(aws::OperationTable& table) override {
    RegisterLambdaOperations(table, models_, *engine_);
  }

  Status Start(const aws::OperationTable& table) override {
    event_sources_->Start(table);
    return engine_->Start(api::SqsDestinationSender(table, ids_, engine_->FunctionArn("")));
  }

  // The engine first: it kills running functions, so that pollers in an
  // invocation return at once and can be joined.
  void Stop() override {
    engine_->Stop();
    event_sources_->Stop();
  }

  LambdaEngine& engine() { return *engine_; }

 private:
  std::unique_ptr<LambdaEngine> engine_;
  const aws::ModelRegistry& models_;
  IdGenerator& ids_;
  std::unique_ptr<api::SqsEventSources> event_sources_;
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
