#include "rds/api/service.h"

#include <filesystem>
#include <utility>

#include "rds/api/mysql_endpoints.h"
#include "rds/api/operations.h"
#include "rds/rds_engine.h"
#include "rds/rds_store.h"

namespace stratus::rds {
namespace {

// Owns the RDS engine.
//
// Thread safety: see aws::Service.
class RdsService final : public aws::Service {
 public:
  RdsService(std::unique_ptr<RdsEngine> engine, const aws::ModelRegistry& models)
      : engine_(std::move(engine)), models_(models) {}

  ~RdsService() override { Stop(); }

  std::string_view name() const override { return "rds"; }

  void RegisterOperations(aws::OperationTable& table) override {
    RegisterRdsOperations(table, models_, *engine_);
  }

  Status Start(const aws::OperationTable& /*table*/) override { return engine_->Start(); }

  void Stop() override { engine_->Stop(); }

 private:
  std::unique_ptr<RdsEngine> engine_;
  const aws::ModelRegistry& models_;
};

}  // namespace

Result<std::unique_ptr<aws::Service>> OpenRds(const aws::ServiceEnvironment& environment,
                                              const RdsDependencies& dependencies) {
  const std::filesystem::path data_dir(environment.data_dir);
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<RdsStore> store,
                           RdsStore::Open((data_dir / "rds.db").string(), /*fsync=*/true));
  STRATUS_ASSIGN_OR_RETURN(
      std::unique_ptr<RdsEngine> engine,
      RdsEngine::Open(
          RdsEngineOptions{.root_dir = (data_dir / "rds").string(),
                           .region = dependencies.region,
                           .account_id = dependencies.account_id,
                           .clock = environment.clock,
                           .ids = environment.ids,
                           .fronts = api::MySqlEndpoints(environment.lake, dependencies.region)},
          std::move(store)));
  return std::unique_ptr<aws::Service>(
      std::make_unique<RdsService>(std::move(engine), *environment.models));
}

}  // namespace stratus::rds
