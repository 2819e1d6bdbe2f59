#include "server/service_set.h"

#include <filesystem>
#include <string_view>
#include <utility>
#include <vector>

#include "athena/api/service.h"
#include "aws/dispatcher.h"
#include "aws/service.h"
#include "cloudformation/api/service.h"
#include "glue/api/service.h"
#include "glue/sql_catalog.h"
#include "iam/api/service.h"
#include "iam/iam_store.h"
#include "io/posix_file_system.h"
#include "lake/lake.h"
#include "lambda/api/service.h"
#include "lambda/runtime/log_sink.h"
#include "logs/api/service.h"
#include "logs/log_store.h"
#include "rds/api/service.h"
#include "s3/api/service.h"
#include "server/log.h"
#include "sql/engine/engine.h"
#include "sqs/api/service.h"
#include "states/api/service.h"
#include "sts/api/service.h"

namespace stratus::server {
namespace {

// Lambda's functions write their output to CloudWatch Logs through the
// store's in-process append path.
class LogStoreSink final : public lambda::LogSink {
 public:
  explicit LogStoreSink(logs::LogStore& store) : store_(store) {}

  void Append(const std::string& group,
              const std::string& stream,
              std::vector<lambda::LogLine> lines) override {
    std::vector<logs::InputEvent> events;
    events.reserve(lines.size());
    for (lambda::LogLine& line : lines) {
      events.push_back(logs::InputEvent{.timestamp_millis = line.timestamp_millis,
                                        .message = std::move(line.message)});
    }
    store_.Append(group, stream, std::move(events));
  }

