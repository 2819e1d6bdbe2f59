#include "sqs/api/service.h"

#include <filesystem>
#include <utility>

#include "sqs/api/operations.h"
#include "sqs/queue_service.h"
#include "storage/database.h"

namespace stratus::sqs {
namespace {

// Owns sqs.db and the queue service on it.
//
// Thread safety: see aws::Service.
class SqsService final : public aws::Service {
 public:
  SqsService(std::unique_ptr<storage::Database> database,
             const aws::ServiceEnvironment& environment)
      : database_(std::move(database)),
        queues_(*database_, *environment.clock, *environment.ids),
        models_(*environment.models) {}

  ~SqsService() override { Stop(); }

  std::string_view name() const override { return "sqs"; }

  void RegisterOperations(aws::OperationTable& table) override {
    RegisterSqsOperations(table, models_, queues_);
  }

  Status Start(const aws::OperationTable& /*table*/) override { return queues_.Start(); }

  void Stop() override {
    if (stopped_) {
      return;
    }
    stopped_ = true;
    queues_.Stop();
    database_->Stop();
  }

 private:
  std::unique_ptr<storage::Database> database_;
  QueueService queues_;
  const aws::ModelRegistry& models_;
  bool stopped_ = false;
};

}  // namespace

Result<std::unique_ptr<aws::Service>> OpenSqs(const aws::ServiceEnvironment& environment) {
  const std::filesystem::path path = std::filesystem::path(environment.data_dir) / "sqs.db";
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<storage::Database> database,
                           storage::Database::Open(path.string()));
  return std::unique_ptr<aws::Service>(
      std::make_unique<SqsService>(std::move(database), environment));
}

}  // namespace stratus::sqs
