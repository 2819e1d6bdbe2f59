#include "server/service_set.h"

#include <utility>
#include <vector>

#include "aws/service.h"
#include "s3/api/service.h"
#include "server/log.h"
#include "sqs/api/service.h"
#include "states/api/service.h"

namespace stratus::server {

struct ServiceSet::Services {
  // In start-up (dependency) order; Stop() runs backwards.
  std::vector<std::unique_ptr<aws::Service>> list;
  bool started = false;
  bool stopped = false;
};

ServiceSet::ServiceSet(std::unique_ptr<Services> services) : services_(std::move(services)) {}

ServiceSet::~ServiceSet() {
  Stop();
}

Result<std::unique_ptr<ServiceSet>> ServiceSet::Open(const ServiceSetOptions& options,
                                                     const aws::ServiceEnvironment& environment) {
  auto services = std::make_unique<Services>();
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<aws::Service> sqs, sqs::OpenSqs(environment));
  services->list.push_back(std::move(sqs));
  // S3 after SQS: its notifications go to queues.
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<aws::Service> s3, s3::api::OpenS3(environment));
  services->list.push_back(std::move(s3));
  // Step Functions comes after the services its task integrations call.
  STRATUS_ASSIGN_OR_RETURN(
      std::unique_ptr<aws::Service> states,
      states::api::OpenStates(environment, states::api::StatesServiceOptions{
                                               .time_scale = options.sfn_time_scale,
                                               .mock_config_path = options.sfn_mock_config}));
  services->list.push_back(std::move(states));
  return std::unique_ptr<ServiceSet>(
      new ServiceSet(std::move(services)));  // STRATUS_LINT_ALLOW(private constructor)
}

Status ServiceSet::Start(aws::OperationTable& table) {
  for (const auto& service : services_->list) {
    service->RegisterOperations(table);
  }
  services_->started = true;
  for (const auto& service : services_->list) {
    if (Status started = service->Start(table); !started.ok()) {
      kServerLog.Error("service {} failed to start: {}", service->name(), started.ToString());
      return started;
    }
  }
  return Status::Ok();
}

std::map<std::string, std::string> ServiceSet::States() const {
  const std::string state = services_->stopped   ? "stopped"
                            : services_->started ? "running"
                                                 : "opened";
  std::map<std::string, std::string> states;
  for (const auto& service : services_->list) {
    states.emplace(service->name(), state);
  }
  return states;
}

void ServiceSet::Stop() {
  if (services_ == nullptr || services_->stopped) {
    return;
  }
  services_->stopped = true;
  for (auto it = services_->list.rbegin(); it != services_->list.rend(); ++it) {
    (*it)->Stop();
  }
}

}  // namespace stratus::server
