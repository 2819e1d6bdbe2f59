#include "cloudformation/api/service.h"

#include <filesystem>
#include <utility>

#include "cloudformation/api/operations.h"
#include "cloudformation/api/template_url.h"
#include "cloudformation/engine/stack_engine.h"
#include "cloudformation/providers/resource_provider.h"
#include "cloudformation/providers/service_caller.h"

namespace stratus::cloudformation {
namespace {

// Owns the stack engine and the providers it deploys with.
//
// Thread safety: see aws::Service.
class CloudFormationService final : public aws::Service {
 public:
  CloudFormationService(std::unique_ptr<StackEngine> engine,
                        const aws::ModelRegistry& models,
                        const Clock& clock,
                        IdGenerator& ids)
      : engine_(std::move(engine)), models_(models), clock_(clock), ids_(ids) {}

  ~CloudFormationService() override { Stop(); }

  std::string_view name() const override { return "cloudformation"; }

  void RegisterOperations(aws::OperationTable& table) override {
    RegisterCloudFormationOperations(table, models_, *engine_);
  }

  Status Start(const aws::OperationTable& table) override {
    providers_ = MakeBuiltInProviders(table);
    engine_->SetTemplateFetcher(
        MakeS3TemplateFetcher(std::make_shared<const ServiceCaller>(table, clock_, ids_)));
    engine_->Start(providers_.get());
    return Status::Ok();
  }

  void Stop() override { engine_->Stop(); }

 private:
  std::unique_ptr<StackEngine> engine_;
  const aws::ModelRegistry& models_;
  const Clock& clock_;
  IdGenerator& ids_;
  std::unique_ptr<ProviderRegistry> providers_;
};

}  // namespace

Result<std::unique_ptr<aws::Service>> OpenCloudFormation(
    const aws::ServiceEnvironment& environment) {
  STRATUS_ASSIGN_OR_RETURN(
      std::unique_ptr<StackEngine> engine,
      StackEngine::Open(
          (std::filesystem::path(environment.data_dir) / "cloudformation.db").string(),
          StackEngineOptions{.clock = environment.clock, .ids = environment.ids}));
  return std::unique_ptr<aws::Service>(std::make_unique<CloudFormationService>(
      std::move(engine), *environment.models, *environment.clock, *environment.ids));
}

}  // namespace stratus::cloudformation
