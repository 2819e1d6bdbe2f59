#include "server/service_set.h"

#include <filesystem>
#include <utility>

#include "aws/operation_table.h"
#include "server/log.h"
#include "sqs/api/operations.h"
#include "sqs/queue_service.h"
#include "states/api/states_service.h"
#include "storage/database.h"

namespace stratus::server {

// Declaration order is start-up order; Stop() runs backwards.
struct ServiceSet::Services {
  std::unique_ptr<storage::Database> sqs_database;
  std::unique_ptr<sqs::QueueService> sqs;
  std::unique_ptr<states::api::StatesService> states;
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
  STRATUS_ASSIGN_OR_RETURN(
      services->states,
      states::api::OpenStatesService(
          states::api::StatesServiceOptions{.data_dir = options.data_dir,
                                            .time_scale = options.sfn_time_scale,
                                            .mock_config_path = options.sfn_mock_config},
          clock, ids));
  return std::unique_ptr<ServiceSet>(new ServiceSet(std::move(services)));  // STRATUS_LINT_ALLOW(private constructor)
}

void ServiceSet::RegisterOperations(aws::OperationTable& table) {
  sqs::RegisterSqsOperations(table, *services_->sqs);
  // Last: it binds the finished table for task integrations and starts executions.
  states::api::RegisterStatesOperations(table, *services_->states);
}

std::map<std::string, std::string> ServiceSet::States() const {
  const std::string state = services_->stopped ? "stopped" : "running";
  return {{"sqs", state}, {"states", state}};
}

void ServiceSet::Stop() {
  if (services_ == nullptr || services_->stopped) {
    return;
  }
  services_->stopped = true;
  services_->states->Stop();
  services_->sqs->Stop();
  services_->sqs_database->Stop();
}

}  // namespace stratus::server
