#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "storage/database.h"

namespace stratus::storage {

/// One durable timer: a row of the timers table and, while armed, an entry
/// of the in-memory heap.
struct Timer {
  /// The subsystem whose handler fires it, e.g. "sqs" or "states".
  std::string owner = {};
  /// Unique across owners; scheduling an existing id replaces that timer.
  std::string id = {};
  int64_t due_millis = 0;  // Unix epoch milliseconds.
  std::string payload = {};
  /// Distinguishes successive schedulings of the same id, so that completing
  /// an old firing never deletes a newer row. Assigned by MakeTimer().
  int64_t generation = 0;
};

/// What a handler receives when a timer comes due.
using TimerFired = Timer;

/// Deletes the fired timer's row (asynchronously, through Database::Submit).
/// Safe to call from any thread, more than once, and after the TimerService
/// is gone (it refers only to the Database).
using TimerAck = std::function<void()>;

struct TimerServiceOptions {
  /// Longest the firing thread sleeps before re-reading the clock, so that a
  /// wall-clock jump (or a FakeClock Advance) is noticed within this delay.
  int64_t max_sleep_millis = 1000;
};

/// Durable timers for visibility timeouts, delays, Wait states and schedules.
///
/// Model: every timer is a row of `stratus_timers_v1` (docs/formats/storage.md)
/// in the owning service's Database, mirrored by an in-memory min-heap keyed
/// by (due, generation). Schedule() and Cancel() change the row through
/// Database::Submit and acknowledge after the commit. When a timer is due its
/// owner's handler is called; the row is deleted only after the handler
/// acknowledges:
///   - RegisterHandler: acknowledged when the handler returns. An effect the
///     handler Submit()s to the same Database before returning commits no
///     later than the deletion, because works commit in Submit() order.
///   - RegisterAsyncHandler: acknowledged when the handler calls its TimerAck,
///     e.g. from the `done` of its effect in another database.
///   - Or the handler deletes the row in its own work with
///     CompleteInTransaction(), making effect and deletion one commit.
/// Delivery is at-least-once: a timer whose deletion did not commit (crash,
/// kill -9, handler never acknowledged) fires again after Load() at the next
/// start. A timer fires at most once per process unless rescheduled.
///
/// Modes: Start() runs a thread that sleeps until the earliest due time and
/// fires handlers on it. Without Start(), RunDue() fires everything due at
/// clock.Now() on the calling thread: deterministic tests with FakeClock.
///
/// A timer whose owner has no handler is parked (kept, not fired) until a
/// handler for that owner is registered.
///
/// Thread safety: all methods are safe from any thread. Handlers run on the
/// firing thread (or RunDue()'s caller), one at a time, without internal
/// locks held; they may call Schedule()/Cancel() but should not block long.
/// The Database must outlive the TimerService and any TimerAck; Stop() the
/// TimerService before the Database.
class TimerService {
 public:
  /// The table; a schema change creates stratus_timers_v2 and migrates rows.
  static constexpr std::string_view kTableName = "stratus_timers_v1";

  TimerService(Database& database, const Clock& clock, TimerServiceOptions options = {});
  TimerService(const TimerService&) = delete;
  TimerService& operator=(const TimerService&) = delete;
  /// Calls Stop().
  ~TimerService();

  /// Registers the handler for `owner`; the row is deleted when it returns.
  void RegisterHandler(std::string owner, std::function<void(TimerFired)> handler);

  /// Registers a handler that acknowledges by calling its TimerAck.
  void RegisterAsyncHandler(std::string owner, std::function<void(TimerFired, TimerAck)> handler);

  /// Creates the table if needed and arms every persisted timer (overdue ones
  /// fire at the next RunDue() or at once in thread mode). Call once, before
  /// Schedule()/Cancel()/Start().
  Status Load();

  /// Starts the firing thread. REQUIRES: Load() succeeded; not started.
  void Start();

