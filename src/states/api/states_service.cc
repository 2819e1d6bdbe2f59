#include "states/api/states_service.h"

#include <filesystem>
#include <utility>

#include "aws/model/model_registry.h"
#include "base/clock.h"
#include "base/format.h"
#include "base/random.h"
#include "states/api/activity_broker.h"
#include "states/api/activity_registry.h"
#include "states/api/errors.h"
#include "states/api/execution_engine.h"
#include "states/api/issued_tokens.h"
#include "states/api/log.h"
#include "states/api/state_machine_catalog.h"
#include "states/api/states_schema.h"
#include "states/asl/definition_parser.h"
#include "states/asl/jsonata_evaluator.h"
#include "states/integrations/delay_queue.h"
#include "states/integrations/integration_dispatcher.h"
#include "states/integrations/map_run_storage.h"
#include "states/integrations/mock_config.h"
#include "states/interpreter/interpreter.h"
#include "states/interpreter/jsonata_adapter.h"
#include "storage/database.h"
#include "storage/timer_service.h"

namespace stratus::states::api {
// Declaration order is construction order; destruction runs backwards.
struct StatesService::Parts {
  StatesServiceOptions options;
  const Clock* clock = nullptr;
  IdGenerator* ids = nullptr;
  std::unique_ptr<aws::ModelRegistry> own_models;
  const aws::ModelRegistry* models = nullptr;
  std::unique_ptr<storage::Database> database;
  std::unique_ptr<asl::JsonataEvaluator> jsonata;
  std::unique_ptr<interpreter::Interpreter> interpreter;
  std::unique_ptr<StateMachineCatalog> catalog;
  std::unique_ptr<ActivityRegistry> activities;
  std::unique_ptr<storage::TimerService> timers;
  std::unique_ptr<integrations::DelayQueue> delays;
  std::unique_ptr<integrations::IntegrationDispatcher> dispatcher;
  std::unique_ptr<integrations::MapRunStorage> map_storage;  // Null without a lake.
  std::shared_ptr<const integrations::MockConfig> mocks;
  std::unique_ptr<integrations::MockingTaskRunner> mocking;
  std::unique_ptr<ActivityBroker> broker;
  std::unique_ptr<IssuedTokens> issued_tokens;
  std::unique_ptr<ExecutionEngine> engine;
  bool started = false;
  bool stopped = false;
};

StatesService::StatesService(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}

StatesService::~StatesService() {
  Stop();
}

Result<std::unique_ptr<StatesService>> StatesService::Open(const StatesServiceOptions& options,
                                                           const Clock& clock,
                                                           IdGenerator& ids) {
  auto parts = std::make_unique<Parts>();
  parts->options = options;
  parts->clock = &clock;
  parts->ids = &ids;
  const std::string path = options.data_dir.empty()
                               ? std::string(":memory:")
                               : (std::filesystem::path(options.data_dir) / "states.db").string();
  STRATUS_ASSIGN_OR_RETURN(
      parts->database,
      storage::Database::Open(path, storage::DatabaseOptions{.fsync = options.fsync}));
  STRATUS_RETURN_IF_ERROR(parts->database->Migrate(StatesMigrations()));
  parts->jsonata = interpreter::MakeJsonataEvaluator(ids);
  parts->interpreter = std::make_unique<interpreter::Interpreter>(
      interpreter::InterpreterOptions{.jsonata = parts->jsonata.get(), .ids = &ids});
  if (!options.mock_config_path.empty()) {
    STRATUS_ASSIGN_OR_RETURN(integrations::MockConfig mocks,
                             integrations::MockConfig::Load(options.mock_config_path));
    parts->mocks = std::make_shared<const integrations::MockConfig>(std::move(mocks));
  }
  auto service = std::unique_ptr<StatesService>(
      new StatesService(std::move(parts)));  // STRATUS_LINT_ALLOW(private constructor)
  Parts& p = *service->parts_;
  const StatesService* self = service.get();
  p.catalog = std::make_unique<StateMachineCatalog>(
      *p.database, clock, ids, [self](std::string_view definition, StateMachineType type) {
        return self->ParseDefinition(definition, type);
      });
  STRATUS_RETURN_IF_ERROR(p.catalog->Load());
  p.activities = std::make_unique<ActivityRegistry>(*p.database, clock);
  STRATUS_RETURN_IF_ERROR(p.activities->Load());
  p.timers = std::make_unique<storage::TimerService>(*p.database, clock);
  p.delays = std::make_unique<integrations::DelayQueue>();
  const aws::ModelRegistry* models = options.models;
  if (models == nullptr) {
    p.own_models = std::make_unique<aws::ModelRegistry>();
    models = p.own_models.get();
  }
  p.models = models;
  p.dispatcher = std::make_unique<integrations::IntegrationDispatcher>(
      *models, *p.delays, ids, clock,
      integrations::DispatcherOptions{.poll_interval = options.sync_poll_interval,
                                      .standalone = options.standalone});
  if (options.lake != nullptr) {
    p.map_storage = std::make_unique<integrations::MapRunStorage>(*options.lake, ids);
    p.dispatcher->set_map_storage(p.map_storage.get());
  }
  integrations::TaskRunner* runner = p.dispatcher.get();
  if (p.mocks != nullptr) {
    p.mocking = std::make_unique<integrations::MockingTaskRunner>(p.mocks, *p.dispatcher);
    runner = p.mocking.get();
  }
  p.broker = std::make_unique<ActivityBroker>(
      *p.activities, *p.delays,
      ActivityBrokerOptions{.poll_timeout = options.activity_poll_timeout});
  if (!options.standalone) {
    p.dispatcher->set_activities(p.broker.get());
  }
  p.issued_tokens = std::make_unique<IssuedTokens>(*p.database, clock, *runner);
  runner = p.issued_tokens.get();
  p.engine = std::make_unique<ExecutionEngine>(
      *p.database, *p.timers, clock, ids, *p.interpreter, *runner, *p.delays, *p.catalog,
      EngineOptions{.time_scale = options.time_scale, .num_workers = options.num_workers});
  STRATUS_RETURN_IF_ERROR(p.engine->Recover());
  STRATUS_RETURN_IF_ERROR(p.timers->Load());
  return service;
}

void StatesService::BindOperations(const aws::OperationTable& operations) {
  parts_->dispatcher->set_operations(&operations);
}

void StatesService::Start() {
  if (parts_->started) {
    return;
  }
  parts_->started = true;
  parts_->delays->Start();
  if (parts_->map_storage != nullptr) {
    parts_->map_storage->Start();
  }
  parts_->engine->Start();
  parts_->timers->Start();
}

void StatesService::Stop() {
  if (parts_ == nullptr || parts_->stopped) {
    return;
  }
  parts_->stopped = true;
  parts_->timers->Stop();
  if (parts_->started) {
    parts_->engine->Stop();
  }
  parts_->broker->Stop();
  if (parts_->started && parts_->map_storage != nullptr) {
    // After the engine: a Map's S3 work it queued ends (its outcome is
    // dropped; a restart runs the task again).
    parts_->map_storage->Stop();
  }
  parts_->delays->Stop();
  parts_->database->Stop();
}

StateMachineCatalog& StatesService::catalog() {
  return *parts_->catalog;
}

ActivityRegistry& StatesService::activities() {
  return *parts_->activities;
}

ActivityBroker& StatesService::activity_broker() {
  return *parts_->broker;
}

const IssuedTokens& StatesService::issued_tokens() const {
  return *parts_->issued_tokens;
}

ExecutionEngine& StatesService::engine() {
  return *parts_->engine;
}

storage::Database& StatesService::database() {
  return *parts_->database;
}

const Clock& StatesService::clock() const {
  return *parts_->clock;
}

IdGenerator& StatesService::ids() {
  return *parts_->ids;
}

const StatesServiceOptions& StatesService::options() const {
  return parts_->options;
}

const integrations::MockConfig* StatesService::mocks() const {
  return parts_->mocks.get();
}

const interpreter::Interpreter& StatesService::interpreter() const {
  return *parts_->interpreter;
}

const aws::ModelRegistry& StatesService::models() const {
  return *parts_->models;
}

const asl::JsonataEvaluator& StatesService::jsonata() const {
  return *parts_->jsonata;
}

Result<std::shared_ptr<const asl::StateMachine>> StatesService::ParseDefinition(
    std::string_view definition, StateMachineType type) const {
  Result<std::shared_ptr<const asl::StateMachine>> parsed = asl::ParseDefinition(
      definition, asl::ParseOptions{.intrinsics = nullptr,
                                    .jsonata = parts_->jsonata.get(),
                                    .kind = type == StateMachineType::kExpress
                                                ? asl::StateMachineKind::kExpress
                                                : asl::StateMachineKind::kStandard});
  if (!parsed.ok()) {
    return StatesApiError::InvalidDefinition(parsed.status().message());
  }
  return parsed;
}

Result<std::unique_ptr<StatesService>> OpenStatesService(const StatesServiceOptions& options,
                                                         const Clock& clock,
                                                         IdGenerator& ids) {
  return StatesService::Open(options, clock, ids);
}

}  // namespace stratus::states::api
