#include "athena/api/service.h"

#include <utility>

#include "athena/api/operations.h"

namespace stratus::athena {
namespace {

// Owns the Athena engine.
//
// Thread safety: see aws::Service.
class AthenaService final : public aws::Service {
 public:
  AthenaService(std::unique_ptr<Engine> engine,
                std::function<void()> on_stop,
                const aws::ServiceEnvironment& environment)
      : engine_(std::move(engine)), on_stop_(std::move(on_stop)), models_(*environment.models) {}

  ~AthenaService() override { Stop(); }

  std::string_view name() const override { return "athena"; }

  void RegisterOperations(aws::OperationTable& table) override {
    RegisterAthenaOperations(table, models_, *engine_);
  }

  Status Start(const aws::OperationTable& /*table*/) override {
    engine_->Start();
    return Status::Ok();
  }

  void Stop() override {
    engine_->Stop();
    if (on_stop_) {
      on_stop_();
      on_stop_ = nullptr;
    }
  }

  Engine& engine() { return *engine_; }

 private:
  std::unique_ptr<Engine> engine_;
  std::function<void()> on_stop_;
  const aws::ModelRegistry& models_;
};

}  // namespace

Result<OpenedAthena> OpenAthena(const aws::ServiceEnvironment& environment,
                                AthenaDependencies dependencies) {
  STRATUS_ASSIGN_OR_RETURN(
      std::unique_ptr<Engine> engine,
      Engine::Open(EngineOptions{.data_dir = environment.data_dir,
                                 .num_query_threads = dependencies.num_query_threads},
                   *environment.clock, *environment.ids, environment.lake, dependencies.catalog,
                   std::move(dependencies.runner)));
  auto service = std::make_unique<AthenaService>(std::move(engine), std::move(dependencies.on_stop),
                                                 environment);
  Engine* athena = &service->engine();
  return OpenedAthena{.service = std::move(service), .engine = athena};
}

}  // namespace stratus::athena
