#include "states/api/service.h"

#include <utility>

namespace stratus::states::api {
namespace {

// Runs a StatesService through the aws::Service lifecycle.
//
// Thread safety: see aws::Service.
class StepFunctionsService final : public aws::Service {
 public:
  explicit StepFunctionsService(std::unique_ptr<StatesService> states)
      : states_(std::move(states)) {}

  ~StepFunctionsService() override { Stop(); }

  std::string_view name() const override { return "states"; }

  void RegisterOperations(aws::OperationTable& table) override {
    RegisterStatesOperations(table, *states_);
  }

  Status Start(const aws::OperationTable& table) override {
    states_->BindOperations(table);
    states_->Start();
    return Status::Ok();
  }

  void Stop() override { states_->Stop(); }

 private:
  std::unique_ptr<StatesService> states_;
};

}  // namespace

Result<std::unique_ptr<aws::Service>> OpenStates(const aws::ServiceEnvironment& environment,
                                                 StatesServiceOptions options) {
  options.data_dir = environment.data_dir;
  options.models = environment.models;
  options.lake = environment.lake;
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<StatesService> states,
                           OpenStatesService(options, *environment.clock, *environment.ids));
  return std::unique_ptr<aws::Service>(std::make_unique<StepFunctionsService>(std::move(states)));
}

}  // namespace stratus::states::api
