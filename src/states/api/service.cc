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

Result<OpenedStates> OpenStates(const aws::ServiceEnvironment& environment,
                                StatesServiceOptions options) {
  options.data_dir = environment.data_dir;
  options.models = environment.models;
  options.lake = environment.lake;
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<StatesService> states,
                           OpenStatesService(options, *environment.clock, *environment.ids));
  StatesService* borrowed = states.get();
  return OpenedStates{.service = std::make_unique<StepFunctionsService>(std::move(states)),
                      .states = borrowed};
}

}  // namespace stratus::states::api
