#include "iam/api/service.h"

#include <filesystem>
#include <utility>

#include "iam/api/operations.h"
#include "iam/iam_store.h"

namespace stratus::iam {
namespace {

// Owns the IAM store.
//
// Thread safety: see aws::Service.
class IamService final : public aws::Service {
 public:
  IamService(std::unique_ptr<IamStore> store, const aws::ModelRegistry& models)
      : store_(std::move(store)), models_(models) {}

  ~IamService() override { Stop(); }

  std::string_view name() const override { return "iam"; }

  void RegisterOperations(aws::OperationTable& table) override {
    RegisterIamOperations(table, models_, *store_);
  }

  Status Start(const aws::OperationTable& /*table*/) override { return Status::Ok(); }

  void Stop() override { store_->Stop(); }

  IamStore& store() { return *store_; }

 private:
  std::unique_ptr<IamStore> store_;
  const aws::ModelRegistry& models_;
};

}  // namespace

Result<OpenedIam> OpenIam(const aws::ServiceEnvironment& environment, std::string account_id) {
  STRATUS_ASSIGN_OR_RETURN(
      std::unique_ptr<IamStore> store,
      IamStore::Open((std::filesystem::path(environment.data_dir) / "iam.db").string(),
                     IamStoreOptions{.account_id = std::move(account_id),
                                     .fsync = true,
                                     .clock = environment.clock,
                                     .ids = environment.ids}));
  auto service = std::make_unique<IamService>(std::move(store), *environment.models);
  IamStore* opened = &service->store();
  return OpenedIam{.service = std::move(service), .store = opened};
}

}  // namespace stratus::iam
