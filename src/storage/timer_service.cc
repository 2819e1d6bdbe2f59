#include "storage/timer_service.h"

#include <algorithm>
#include <chrono>
#include <tuple>
#include <utility>

#include <pthread.h>

#include "base/check.h"
#include "base/format.h"
#include "storage/log.h"

namespace stratus::storage {
namespace {

// Do not change: the table's layout is versioned by its name (see
// docs/formats/storage.md); a new layout gets a new table.
constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS stratus_timers_v1("
    "  id TEXT PRIMARY KEY NOT NULL,"
    "  owner TEXT NOT NULL,"
    "  due_millis INTEGER NOT NULL,"
    "  payload TEXT NOT NULL,"
    "  generation INTEGER NOT NULL"
    ") WITHOUT ROWID";
constexpr std::string_view kUpsert =
    "INSERT OR REPLACE INTO stratus_timers_v1(id, owner, due_millis, payload, generation)"
    " VALUES(?1, ?2, ?3, ?4, ?5)";
constexpr std::string_view kDeleteGeneration =
    "DELETE FROM stratus_timers_v1 WHERE id = ?1 AND generation = ?2";
constexpr std::string_view kDeleteId = "DELETE FROM stratus_timers_v1 WHERE id = ?1";
constexpr std::string_view kSelectAll =
    "SELECT id, owner, due_millis, payload, generation FROM stratus_timers_v1";

// Orders heap slots so that std::*_heap keeps the earliest (due, generation) on top.
constexpr auto kLaterSlot = [](const auto& a, const auto& b) {
  return std::tie(a.due_millis, a.generation) > std::tie(b.due_millis, b.generation);
};

}  // namespace

TimerService::TimerService(Database& database, const Clock& clock, TimerServiceOptions options)
    : database_(database), clock_(clock), options_(options) {}

TimerService::~TimerService() {
  Stop();
}

void TimerService::RegisterHandler(std::string owner, std::function<void(TimerFired)> handler) {
  AddHandler(std::move(owner), [handler = std::move(handler)](TimerFired fired, TimerAck ack) {
    handler(std::move(fired));
    ack();
  });
}

void TimerService::RegisterAsyncHandler(std::string owner,
                                        std::function<void(TimerFired, TimerAck)> handler) {
  AddHandler(std::move(owner), std::move(handler));
}

void TimerService::AddHandler(std::string owner, Handler handler) {
  {
    std::lock_guard lock(mu_);
    for (auto& [id, entry] : timers_) {
      if (entry.parked && entry.timer.owner == owner) {
        entry.parked = false;
        heap_.push_back(HeapSlot{
            .due_millis = entry.timer.due_millis, .generation = entry.timer.generation, .id = id});
        std::push_heap(heap_.begin(), heap_.end(), kLaterSlot);
      }
    }
    handlers_[std::move(owner)] = std::move(handler);
    wake_ = true;
  }
  wake_cv_.notify_all();
}

Status TimerService::Load() {
  {
    std::lock_guard lock(mu_);
    if (loaded_) {
      return Status::FailedPrecondition("TimerService::Load called twice");
    }
  }
  STRATUS_RETURN_IF_ERROR(
      database_.Write([](Transaction& txn) { return txn.Exec(kCreateTable).status(); }));
  std::vector<Timer> rows;
  STRATUS_RETURN_IF_ERROR(database_.Read([&](Transaction& txn) {
    return txn.Query(kSelectAll, {}, [&](const Row& row) {
      rows.push_back(Timer{.owner = row.GetText(1),
                           .id = row.GetText(0),
                           .due_millis = row.GetInt(2),
                           .payload = row.GetText(3),
                           .generation = row.GetInt(4)});
      return Status::Ok();
    });
  }));
  {
    std::lock_guard lock(mu_);
    int64_t max_generation = 0;
    for (Timer& timer : rows) {
      max_generation = std::max(max_generation, timer.generation);
      ArmLocked(std::move(timer));
    }
    int64_t next = next_generation_.load();
    while (next <= max_generation &&
           !next_generation_.compare_exchange_weak(next, max_generation + 1)) {
    }
    loaded_ = true;
    wake_ = true;
  }
  wake_cv_.notify_all();
  kStorageLog.Info("timers loaded num_timers={}", rows.size());
  return Status::Ok();
}

void TimerService::Start() {
  std::lock_guard thread_lock(thread_mu_);
  {
    std::lock_guard lock(mu_);
    STRATUS_CHECK(loaded_, "TimerService::Start before a successful Load");
    STRATUS_CHECK(!stopping_, "TimerService::Start after Stop");
  }
  STRATUS_CHECK(!thread_.joinable(), "TimerService::Start called twice");
  thread_ = std::thread([this] { Loop(); });
}

void TimerService::Stop() {
  std::lock_guard thread_lock(thread_mu_);
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_cv_.notify_all();
  if (thread_.joinable()) {
    thread_.join();
  }
  std::unique_lock lock(mu_);
  ops_cv_.wait(lock, [&] { return num_ops_in_flight_ == 0; });
}

void TimerService::Loop() {
  pthread_setname_np(pthread_self(), "storage-timers");
  std::unique_lock lock(mu_);
  while (!stopping_) {
    lock.unlock();
    RunDue();
    lock.lock();
    wake_ = false;
    if (stopping_) {
      break;
    }
    PruneHeapLocked();
    int64_t sleep_millis = options_.max_sleep_millis;
    if (!heap_.empty()) {
      const int64_t delay = heap_.front().due_millis - clock_.NowMillis();
      if (delay <= 0) {
        continue;  // Came due meanwhile.
      }
      sleep_millis = std::min(delay, sleep_millis);
    }
    wake_cv_.wait_for(lock, std::chrono::milliseconds(std::max<int64_t>(1, sleep_millis)),
                      [&] { return stopping_ || wake_; });
  }
}

size_t TimerService::RunDue() {
  std::vector<std::pair<Timer, Handler>> due = TakeDue(clock_.NowMillis());
  for (auto& [timer, handler] : due) {
    TimerAck ack = MakeAck(timer);
    handler(std::move(timer), std::move(ack));
  }
  return due.size();
}

std::vector<std::pair<Timer, TimerService::Handler>> TimerService::TakeDue(int64_t now_millis) {
  std::vector<std::pair<Timer, Handler>> due;
  std::lock_guard lock(mu_);
  for (;;) {
    PruneHeapLocked();
    if (heap_.empty() || heap_.front().due_millis > now_millis) {
      break;
    }
    std::pop_heap(heap_.begin(), heap_.end(), kLaterSlot);
    const std::string id = std::move(heap_.back().id);
    heap_.pop_back();
    auto it = timers_.find(id);  // Present: PruneHeapLocked kept the slot.
    auto handler = handlers_.find(it->second.timer.owner);
    if (handler == handlers_.end()) {
      it->second.parked = true;
      kStorageLog.Warn("timer parked: no handler owner={} id={}", it->second.timer.owner, id);
      continue;
    }
    due.emplace_back(std::move(it->second.timer), handler->second);
    timers_.erase(it);
  }
  return due;
}

void TimerService::PruneHeapLocked() const {
  while (!heap_.empty()) {
    const HeapSlot& top = heap_.front();
    auto it = timers_.find(top.id);
    if (it != timers_.end() && !it->second.parked &&
        it->second.timer.generation == top.generation) {
      return;
    }
    std::pop_heap(heap_.begin(), heap_.end(), kLaterSlot);
    heap_.pop_back();
  }
}

void TimerService::ArmLocked(Timer timer) {
  heap_.push_back(
      HeapSlot{.due_millis = timer.due_millis, .generation = timer.generation, .id = timer.id});
  std::push_heap(heap_.begin(), heap_.end(), kLaterSlot);
  std::string id = timer.id;
  timers_[std::move(id)] = Entry{.timer = std::move(timer), .parked = false};
}

void TimerService::Arm(Timer timer) {
  {
    std::lock_guard lock(mu_);
    STRATUS_CHECK(loaded_, "TimerService::Arm before Load");
    auto it = timers_.find(timer.id);
    // A late Arm of an older generation must not replace a newer timer.
    if (it != timers_.end() && it->second.timer.generation > timer.generation) {
      return;
    }
    ArmLocked(std::move(timer));
    wake_ = true;
  }
  wake_cv_.notify_all();
}

TimerAck TimerService::MakeAck(const Timer& timer) const {
  Database* database = &database_;
  return [database, id = timer.id, generation = timer.generation] {
    database->Submit(
        [id, generation](Transaction& txn) {
          return txn.Exec(kDeleteGeneration, {id, generation}).status();
        },
        [id](Status status) {
          if (!status.ok()) {
            // The row stays, so the timer fires again after the next start.
            kStorageLog.Warn("timer ack not committed id={} status={}", id, status.ToString());
          }
        });
  };
}

Status TimerService::BeginOp(std::string_view operation) {
  std::lock_guard lock(mu_);
  if (!loaded_) {
    return Status::FailedPrecondition(Format("TimerService::{} before Load", operation));
  }
  if (stopping_) {
    return Status::Cancelled(Format("TimerService::{} after Stop", operation));
  }
  ++num_ops_in_flight_;
  return Status::Ok();
}

void TimerService::EndOp() {
  // Notifies under the lock: once the count reaches zero, Stop() may return
  // and the TimerService may be destroyed.
  std::lock_guard lock(mu_);
  if (--num_ops_in_flight_ == 0) {
    ops_cv_.notify_all();
  }
}

Timer TimerService::MakeTimer(std::string owner,
                              std::string id,
                              Clock::TimePoint due,
                              std::string payload) {
  return Timer{.owner = std::move(owner),
               .id = std::move(id),
               .due_millis = ToUnixMillis(due),
               .payload = std::move(payload),
               .generation = next_generation_++};
}

Status TimerService::WriteInTransaction(Transaction& txn, const Timer& timer) {
  return txn
      .Exec(kUpsert, {timer.id, timer.owner, timer.due_millis, timer.payload, timer.generation})
      .status();
}

Status TimerService::CompleteInTransaction(Transaction& txn, const TimerFired& fired) {
  return txn.Exec(kDeleteGeneration, {fired.id, fired.generation}).status();
}

void TimerService::Schedule(std::string owner,
                            std::string id,
                            Clock::TimePoint due,
                            std::string payload,
                            std::function<void(Status)> done) {
  if (Status refusal = BeginOp("Schedule"); !refusal.ok()) {
    if (done) {
      done(std::move(refusal));
    }
    return;
  }
  Timer timer = MakeTimer(std::move(owner), std::move(id), due, std::move(payload));
  database_.Submit([timer](Transaction& txn) { return WriteInTransaction(txn, timer); },
                   [this, timer, done = std::move(done)](Status status) mutable {
                     if (status.ok()) {
                       Arm(std::move(timer));
                     }
                     if (done) {
                       done(std::move(status));
                     }
                     EndOp();
                   });
}

void TimerService::Cancel(std::string id, std::function<void(Status)> done) {
  if (Status refusal = BeginOp("Cancel"); !refusal.ok()) {
    if (done) {
      done(std::move(refusal));
    }
    return;
  }
  database_.Submit([id](Transaction& txn) { return txn.Exec(kDeleteId, {id}).status(); },
                   [this, id, done = std::move(done)](Status status) {
                     if (status.ok()) {
                       std::lock_guard lock(mu_);
                       timers_.erase(id);  // Its heap slot goes stale.
                     }
                     if (done) {
                       done(std::move(status));
                     }
                     EndOp();
                   });
}

size_t TimerService::num_timers() const {
  std::lock_guard lock(mu_);
  return timers_.size();
}

std::optional<Clock::TimePoint> TimerService::NextDue() const {
  std::lock_guard lock(mu_);
  PruneHeapLocked();
  if (heap_.empty()) {
    return std::nullopt;
  }
  return FromUnixMillis(heap_.front().due_millis);
}

}  // namespace stratus::storage
