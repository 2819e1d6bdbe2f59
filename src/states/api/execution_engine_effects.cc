#include <algorithm>
#include <cmath>

#include "base/format.h"
#include "states/api/execution_engine.h"
#include "states/api/execution_engine_internal.h"
#include "states/api/log.h"
#include "states/integrations/delay_queue.h"
#include "states/integrations/task_runner.h"

namespace stratus::states::api {
namespace {

std::string TimerId(std::string_view execution_arn, int64_t timer_id) {
  return Format("states:{}:{}", execution_arn, timer_id);
}

}  // namespace

void ExecutionEngine::ApplyEffects(const std::shared_ptr<Live>& live,
                                   const std::vector<interpreter::Effect>& effects,
                                   const std::vector<storage::Timer>& armed) {
  for (const storage::Timer& timer : armed) {
    timers_.Arm(timer);
  }
  for (const interpreter::Effect& effect : effects) {
    if (const auto* task = std::get_if<interpreter::RunTask>(&effect)) {
      RunTask(live, *task, /*recovering=*/false);
    } else if (const auto* cancel_task = std::get_if<interpreter::CancelTask>(&effect)) {
      CancelTask(*live, cancel_task->task_id);
    } else if (const auto* start_timer = std::get_if<interpreter::StartTimer>(&effect)) {
      if (!live->durable) {
        StartMemoryTimer(live, *start_timer);
      }
    } else if (const auto* cancel_timer = std::get_if<interpreter::CancelTimer>(&effect)) {
      if (live->durable) {
        timers_.Cancel(TimerId(live->arn, cancel_timer->timer_id), {});
      } else if (auto it = live->memory_timers.find(cancel_timer->timer_id);
                 it != live->memory_timers.end()) {
        delays_.Cancel(it->second);
        live->memory_timers.erase(it);
      }
    }
  }
}

void ExecutionEngine::RunTask(const std::shared_ptr<Live>& live,
                              const interpreter::RunTask& task,
                              bool recovering) {
  auto callbacks = std::make_shared<integrations::TaskCallbacks>();
  const std::weak_ptr<Live> weak = live;
  const int64_t task_id = task.task_id;
  callbacks->submitted = [this, weak, task_id](Json output) {
    Deliver(weak.lock(), Inbound{.event = interpreter::TaskSubmitted{.task_id = task_id,
                                                                     .output = std::move(output)}});
  };
  callbacks->succeeded = [this, weak, task_id](Json output) {
    Deliver(weak.lock(), Inbound{.event = interpreter::TaskSucceeded{.task_id = task_id,
                                                                     .output = std::move(output)}});
  };
  callbacks->failed = [this, weak, task_id](std::string error, std::string cause) {
    Deliver(weak.lock(),
            Inbound{.event = interpreter::TaskFailed{
                        .task_id = task_id, .error = std::move(error), .cause = std::move(cause)}});
  };
  live->task_flags[task_id] = callbacks->cancelled;
  if (task.pattern == interpreter::IntegrationPattern::kWaitForTaskToken &&
      !task.task_token.empty()) {
    std::lock_guard lock(mu_);
    tokens_[task.task_token] = TokenTarget{.live = weak, .task_id = task_id};
    live->task_tokens[task_id] = task.task_token;
    metrics_.num_tokens = tokens_.size();
  }
  if (recovering) {
    auto submitted = live->host.submitted.find(task_id);
    if (submitted != live->host.submitted.end()) {
      if (task.pattern == interpreter::IntegrationPattern::kWaitForTaskToken) {
        return;  // The request went out; wait for SendTask*.
      }
      Json output = submitted->second;
      workers_.Post([this, origin = live->origin, task, output, callbacks] {
        tasks_.Resume(origin, task, output, callbacks);
      });
      return;
    }
  }
  workers_.Post(
      [this, origin = live->origin, task, callbacks] { tasks_.Run(origin, task, callbacks); });
}

void ExecutionEngine::CancelTask(Live& live, int64_t task_id) {
  if (auto flag = live.task_flags.find(task_id); flag != live.task_flags.end()) {
    flag->second->store(true);
    live.task_flags.erase(flag);
  }
  if (auto token = live.task_tokens.find(task_id); token != live.task_tokens.end()) {
    std::lock_guard lock(mu_);
    tokens_.erase(token->second);
    live.task_tokens.erase(token);
    metrics_.num_tokens = tokens_.size();
  }
}

std::chrono::milliseconds ExecutionEngine::RealDelay(const Live& live,
                                                     Clock::TimePoint nominal_due) const {
  const double scale = live.record.options.time_scale.value_or(options_.time_scale);
  const auto nominal =
      std::chrono::duration_cast<std::chrono::milliseconds>(nominal_due - NominalNow(live));
  const double real = std::max(0.0, static_cast<double>(nominal.count()) * scale);
  return std::chrono::milliseconds(static_cast<int64_t>(std::llround(real)));
}

Result<storage::Timer> ExecutionEngine::MakeTimer(const Live& live,
                                                  const interpreter::StartTimer& timer) {
  const Json payload = {{"a", live.arn}, {"t", timer.timer_id}, {"n", ToUnixMillis(timer.due)}};
  return timers_.MakeTimer(std::string(kTimerOwner), TimerId(live.arn, timer.timer_id),
                           clock_.Now() + RealDelay(live, timer.due), DumpJson(payload));
}

void ExecutionEngine::StartMemoryTimer(const std::shared_ptr<Live>& live,
                                       const interpreter::StartTimer& timer) {
  const std::weak_ptr<Live> weak = live;
  const int64_t timer_id = timer.timer_id;
  const int64_t nominal_due = ToUnixMillis(timer.due);
  live->memory_timers[timer_id] =
      delays_.RunAfter(RealDelay(*live, timer.due), [this, weak, timer_id, nominal_due] {
        Deliver(weak.lock(), Inbound{.event = interpreter::TimerFired{.timer_id = timer_id},
                                     .nominal_due_millis = nominal_due});
      });
}

void ExecutionEngine::OnTimerFired(storage::Timer fired) {
  Result<Json> payload = ParseJson(fired.payload);
  if (!payload.ok() || !payload->is_object()) {
    kStatesLog.Error("bad timer payload id={}", fired.id);
    return;
  }
  const std::string arn = payload->value("a", "");
  const int64_t timer_id = payload->value("t", int64_t{0});
  const int64_t nominal_due = payload->value("n", int64_t{0});
  std::shared_ptr<Live> live = FindLive(arn);
  if (live == nullptr) {
    // The execution ended (or was not recovered): drop the row.
    database_.Submit(
        [fired](storage::Transaction& txn) {
          return storage::TimerService::CompleteInTransaction(txn, fired);
        },
        {});
    return;
  }
  Deliver(live, Inbound{.event = interpreter::TimerFired{.timer_id = timer_id},
                        .fired = std::move(fired),
                        .nominal_due_millis = nominal_due});
}

}  // namespace stratus::states::api
