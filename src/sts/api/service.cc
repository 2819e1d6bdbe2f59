#include "sts/api/service.h"

#include "sts/api/operations.h"

namespace stratus::sts {
namespace {

// STS over IAM's store, which it does not own.
//
// Thread safety: see aws::Service.
class StsService final : public aws::Service {
 public:
  StsService(iam::IamStore& store, const aws::ModelRegistry& models)
      : store_(store), models_(models) {}

  std::string_view name() const override { return "sts"; }

  void RegisterOperations(aws::OperationTable& table) override {
    RegisterStsOperations(table, models_, store_);
  }

  Status Start(const aws::OperationTable& /*table*/) override { return Status::Ok(); }

  void Stop() override {}

 private:
  iam::IamStore& store_;
  const aws::ModelRegistry& models_;
};

}  // namespace

Result<std::unique_ptr<aws::Service>> OpenSts(const aws::ServiceEnvironment& environment,
                                              iam::IamStore& store) {
  return std::unique_ptr<aws::Service>(std::make_unique<StsService>(store, *environment.models));
}

}  // namespace stratus::sts
