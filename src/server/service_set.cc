#include "server/service_set.h"

#include <filesystem>
#include <utility>

#include "aws/operation_table.h"
#include "server/log.h"
#include "sqs/api/operations.h"
#include "sqs/queue_service.h"
#include "storage/database.h"

namespace stratus::server {

// Declaration order is start-up order; Stop() runs backwards.
struct ServiceSet::Services {
  std::unique_ptr<storage::Database> sqs_database;
  std::unique_ptr<sqs::QueueService> sqs;
  bool stopped = false;
};

ServiceSet::ServiceSet(std::unique_ptr<Services> services) : services_(std::move(services)) {}

ServiceSet::~ServiceSet() { Stop(); }

Result<std::unique_ptr<ServiceSet>> ServiceSet::Open(const ServiceSetOptions& options,
                                                     const Clock& clock,
                                                     IdGenerator& ids) {
  auto services = std::make_unique<Services>();
  const std::filesystem::path dir(options.data_dir);
  STRATUS_ASSIGN_OR_RETURN(services->sqs_database,
                           storage::Database::Open((dir / "sqs.db").string()));
  services->sqs = std::make_unique<sqs::QueueService>(*services->sqs_database, clock, ids);
  STRATUS_RETURN_IF_ERROR(services->sqs->Start());
  return std::unique_ptr<ServiceSet>(new ServiceSet(std::move(services)));  // STRATUS_LINT_ALLOW(private constructor)
}

void ServiceSet::RegisterOperations(aws::OperationTable& table) {
  sqs::RegisterSqsOperations(table, *services_->sqs);
}

std::map<std::string, std::string> ServiceSet::States() const {
  return {{"sqs", services_->stopped ? "stopped" : "running"}};
}

void ServiceSet::Stop() {
  if (services_ == nullptr || services_->stopped) {
    return;
  }
  services_->stopped = true;
  services_->sqs->Stop();
  services_->sqs_database->Stop();
}

}  // namespace stratus::server
