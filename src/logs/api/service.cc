#include "logs/api/service.h"

#include <filesystem>
#include <utility>

#include "logs/api/operations.h"
#include "logs/log.h"
#include "logs/log_store.h"

namespace stratus::logs {
namespace {

// Owns the log store.
//
// Thread safety: see aws::Service.
class LogsService final : public aws::Service {
 public:
  LogsService(std::unique_ptr<LogStore> store, const aws::ModelRegistry& models)
      : store_(std::move(store)), models_(models) {}

  ~LogsService() override { Stop(); }

  std::string_view name() const override { return "logs"; }

  void RegisterOperations(aws::OperationTable& table) override {
    RegisterLogsOperations(table, models_, *store_);
  }

  Status Start(const aws::OperationTable& /*table*/) override {
    Result<int64_t> purged = store_->PurgeExpired();
    if (!purged.ok()) {
      return purged.status();
    }
    if (*purged > 0) {
      kLogsLog.Info("retention purged events={}", *purged);
    }
    return Status::Ok();
  }

  void Stop() override { store_->Stop(); }

  LogStore& store() { return *store_; }

 private:
  std::unique_ptr<LogStore> store_;
  const aws::ModelRegistry& models_;
};

}  // namespace

Result<OpenedLogs> OpenLogs(const aws::ServiceEnvironment& environment) {
  STRATUS_ASSIGN_OR_RETURN(
      std::unique_ptr<LogStore> store,
      LogStore::Open((std::filesystem::path(environment.data_dir) / "logs.db").string(),
                     /*fsync=*/true, *environment.clock));
  auto service = std::make_unique<LogsService>(std::move(store), *environment.models);
  LogStore* opened = &service->store();
  return OpenedLogs{.service = std::move(service), .store = opened};
}

}  // namespace stratus::logs