 private:
  logs::LogStore& store_;
};

}  // namespace

struct ServiceSet::Services {
  io::PosixFileSystem files;  // For file:// lake URIs.
  std::unique_ptr<lake::Lake> lake;
  // The SQL engine Athena runs queries on, over Glue's catalog; stopped by
  // Athena's Stop(), destroyed after every service.
  std::unique_ptr<glue::SqlCatalog> sql_catalog;
  std::unique_ptr<sql::Engine> sql;
  // Lambda's way into CloudWatch Logs; destroyed after every service.
  std::unique_ptr<lambda::LogSink> function_logs;
  // IAM's store, for STS and the front door's credential lookup; owned by
  // the IAM service in `list`.
  iam::IamStore* iam = nullptr;
  // Step Functions, for the console's live execution events; owned by its
  // service in `list`.
  states::api::StatesService* states = nullptr;
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
                                                     const aws::ServiceEnvironment& base) {
  aws::ServiceEnvironment environment = base;
  auto services = std::make_unique<Services>();
  // IAM and STS first: CloudFormation creates roles, and the front door
  // looks up the keys they make.
  STRATUS_ASSIGN_OR_RETURN(iam::OpenedIam iam, iam::OpenIam(environment, options.account_id));
  services->iam = iam.store;
  services->list.push_back(std::move(iam.service));
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<aws::Service> sts,
                           sts::OpenSts(environment, *services->iam));
  services->list.push_back(std::move(sts));
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<aws::Service> sqs, sqs::OpenSqs(environment));
  services->list.push_back(std::move(sqs));
  // S3 after SQS: its notifications go to queues.
  STRATUS_ASSIGN_OR_RETURN(s3::api::OpenedS3 s3, s3::api::OpenS3(environment));
  services->list.push_back(std::move(s3.service));
  // The lake, for every engine opened from here on.
  STRATUS_ASSIGN_OR_RETURN(services->lake,
                           lake::Lake::Open(lake::LakeOptions{.local_s3 = s3.lake_store,
                                                              .endpoint = options.lake_endpoint,
                                                              .file_system = &services->files,
                                                              .clock = environment.clock}));
  environment.lake = services->lake.get();
  // RDS after S3: its endpoints run Aurora's S3 statements against the lake.
  STRATUS_ASSIGN_OR_RETURN(
      std::unique_ptr<aws::Service> rds,
      rds::OpenRds(environment, rds::RdsDependencies{.region = options.region,
                                                     .account_id = options.account_id}));
  services->list.push_back(std::move(rds));
  // The Glue Data Catalog, which Athena and `stratus sql` read through.
  STRATUS_ASSIGN_OR_RETURN(glue::OpenedGlue glue, glue::OpenGlue(environment));
  services->list.push_back(std::move(glue.service));
  // Athena: the SQL engine over the Glue catalog and the lake.
  services->sql_catalog = std::make_unique<glue::SqlCatalog>(*glue.engine, options.account_id);
  STRATUS_ASSIGN_OR_RETURN(
      services->sql,
      sql::Engine::Open(sql::EngineOptions{
          .catalog = services->sql_catalog.get(),
          .lake = services->lake.get(),
          .clock = environment.clock,
          .threads = options.sql_threads,
          .memory_limit_bytes = options.sql_memory_limit_bytes,
          .spill_directory =
              (std::filesystem::path(environment.data_dir) / "sql" / "spill").string()}));
  sql::Engine* sql_engine = services->sql.get();
  STRATUS_ASSIGN_OR_RETURN(
      athena::OpenedAthena athena,
      athena::OpenAthena(environment,
                         athena::AthenaDependencies{
                             .catalog = services->sql_catalog.get(),
                             .runner =
                                 [sql_engine](std::string_view text, const sql::Session& session,
                                              sql::ResultSink& sink, sql::QueryControl* control) {
                                   return sql_engine->Execute(text, session, sink, control);
                                 },
                             .on_stop =
                                 [sql_engine] {
                                   sql_engine->Stop();
                                 }}));
  services->list.push_back(std::move(athena.service));
  if (options.lake_endpoint.has_value()) {
    kServerLog.Info("the lake lives at {}", options.lake_endpoint->endpoint);
  }
  // CloudWatch Logs, which Lambda writes its functions' output to.
  STRATUS_ASSIGN_OR_RETURN(logs::OpenedLogs logs, logs::OpenLogs(environment));
  services->list.push_back(std::move(logs.service));
  services->function_logs = std::make_unique<LogStoreSink>(*logs.store);
  // Lambda after Logs (its functions' output) and the lake (code from S3).
  STRATUS_ASSIGN_OR_RETURN(
      lambda::OpenedLambda lambda,
      lambda::OpenLambda(environment,
                         lambda::LambdaDependencies{.logs = services->function_logs.get(),
                                                    .endpoint_url = options.endpoint_url,
                                                    .account_id = options.account_id,
                                                    .region = options.region}));
  services->list.push_back(std::move(lambda.service));
  // Step Functions comes after the services its task integrations call.
  STRATUS_ASSIGN_OR_RETURN(
      states::api::OpenedStates states,
      states::api::OpenStates(environment, states::api::StatesServiceOptions{
                                               .time_scale = options.sfn_time_scale,
                                               .mock_config_path = options.sfn_mock_config}));
  services->states = states.states;
  services->list.push_back(std::move(states.service));
  // CloudFormation last: its resource providers call every service above.
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<aws::Service> cloudformation,
                           cloudformation::OpenCloudFormation(environment));
  services->list.push_back(std::move(cloudformation));
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

std::optional<aws::LookedUpCredential> ServiceSet::FindCredential(
    std::string_view access_key_id) const {
  if (services_->iam == nullptr) {
    return std::nullopt;
  }
  Result<std::optional<iam::Credential>> found = services_->iam->FindCredential(access_key_id);
  if (!found.ok()) {
    kServerLog.Warn("credential lookup failed: {}", found.status().ToString());
    return std::nullopt;
  }
  if (!found->has_value()) {
    return std::nullopt;
  }
  iam::Credential& credential = **found;
  return aws::LookedUpCredential{.secret_access_key = std::move(credential.secret_access_key),
                                 .session_token = std::move(credential.session_token),
                                 .expires_millis = credential.expires_millis,
                                 .active = credential.active};
}

states::api::StatesService* ServiceSet::states() {
  return services_->states;
}

lake::Lake& ServiceSet::lake() {
  return *services_->lake;
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