  /// Fires, in due order, every armed timer due at clock.Now(); returns the
  /// number of handlers called. For tests and for callers without Start().
  size_t RunDue();

  /// Persists the timer (replacing any timer with this id) and arms it after
  /// the commit; then calls `done` (may be empty) with the commit status.
  void Schedule(std::string owner,
                std::string id,
                Clock::TimePoint due,
                std::string payload,
                std::function<void(Status)> done);

  /// Deletes the timer with `id` (if any) and disarms it after the commit.
  void Cancel(std::string id, std::function<void(Status)> done);

  /// Builds a Timer with a fresh generation, for WriteInTransaction().
  Timer MakeTimer(std::string owner, std::string id, Clock::TimePoint due, std::string payload);

  /// Inserts or replaces `timer`'s row inside the caller's own work, so that
  /// the timer commits atomically with the caller's state. After that work's
  /// `done` reports ok, call Arm(timer); if the process dies first, Load()
  /// arms it at the next start.
  static Status WriteInTransaction(Transaction& txn, const Timer& timer);

  /// Arms a timer whose row is committed. REQUIRES: Load() succeeded.
  void Arm(Timer timer);

  /// Deletes a fired timer's row inside the handler's own work (this
  /// generation only: a reschedule of the same id is kept).
  static Status CompleteInTransaction(Transaction& txn, const TimerFired& fired);

  /// Returns the number of timers armed or parked in memory.
  size_t num_timers() const;

  /// Returns the earliest due time among armed timers, if any.
  std::optional<Clock::TimePoint> NextDue() const;

  /// Stops and joins the firing thread and waits for Schedule()/Cancel()
  /// commits in flight. Idempotent. Does not stop the Database.
  void Stop();

 private:
  // An armed timer in memory; `parked` when its owner has no handler.
  struct Entry {
    Timer timer = {};
    bool parked = false;
  };

  // A heap slot; stale when timers_[id] is gone or has another generation.
  struct HeapSlot {
    int64_t due_millis = 0;
    int64_t generation = 0;
    std::string id = {};
  };

  using Handler = std::function<void(TimerFired, TimerAck)>;

  void AddHandler(std::string owner, Handler handler);
  // Inserts into timers_ and the heap. REQUIRES: mu_ held.
  void ArmLocked(Timer timer);
  // Drops stale slots from the top of the heap. REQUIRES: mu_ held.
  void PruneHeapLocked() const;
  // Takes the timers due at `now_millis` out of memory, parking those without a handler.
  std::vector<std::pair<Timer, Handler>> TakeDue(int64_t now_millis);
  // Returns the ack that deletes this generation's row.
  TimerAck MakeAck(const Timer& timer) const;
  // Counts a Schedule()/Cancel() in flight, or says why it is refused.
  Status BeginOp(std::string_view operation);
  // Ends an operation counted by BeginOp().
  void EndOp();
  void Loop();

  Database& database_;
  const Clock& clock_;
  const TimerServiceOptions options_;
  std::atomic<int64_t> next_generation_{1};

  mutable std::mutex mu_;
  std::condition_variable wake_cv_;
  std::condition_variable ops_cv_;
  std::unordered_map<std::string, Handler> handlers_;  // Guarded by mu_.
  std::unordered_map<std::string, Entry> timers_;      // Guarded by mu_. Key: id.
  mutable std::vector<HeapSlot> heap_;                 // Guarded by mu_. Min-heap.
  bool loaded_ = false;                                // Guarded by mu_.
  bool wake_ = false;                                  // Guarded by mu_.
  bool stopping_ = false;                              // Guarded by mu_.
  int64_t num_ops_in_flight_ = 0;                      // Guarded by mu_.

  std::mutex thread_mu_;  // Serializes Start()/Stop().
  std::thread thread_;    // Guarded by thread_mu_.
};

}  // namespace stratus::storage
