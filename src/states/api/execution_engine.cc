#include "states/api/execution_engine.h"

#include <utility>

#include "base/check.h"
#include "base/format.h"
#include "base/random.h"
#include "states/api/arn.h"
#include "states/api/errors.h"
#include "states/api/execution_engine_internal.h"
#include "states/api/log.h"
#include "states/api/state_machine_catalog.h"
#include "states/integrations/delay_queue.h"
#include "storage/database.h"

namespace stratus::states::api {
namespace {

using interpreter::ExecutionState;
using interpreter::StepResult;

int64_t MillisOf(Clock::TimePoint time) {
  return ToUnixMillis(time);
}

std::string HostOf(const ExecutionOptions& options) {
  return options.host.empty() ? std::string("localhost") : options.host;
}

std::string AccountOf(std::string_view arn) {
  Result<StatesArn> parsed = ParseStatesArn(arn);
  return parsed.ok() ? parsed->account_id : std::string("000000000000");
}

// Returns the `state` column of an execution: none once it SUCCEEDED, as
// nothing resumes or redrives it (and its output is in the row).
std::string StoredStateOf(const ExecutionState& state) {
  return state.status() == ExecutionStatus::kSucceeded ? std::string() : state.Serialize();
}

// Returns the task a task-result event concerns, or -1.
int64_t TaskIdOf(const interpreter::ExecutionEvent& event) {
  if (const auto* succeeded = std::get_if<interpreter::TaskSucceeded>(&event)) {
    return succeeded->task_id;
  }
  if (const auto* failed = std::get_if<interpreter::TaskFailed>(&event)) {
    return failed->task_id;
  }
  return -1;
}

}  // namespace

ExecutionResult ResultOf(const ExecutionRecord& record, const ExecutionState& state) {
  ExecutionResult result{.arn = record.arn,
                         .status = state.status(),
                         .input = state.input(),
                         .output = std::nullopt,
                         .error = std::nullopt,
                         .cause = std::nullopt,
                         .start_millis = record.start_millis,
                         .stop_millis = 0};
  if (state.output() != nullptr) {
    result.output = *state.output();
  }
  if (state.error() != nullptr) {
    result.error = *state.error();
  }
  if (state.cause() != nullptr) {
    result.cause = *state.cause();
  }
  if (state.stop_time().has_value()) {
    result.stop_millis = MillisOf(*state.stop_time());
  }
  return result;
}

ExecutionEngine::ExecutionEngine(storage::Database& database,
                                 storage::TimerService& timers,
                                 const Clock& clock,
                                 IdGenerator& ids,
                                 const interpreter::Interpreter& interpreter,
                                 integrations::TaskRunner& tasks,
                                 integrations::DelayQueue& delays,
                                 StateMachineCatalog& catalog,
                                 EngineOptions options)
    : database_(database),
      timers_(timers),
      clock_(clock),
      ids_(ids),
      interpreter_(interpreter),
      tasks_(tasks),
      delays_(delays),
      catalog_(catalog),
      options_(options),
      workers_(options.num_workers) {}

ExecutionEngine::~ExecutionEngine() {
  std::lock_guard lock(mu_);
  STRATUS_CHECK(!started_ || stopping_, "ExecutionEngine destroyed without Stop()");
}

// ---------------------------------------------------------------------------
// Lifecycle.

Status ExecutionEngine::Recover() {
  timers_.RegisterAsyncHandler(std::string(kTimerOwner),
                               [this](storage::TimerFired fired, const storage::TimerAck& ack) {
                                 OnTimerFired(std::move(fired));
                                 (void)ack;  // The step's transaction deletes the row.
                               });
  std::vector<StoredExecution> running;
  STRATUS_RETURN_IF_ERROR(database_.Read([&running](storage::Transaction& txn) -> Status {
    STRATUS_ASSIGN_OR_RETURN(running, LoadRunningExecutions(txn));
    return Status::Ok();
  }));
  for (StoredExecution& stored : running) {
    Result<std::shared_ptr<const Revision>> revision =
        catalog_.FindRevision(stored.record.revision_id);
    if (!revision.ok() || (*revision)->machine == nullptr) {
      kStatesLog.Error("cannot recover execution arn={} revision={}", stored.record.arn,
                       stored.record.revision_id);
      continue;
    }
    Result<ExecutionState> state = ExecutionState::Deserialize(stored.state, (*revision)->machine);
    if (!state.ok()) {
      kStatesLog.Error("cannot recover execution arn={} error={}", stored.record.arn,
                       state.status().ToString());
      continue;
    }
    auto live = std::make_shared<Live>();
    live->id = stored.record.id;
    live->durable = true;
    live->arn = stored.record.arn;
    live->revision = *revision;
    live->state = std::move(state).value();
    live->host = std::move(stored.host);
    live->origin =
        integrations::TaskOrigin{.execution_arn = stored.record.arn,
                                 .execution_name = stored.record.name,
                                 .state_machine_arn = stored.record.machine_arn,
                                 .state_machine_name = live->state.context().state_machine_name,
                                 .region = live->state.context().region,
                                 .account_id = AccountOf(stored.record.arn),
                                 .role_arn = live->state.context().role_arn,
                                 .test_case = stored.record.options.test_case,
                                 .host = HostOf(stored.record.options)};
    live->record = std::move(stored.record);
    Register(live);
    std::lock_guard lock(mu_);
    // Task tokens answer SendTask* from the start, not only once
    // ResumeRecovered() reached the task on a worker.
    for (const interpreter::Effect& effect : live->state.PendingEffects()) {
      const auto* task = std::get_if<interpreter::RunTask>(&effect);
      if (task != nullptr && !task->task_token.empty()) {
        live->task_tokens[task->task_id] = task->task_token;
        tokens_[task->task_token] = TokenTarget{.live = live, .task_id = task->task_id};
      }
    }
    metrics_.num_tokens = tokens_.size();
    recovered_.push_back(std::move(live));
  }
  kStatesLog.Info("recovered running executions count={}", recovered_.size());
  return Status::Ok();
}

void ExecutionEngine::Start() {
  {
    std::lock_guard lock(mu_);
    STRATUS_CHECK(!started_, "ExecutionEngine started twice");
    started_ = true;
  }
  workers_.Start();
  ResumeRecovered();
}

void ExecutionEngine::ResumeRecovered() {
  std::vector<std::shared_ptr<Live>> recovered;
  {
    std::lock_guard lock(mu_);
    recovered.swap(recovered_);
  }
  for (const std::shared_ptr<Live>& live : recovered) {
    workers_.Post([this, live] {
      for (const interpreter::Effect& effect : live->state.PendingEffects()) {
        if (const auto* task = std::get_if<interpreter::RunTask>(&effect)) {
          RunTask(live, *task, /*recovering=*/true);
        }
      }
    });
  }
}

void ExecutionEngine::Stop() {
  {
    std::lock_guard lock(mu_);
    if (stopping_) {
      return;
    }
    stopping_ = true;
  }
  workers_.Stop();
}

void ExecutionEngine::SetHistoryListener(HistoryListener listener) {
  std::lock_guard lock(listener_mu_);
  listener_ = std::move(listener);
}

// ---------------------------------------------------------------------------
// Registration.

void ExecutionEngine::Register(const std::shared_ptr<Live>& live) {
  std::lock_guard lock(mu_);
  live_[live->arn] = live;
  metrics_.num_live = live_.size();
}

void ExecutionEngine::Unregister(const Live& live) {
  std::lock_guard lock(mu_);
  auto it = live_.find(live.arn);
  if (it != live_.end() && it->second.get() == &live) {
    live_.erase(it);
  }
  for (const auto& [task_id, token] : live.task_tokens) {
    tokens_.erase(token);
  }
  metrics_.num_live = live_.size();
  metrics_.num_tokens = tokens_.size();
  ++metrics_.num_finished;
}

std::shared_ptr<ExecutionEngine::Live> ExecutionEngine::FindLive(std::string_view arn) const {
  std::lock_guard lock(mu_);
  auto it = live_.find(std::string(arn));
  return it == live_.end() ? nullptr : it->second;
}

bool ExecutionEngine::IsLive(std::string_view arn) const {
  return FindLive(arn) != nullptr;
}

EngineMetrics ExecutionEngine::metrics() const {
  std::lock_guard lock(mu_);
  return metrics_;
}

Clock::TimePoint ExecutionEngine::NominalNow(const Live& live) const {
  return clock_.Now() + std::chrono::milliseconds(live.host.clock_skew_millis);
}

// ---------------------------------------------------------------------------
// Starting.

void ExecutionEngine::StartStandard(StartRequest request,
                                    std::function<void(Result<StartOutcome>)> done) {
  const Clock::TimePoint now = clock_.Now();
  request.context.start_time = now;
  request.context.type = interpreter::ExecutionType::kStandard;
  Result<interpreter::Started> started =
      interpreter_.Start(request.revision->machine, request.input, request.context, now);
  if (!started.ok()) {
    done(StatesApiError::InvalidExecutionInput(started.status().message()));
    return;
  }
  auto live = std::make_shared<Live>();
  live->durable = true;
  live->arn = request.context.execution_arn;
  live->revision = request.revision;
  live->observer = std::move(request.observer);
  live->state = std::move(started->state);
  live->scheduled = true;  // The start commit owns the strand.
  live->origin = integrations::TaskOrigin{.execution_arn = live->arn,
                                          .execution_name = request.context.execution_name,
                                          .state_machine_arn = request.context.state_machine_arn,
                                          .state_machine_name = request.context.state_machine_name,
                                          .region = request.context.region,
                                          .account_id = request.account_id,
                                          .role_arn = request.context.role_arn,
                                          .test_case = request.options.test_case,
                                          .host = HostOf(request.options)};
  live->record =
      ExecutionRecord{.id = 0,
                      .arn = live->arn,
                      .machine_arn = request.context.state_machine_arn,
                      .version_arn = request.context.state_machine_version_arn.value_or(""),
                      .alias_arn = request.context.state_machine_alias_arn.value_or(""),
                      .revision_id = request.revision->id,
                      .name = request.context.execution_name,
                      .status = live->state.status(),
                      .input = request.input,
                      .start_millis = MillisOf(now),
                      .trace_header = request.trace_header,
                      .options = request.options};
  // AWS: a RUNNING execution with this name answers an identical request.
  {
    std::unique_lock lock(mu_);
    auto it = live_.find(live->arn);
    if (it != live_.end()) {
      std::shared_ptr<Live> existing = it->second;
      lock.unlock();
      if (existing->record.input != request.input) {
        done(StatesApiError::ExecutionAlreadyExists(live->arn));
        return;
      }
      std::unique_lock existing_lock(existing->mu);
      if (existing->id == 0) {
        existing->start_waiters.push_back(std::move(done));
        return;
      }
      existing_lock.unlock();
      done(StartOutcome{.arn = existing->arn, .start_millis = existing->record.start_millis});
      return;
    }
    live_[live->arn] = live;
    metrics_.num_live = live_.size();
    ++metrics_.num_started;
  }
  auto batch = std::make_shared<Batch>();
  batch->events = std::move(started->step.events);
  batch->effects = std::move(started->step.effects);
  batch->map_runs.Merge(std::move(started->step.map_runs),
                        std::move(started->step.child_executions));
  batch->terminal = interpreter::IsTerminal(started->step.status);
  for (const interpreter::Effect& effect : batch->effects) {
    if (const auto* timer = std::get_if<interpreter::StartTimer>(&effect)) {
      Result<storage::Timer> made = MakeTimer(*live, *timer);
      if (made.ok()) {
        batch->new_timers.push_back(std::move(made).value());
      }
    }
  }
  batch->rows = ToHistoryRows(batch->events);
  StoredExecution stored{.record = live->record,
                         .state = StoredStateOf(live->state),
                         .host = live->host,
                         .next_event_id = live->state.next_event_id()};
  if (batch->terminal) {
    const ExecutionResult result = ResultOf(live->record, live->state);
    stored.record.output = result.output;
    stored.record.error = result.error;
    stored.record.cause = result.cause;
    stored.record.stop_millis = result.stop_millis;
  }
  auto existing = std::make_shared<std::optional<ExecutionRecord>>();
  database_.Submit(
      [live, batch, existing, stored = std::move(stored)](storage::Transaction& txn) -> Status {
        STRATUS_ASSIGN_OR_RETURN(*existing, FindExecution(txn, stored.record.arn));
        if (existing->has_value()) {
          return Status::AlreadyExists("execution exists");
        }
        STRATUS_ASSIGN_OR_RETURN(live->id, InsertExecution(txn, stored));
        STRATUS_RETURN_IF_ERROR(AppendHistory(txn, live->id, batch->rows));
        STRATUS_RETURN_IF_ERROR(batch->map_runs.Write(txn, stored.record.revision_id));
        for (const storage::Timer& timer : batch->new_timers) {
          STRATUS_RETURN_IF_ERROR(storage::TimerService::WriteInTransaction(txn, timer));
        }
        return Status::Ok();
      },
      [this, live, batch, existing, input = request.input,
       done = std::move(done)](const Status& status) {
        std::vector<std::function<void(Result<StartOutcome>)>> waiters;
        {
          std::lock_guard lock(live->mu);
          waiters.swap(live->start_waiters);
          if (!status.ok()) {
            live->finished = true;
          }
        }
        if (!status.ok()) {
          Unregister(*live);
          Result<StartOutcome> answer = StatesApiError::FromEngine(status);
          if (existing->has_value()) {
            const ExecutionRecord& found = **existing;
            answer = (found.status == ExecutionStatus::kRunning && found.input == input)
                         ? Result<StartOutcome>(
                               StartOutcome{.arn = found.arn, .start_millis = found.start_millis})
                         : Result<StartOutcome>(StatesApiError::ExecutionAlreadyExists(found.arn));
          }
          done(answer);
          for (auto& waiter : waiters) {
            waiter(answer);
          }
          return;
        }
        // Effects and, for an execution that already ended, unregistration
        // first: a repeated StartExecution must then see the committed row.
        AfterCommit(live, batch, Status::Ok());
        const StartOutcome outcome{.arn = live->arn, .start_millis = live->record.start_millis};
        done(outcome);
        for (auto& waiter : waiters) {
          waiter(outcome);
        }
      });
}

StartOutcome ExecutionEngine::StartExpress(StartRequest request,
                                           std::function<void(ExecutionResult)> done) {
  const Clock::TimePoint now = clock_.Now();
  request.context.start_time = now;
  request.context.type = interpreter::ExecutionType::kExpress;
  ExecutionRecord record{.arn = request.context.execution_arn,
                         .machine_arn = request.context.state_machine_arn,
                         .name = request.context.execution_name,
                         .input = request.input,
                         .start_millis = MillisOf(now),
                         .options = request.options};
  const StartOutcome outcome{.arn = record.arn, .start_millis = record.start_millis};
  Result<interpreter::Started> started =
      interpreter_.Start(request.revision->machine, request.input, request.context, now);
  if (!started.ok()) {
    if (done) {
      done(ExecutionResult{.arn = record.arn,
                           .status = ExecutionStatus::kFailed,
                           .input = request.input,
                           .error = std::string("States.Runtime"),
                           .cause = started.status().message(),
                           .start_millis = record.start_millis,
                           .stop_millis = record.start_millis});
    }
    return outcome;
  }
  if (request.observer) {
    request.observer(started->step.events);
  }
  if (interpreter::IsTerminal(started->step.status)) {
    // The common case (Pass/Choice machines): no strand, no thread hop.
    if (done) {
      done(ResultOf(record, started->state));
    }
    return outcome;
  }
  auto live = std::make_shared<Live>();
  live->durable = false;
  live->arn = record.arn;
  live->revision = request.revision;
  live->observer = std::move(request.observer);
  live->on_end = std::move(done);
  live->state = std::move(started->state);
  live->scheduled = true;
  live->origin = integrations::TaskOrigin{.execution_arn = live->arn,
                                          .execution_name = request.context.execution_name,
                                          .state_machine_arn = request.context.state_machine_arn,
                                          .state_machine_name = request.context.state_machine_name,
                                          .region = request.context.region,
                                          .account_id = request.account_id,
                                          .role_arn = request.context.role_arn,
                                          .test_case = request.options.test_case,
                                          .host = HostOf(request.options)};
  live->record = std::move(record);
  Register(live);
  auto batch = std::make_shared<Batch>();
  batch->effects = std::move(started->step.effects);
  AfterCommit(live, batch, Status::Ok());
  return outcome;
}

// ---------------------------------------------------------------------------
// Strands.

void ExecutionEngine::Deliver(const std::shared_ptr<Live>& live, Inbound inbound) {
  if (live == nullptr) {
    if (inbound.done) {
      inbound.done(
          StatesApiError::TaskTimedOut("Task Timed Out: 'Provided task does not exist anymore'"));
    }
    return;
  }
  bool queued = false;
  bool post = false;
  {
    std::lock_guard lock(live->mu);
    if (!live->finished) {
      live->inbox.push_back(std::move(inbound));
      queued = true;
      post = !live->scheduled;
      live->scheduled = true;
    }
  }
  if (!queued) {
    if (inbound.done) {
      inbound.done(Status::FailedPrecondition("the execution has ended"));
    }
    return;
  }
  if (!post) {
    return;  // The strand's owner drains it.
  }
  workers_.Post([this, live] { Drain(live); });
}

void ExecutionEngine::Drain(const std::shared_ptr<Live>& live) {
  std::vector<Inbound> inbox;
  {
    std::lock_guard lock(live->mu);
    while (!live->inbox.empty() && inbox.size() < options_.max_events_per_batch) {
      inbox.push_back(std::move(live->inbox.front()));
      live->inbox.pop_front();
    }
    if (inbox.empty()) {
      live->scheduled = false;
      return;
    }
  }
  RunBatch(live, std::move(inbox));
}

void ExecutionEngine::RunBatch(const std::shared_ptr<Live>& live, std::vector<Inbound> inbox) {
  auto batch = std::make_shared<Batch>();
  for (Inbound& in : inbox) {
    if (in.fired.has_value()) {
      batch->fired.push_back(*in.fired);
    }
    if (in.nominal_due_millis != 0) {
      const int64_t skew = in.nominal_due_millis - clock_.NowMillis();
      live->host.clock_skew_millis = std::max(live->host.clock_skew_millis, skew);
    }
    const bool redrive = std::holds_alternative<interpreter::RedriveExecution>(in.event);
    const Clock::TimePoint now = NominalNow(*live);
    Result<StepResult> step = interpreter_.Advance(live->state, in.event, now);
    if (!step.ok()) {
      if (in.done) {
        batch->replies.emplace_back(std::move(in.done), step.status());
      }
      continue;
    }
    if (const auto* submitted = std::get_if<interpreter::TaskSubmitted>(&in.event)) {
      live->host.submitted[submitted->task_id] = submitted->output;
    }
    if (const int64_t task_id = TaskIdOf(in.event); task_id >= 0) {
      live->host.submitted.erase(task_id);
      live->task_flags.erase(task_id);
      if (auto token = live->task_tokens.find(task_id); token != live->task_tokens.end()) {
        std::lock_guard lock(mu_);
        tokens_.erase(token->second);
        live->task_tokens.erase(token);
      }
    }
    if (redrive) {
      live->record.redrive_count = live->state.redrive_count();
      live->record.redrive_millis = MillisOf(now);
    }
    const bool map_runs_changed = !step->map_runs.empty() || !step->child_executions.empty();
    batch->changed = batch->changed || !step->events.empty() || redrive || map_runs_changed;
    if (map_runs_changed && live->durable) {
      batch->map_runs.Merge(std::move(step->map_runs), std::move(step->child_executions));
    }
    std::move(step->events.begin(), step->events.end(), std::back_inserter(batch->events));
    std::move(step->effects.begin(), step->effects.end(), std::back_inserter(batch->effects));
    batch->terminal = interpreter::IsTerminal(step->status);
    if (in.done) {
      batch->replies.emplace_back(std::move(in.done), Status::Ok());
    }
  }
  {
    std::lock_guard lock(mu_);
    ++metrics_.num_steps;
  }
  if (!live->durable) {
    AfterCommit(live, batch, Status::Ok());
    return;
  }
  Commit(live, batch);
}

void ExecutionEngine::Commit(const std::shared_ptr<Live>& live, std::shared_ptr<Batch> batch) {
  for (const interpreter::Effect& effect : batch->effects) {
    if (const auto* timer = std::get_if<interpreter::StartTimer>(&effect)) {
      Result<storage::Timer> made = MakeTimer(*live, *timer);
      if (made.ok()) {
        batch->new_timers.push_back(std::move(made).value());
      }
    } else if (const auto* cancelled = std::get_if<interpreter::CancelTask>(&effect)) {
      live->host.submitted.erase(cancelled->task_id);
    }
  }
  if (batch->changed) {
    const ExecutionResult result = ResultOf(live->record, live->state);
    batch->update = ExecutionUpdate{.id = live->id,
                                    .status = live->state.status(),
                                    .output = result.output,
                                    .error = result.error,
                                    .cause = result.cause,
                                    .stop_millis = result.stop_millis,
                                    .redrive_count = live->record.redrive_count,
                                    .redrive_millis = live->record.redrive_millis,
                                    .next_event_id = live->state.next_event_id(),
                                    .state = StoredStateOf(live->state),
                                    .host = live->host};
    batch->rows = ToHistoryRows(batch->events);
  }
  database_.Submit(
      [batch, revision_id = live->record.revision_id](storage::Transaction& txn) -> Status {
        if (batch->changed) {
          STRATUS_RETURN_IF_ERROR(AppendHistory(txn, batch->update.id, batch->rows));
          STRATUS_RETURN_IF_ERROR(UpdateExecution(txn, batch->update));
          STRATUS_RETURN_IF_ERROR(batch->map_runs.Write(txn, revision_id));
        }
        for (const storage::Timer& timer : batch->new_timers) {
          STRATUS_RETURN_IF_ERROR(storage::TimerService::WriteInTransaction(txn, timer));
        }
        for (const storage::Timer& fired : batch->fired) {
          STRATUS_RETURN_IF_ERROR(storage::TimerService::CompleteInTransaction(txn, fired));
        }
        return Status::Ok();
      },
      [this, live, batch](const Status& status) { AfterCommit(live, batch, status); });
}

void ExecutionEngine::AfterCommit(const std::shared_ptr<Live>& live,
                                  const std::shared_ptr<Batch>& batch,
                                  const Status& status) {
  if (!status.ok()) {
    // The step is not stored: memory is ahead of the database. Drop the
    // execution from memory; a restart resumes it from the last commit.
    kStatesLog.Error("execution step not committed arn={} error={}", live->arn, status.ToString());
    for (auto& [reply, ignored] : batch->replies) {
      reply(status);
    }
    {
      std::lock_guard lock(live->mu);
      live->finished = true;
    }
    Unregister(*live);
    return;
  }
  ApplyEffects(live, batch->effects, batch->new_timers);
  if (live->observer && !batch->events.empty()) {
    live->observer(batch->events);
  }
  if (live->durable && !batch->events.empty()) {
    std::lock_guard lock(listener_mu_);
    if (listener_) {
      listener_(live->arn);
    }
  }
  if (interpreter::IsTerminal(live->state.status())) {
    // Unregister before answering: a caller that saw its StopExecution
    // acknowledged may redrive at once.
    std::deque<Inbound> dropped;
    {
      std::lock_guard lock(live->mu);
      live->finished = true;
      dropped.swap(live->inbox);
    }
    for (auto& [task_id, flag] : live->task_flags) {
      flag->store(true);
    }
    for (const auto& [timer_id, delay_id] : live->memory_timers) {
      delays_.Cancel(delay_id);
    }
    Unregister(*live);
    for (auto& [reply, reply_status] : batch->replies) {
      reply(reply_status);
    }
    for (Inbound& in : dropped) {
      if (in.done) {
        in.done(Status::FailedPrecondition("the execution has ended"));
      }
    }
    if (live->on_end) {
      live->on_end(ResultOf(live->record, live->state));
    }
    return;
  }
  for (auto& [reply, reply_status] : batch->replies) {
    reply(reply_status);
  }
  bool post = false;
  {
    std::lock_guard lock(live->mu);
    post = !live->inbox.empty();
    live->scheduled = post;
  }
  if (post) {
    workers_.Post([this, live] { Drain(live); });
  }
}

// ---------------------------------------------------------------------------
// Requests addressed to an execution.

void ExecutionEngine::StopExecution(std::string arn,
                                    std::string error,
                                    std::string cause,
                                    std::function<void(Result<int64_t>)> done) {
  if (std::shared_ptr<Live> live = FindLive(arn); live != nullptr) {
    Deliver(live, Inbound{.event = interpreter::StopExecution{.error = std::move(error),
                                                              .cause = std::move(cause)},
                          .done = [this, done](const Status& status) {
                            if (status.ok() || status.code() == StatusCode::kFailedPrecondition) {
                              done(clock_.NowMillis());
                            } else {
                              done(status);
                            }
                          }});
    return;
  }
  std::optional<ExecutionRecord> found;
  Status read = database_.Read([&](storage::Transaction& txn) -> Status {
    STRATUS_ASSIGN_OR_RETURN(found, FindExecution(txn, arn));
    return Status::Ok();
  });
  if (!read.ok()) {
    done(read);
  } else if (!found.has_value()) {
    done(StatesApiError::ExecutionDoesNotExist(arn));
  } else if (!found->map_run_arn.empty() && found->status == ExecutionStatus::kRunning) {
    // TODO(#3): AWS stops one child execution of a Map Run; here its parent
    // runs it, and stopping a single child is not supported yet.
    done(StatesApiError::Validation(
        Format("Execution {} is a child execution of Map Run {}: stratus stops it only with "
               "its parent execution",
               arn, found->map_run_arn)));
  } else {
    // AWS: stopping an execution that already ended answers with its stop date.
    done(found->stop_millis > 0 ? found->stop_millis : clock_.NowMillis());
  }
}

void ExecutionEngine::UpdateMapRun(std::string execution_arn,
                                   interpreter::UpdateMapRun update,
                                   std::function<void(Status)> done) {
  std::shared_ptr<Live> live = FindLive(execution_arn);
  if (live == nullptr) {
    done(Status::NotFound(Format("Map Run {} is not running", update.map_run_arn)));
    return;
  }
  Deliver(live, Inbound{.event = std::move(update), .done = std::move(done)});
}

void ExecutionEngine::Redrive(std::string arn, std::function<void(Result<int64_t>)> done) {
  if (IsLive(arn)) {
    done(StatesApiError::ExecutionNotRedrivable("Execution is RUNNING and cannot be redriven"));
    return;
  }
  std::optional<StoredExecution> stored;
  Status read = database_.Read([&](storage::Transaction& txn) -> Status {
    STRATUS_ASSIGN_OR_RETURN(stored, LoadExecution(txn, arn));
    return Status::Ok();
  });
  if (!read.ok()) {
    done(read);
    return;
  }
  if (!stored.has_value()) {
    done(StatesApiError::ExecutionDoesNotExist(arn));
    return;
  }
  if (!stored->record.map_run_arn.empty()) {
    // The parent execution runs its Map Run's children: redriving it
    // redrives them.
    done(StatesApiError::ExecutionNotRedrivable(
        Format("Execution is a child execution of Map Run {}: redrive its parent execution",
               stored->record.map_run_arn)));
    return;
  }
  if (stored->record.status == ExecutionStatus::kSucceeded ||
      stored->record.status == ExecutionStatus::kRunning) {
    done(StatesApiError::ExecutionNotRedrivable(
        Format("Execution is {} and cannot be redriven",
               interpreter::ExecutionStatusName(stored->record.status))));
    return;
  }
  Result<std::shared_ptr<const Revision>> revision =
      catalog_.FindRevision(stored->record.revision_id);
  if (!revision.ok()) {
    done(revision.status());
    return;
  }
  Result<ExecutionState> state = ExecutionState::Deserialize(stored->state, (*revision)->machine);
  if (!state.ok()) {
    done(state.status());
    return;
  }
  auto live = std::make_shared<Live>();
  live->id = stored->record.id;
  live->durable = true;
  live->arn = stored->record.arn;
  live->revision = *revision;
  live->state = std::move(state).value();
  live->host = std::move(stored->host);
  live->origin =
      integrations::TaskOrigin{.execution_arn = live->arn,
                               .execution_name = stored->record.name,
                               .state_machine_arn = stored->record.machine_arn,
                               .state_machine_name = live->state.context().state_machine_name,
                               .region = live->state.context().region,
                               .account_id = AccountOf(live->arn),
                               .role_arn = live->state.context().role_arn,
                               .test_case = stored->record.options.test_case,
                               .host = HostOf(stored->record.options)};
  live->record = std::move(stored->record);
  {
    std::lock_guard lock(mu_);
    if (live_.contains(live->arn)) {
      done(StatesApiError::ExecutionNotRedrivable("Execution is RUNNING and cannot be redriven"));
      return;
    }
    live_[live->arn] = live;
    metrics_.num_live = live_.size();
  }
  Deliver(live, Inbound{.event = interpreter::RedriveExecution{},
                        .done = [this, live, done](const Status& status) {
                          if (status.ok()) {
                            done(live->record.redrive_millis);
                          } else {
                            done(StatesApiError::ExecutionNotRedrivable(status.message()));
                          }
                        }});
}

void ExecutionEngine::SendTaskSuccess(std::string_view token,
                                      Json output,
                                      std::function<void(Status)> done) {
  DeliverToken(token, interpreter::TaskSucceeded{.task_id = 0, .output = std::move(output)},
               std::move(done));
}

void ExecutionEngine::SendTaskFailure(std::string_view token,
                                      std::string error,
                                      std::string cause,
                                      std::function<void(Status)> done) {
  DeliverToken(
      token,
      interpreter::TaskFailed{.task_id = 0, .error = std::move(error), .cause = std::move(cause)},
      std::move(done));
}

void ExecutionEngine::SendTaskHeartbeat(std::string_view token, std::function<void(Status)> done) {
  DeliverToken(token, interpreter::TaskHeartbeat{.task_id = 0}, std::move(done));
}

void ExecutionEngine::DeliverToken(std::string_view token,
                                   interpreter::ExecutionEvent event,
                                   std::function<void(Status)> done) {
  TokenTarget target;
  {
    std::lock_guard lock(mu_);
    auto it = tokens_.find(std::string(token));
    if (it == tokens_.end()) {
      done(StatesApiError::InvalidToken("Invalid token"));
      return;
    }
    target = it->second;
  }
  std::visit(
      [&target](auto& typed) {
        if constexpr (requires { typed.task_id; }) {
          typed.task_id = target.task_id;
        }
      },
      event);
  Deliver(target.live.lock(), Inbound{.event = std::move(event), .done = std::move(done)});
}

}  // namespace stratus::states::api
