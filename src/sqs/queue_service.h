#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "base/clock.h"
#include "base/random.h"
#include "base/result.h"
#include "sqs/message.h"
#include "sqs/move_task.h"
#include "sqs/queue.h"
#include "sqs/queue_config.h"
#include "sqs/queue_id.h"
#include "storage/database.h"

namespace stratus::sqs {

// QueueService: the SQS engine.
//
// Model. Queues live in memory, keyed by QueueId (account, region, name); the
// in-memory state is the serving state and no request reads SQLite. Every
// change is applied to memory under the queue's mutex and, still under it,
// handed to storage::Database::Submit() as one work per API call, so the
// commit order matches the memory order. Callers get their callback from the
// work's `done`, i.e. after the group commit: nothing acknowledged is lost by
// kill -9. A receive persists the messages' new visibility deadlines and
// receive counts before it is acknowledged. Start() rebuilds memory from the
// database; times are absolute (epoch milliseconds), so delays, visibility
// deadlines and retention simply resume against the clock.
//
// Long polling. A receive that finds nothing and may wait parks its reply in
// the queue's waiter list (bounded per queue). A send serves waiters at once;
// one scheduler thread serves waiters whose messages became visible by time
// (delays, visibility timeouts) and answers waiters whose wait ended.
//
// Storage format (sqs.db, SQLite, schema version in PRAGMA user_version = 1):
//   queues(storage_id INTEGER PRIMARY KEY, account_id, region, name UNIQUE
//          together, created_millis, modified_millis, next_seq,
//          last_purge_millis, one column per QueueConfig field: fifo,
//          delay_seconds, maximum_message_bytes, retention_seconds,
//          receive_wait_seconds, visibility_timeout_seconds, policy,
//          dead_letter_queue ("account:region:name" or NULL),
//          max_receive_count, redrive_allow_policy,
//          content_based_deduplication, deduplication_scope (0 queue,
//          1 messageGroup), fifo_throughput_limit (0 perQueue,
//          1 perMessageGroupId), kms_master_key_id,
//          kms_data_key_reuse_seconds, sqs_managed_sse_enabled)
//   queue_tags(storage_id, key, value) PRIMARY KEY (storage_id, key)
//   messages(storage_id, seq, message_id, body BLOB, attributes BLOB,
//            trace_header, sender_id, sent_millis, visible_at_millis,
//            receive_count, first_receive_millis, receive_nonce, group_id,
//            deduplication_id, dead_letter_source) PRIMARY KEY (storage_id, seq)
//     `attributes` is the AWS MD5 canonical form (see message_attributes.h):
//     per attribute in name order, u32be length + name, u32be length + data
//     type, one transport byte (1 String/Number, 2 Binary), u32be length +
//     value. A message is deliverable when visible_at_millis <= now; it is in
//     flight when receive_count > 0 and visible_at_millis > now.
//   fifo_deduplication(storage_id, key, message_id, seq, expires_millis)
//     PRIMARY KEY (storage_id, key); key is the deduplication id, or
//     "group\nid" for the messageGroup scope.
// SQLite's own page checksums are not used; integrity relies on SQLite's
// journal. Receive attempt ids (FIFO) and move task records are memory-only.

/// Tunables of the engine.
struct QueueServiceOptions {
  size_t max_waiters_per_queue = 1000;  // Further waiting receives answer empty at once.
  std::chrono::seconds deleted_name_cooldown = std::chrono::seconds(60);
  std::chrono::seconds purge_cooldown = std::chrono::seconds(60);
  bool run_scheduler_thread = true;  // Tests turn it off and call RunDueWork().
  std::chrono::milliseconds max_scheduler_sleep = std::chrono::milliseconds(1000);
  std::chrono::seconds expiry_sweep_interval = std::chrono::seconds(60);
};

/// A queue's configuration and state at one instant.
struct QueueSnapshot {
  QueueId id = {};
  QueueConfig config = {};
  QueueCounts counts = {};
  int64_t created_millis = 0;
  int64_t modified_millis = 0;
  std::map<std::string, std::string> tags = {};
};

/// One ReceiveMessage call.
struct ReceiveRequest {
  ReceiveOptions options = {};
  std::optional<std::chrono::seconds> wait = std::nullopt;  // Unset: the queue's receive wait.
};

/// One visibility change of a batch.
struct VisibilityChange {
  ReceiptHandle receipt_handle = {};
  std::chrono::seconds timeout = std::chrono::seconds(0);
};

/// Whether CreateQueue made a queue or found an identical one.
enum class CreateOutcome : uint8_t { kCreated, kExisted };

/// The SQS engine: owns every queue, persists through a Database. See the
/// essay above.
///
/// Thread safety: all public methods are safe from any thread. Callbacks run
/// on the Database's writer thread (after the commit), on the scheduler
/// thread, or on the caller's thread, never under an engine lock.
class QueueService {
 public:
  template <typename T>
  using Callback = std::function<void(Result<T>)>;
  using StatusCallback = std::function<void(Status)>;

  /// REQUIRES: `database`, `clock` and `ids` outlive the service.
  QueueService(storage::Database& database,
               const Clock& clock,
               IdGenerator& ids,
               QueueServiceOptions options = {});
  QueueService(const QueueService&) = delete;
  QueueService& operator=(const QueueService&) = delete;
  ~QueueService();

  /// Migrates the schema, loads every queue and starts the scheduler.
  Status Start();

  /// Stops the scheduler and answers parked receives with no messages.
  /// Idempotent. Stop the Database after this.
  void Stop();

  /// Creates a queue, or reports kExisted when it exists with `config`.
  /// AlreadyExists when it exists with another config; FailedPrecondition
  /// when a queue of that name was deleted within the cooldown.
  void CreateQueue(const QueueId& id,
                   QueueConfig config,
                   std::map<std::string, std::string> tags,
                   Callback<CreateOutcome> done);

  /// Deletes a queue and its messages. NotFound when absent.
  void DeleteQueue(const QueueId& id, StatusCallback done);

  /// Returns the queue's configuration. NotFound when absent.
  Result<QueueConfig> Config(const QueueId& id) const;

  /// Returns configuration, counts, timestamps and tags. NotFound when absent.
  Result<QueueSnapshot> Describe(const QueueId& id) const;

  /// Returns the queues of (account, region) whose name starts with
  /// `name_prefix`, ordered by name.
  std::vector<QueueId> ListQueues(const std::string& account_id,
                                  const std::string& region,
                                  const std::string& name_prefix) const;

  /// Returns the queues whose redrive policy names `dead_letter_queue`.
  Result<std::vector<QueueId>> DeadLetterSources(const QueueId& dead_letter_queue) const;

  /// Replaces the configuration. REQUIRES: config.fifo unchanged.
  void SetConfig(const QueueId& id, QueueConfig config, StatusCallback done);

  /// Adds or overwrites `add`, then removes `remove`.
  void UpdateTags(const QueueId& id,
                  const std::map<std::string, std::string>& add,
                  const std::vector<std::string>& remove,
                  StatusCallback done);

  /// Enqueues messages; one result per message, in order.
  void Send(const QueueId& id,
            std::vector<OutgoingMessage> messages,
            Callback<std::vector<Result<SentMessage>>> done);

  /// Receives messages, waiting up to the request's wait for the first one.
  void Receive(const QueueId& id,
               ReceiveRequest request,
               Callback<std::vector<ReceivedMessage>> done);

  /// Deletes messages; one status per handle (InvalidArgument: malformed handle).
  void Delete(const QueueId& id,
              const std::vector<ReceiptHandle>& handles,
              Callback<std::vector<Status>> done);

  /// Changes visibility timeouts; one status per change (InvalidArgument:
  /// malformed handle; NotFound: message gone; FailedPrecondition: not in flight).
  void ChangeVisibility(const QueueId& id,
                        const std::vector<VisibilityChange>& changes,
                        Callback<std::vector<Status>> done);

  /// Deletes every message. FailedPrecondition within the purge cooldown.
  void Purge(const QueueId& id, StatusCallback done);

  /// Moves the deliverable messages of dead-letter queue `source` to
  /// `destination`, or to each message's source queue. NotFound: a queue is
  /// missing; InvalidArgument: `source` is no queue's dead-letter queue.
  void StartMoveTask(const QueueId& source,
                     std::optional<QueueId> destination,
                     int64_t max_messages_per_second,
                     Callback<MoveTask> done);

  /// Returns the most recent move tasks of `source`, newest first.
  Result<std::vector<MoveTask>> ListMoveTasks(const QueueId& source, size_t max_results) const;

  /// Cancels a running task. NotFound: unknown handle; FailedPrecondition: not running.
  Result<MoveTask> CancelMoveTask(const std::string& handle);

  /// Serves parked receives whose messages became visible or whose wait
  /// ended, and once per expiry_sweep_interval drops expired messages from
  /// every queue. The scheduler thread calls it; tests call it after moving a
  /// FakeClock.
  void RunDueWork();

 private:
  struct PendingWrite {
    int64_t storage_id = 0;
    QueueChanges changes = {};
    uint64_t next_seq = 0;  // 0: unchanged.
  };

  std::shared_ptr<Queue> Find(const QueueId& id) const;
  std::shared_ptr<Queue> FindDeadLetterQueue(Queue& queue) const;
  void Persist(std::vector<PendingWrite> writes, StatusCallback done);
  void PersistRecord(const Queue& queue, StatusCallback done);
  std::vector<ReceivedMessage> ReceiveLocked(Queue& queue,
                                             Queue* dead_letter_queue,
                                             const ReceiveOptions& options,
                                             std::vector<PendingWrite>* writes);
  void ServeWaiters(const std::shared_ptr<Queue>& queue);
  void ExpireWaiters(const std::shared_ptr<Queue>& queue, bool all);
  bool Park(const std::shared_ptr<Queue>& queue, ReceiveWaiter& waiter);
  int64_t NextWakeupMillis() const;
  void SchedulerLoop();
  void SweepExpired();
  void PruneMoveTasks(const QueueId& source);
  int64_t MoveMessages(const std::shared_ptr<Queue>& source,
                       const std::optional<QueueId>& destination);

  storage::Database& database_;
  const Clock& clock_;
  IdGenerator& ids_;
  QueueServiceOptions options_;

  mutable std::mutex mu_;
  // Guarded by mu_.
  std::map<QueueId, std::shared_ptr<Queue>> queues_;
  std::map<QueueId, int64_t> deleted_at_millis_;
  int64_t next_storage_id_ = 1;
  std::map<std::string, MoveTask> move_tasks_;  // By handle.
  int64_t last_sweep_millis_ = 0;

  mutable std::mutex waiting_mu_;
  // Guarded by waiting_mu_.
  std::set<std::shared_ptr<Queue>> waiting_queues_;

  std::mutex scheduler_mu_;
  std::condition_variable scheduler_cv_;
  // Guarded by scheduler_mu_.
  bool stopping_ = false;
  bool wake_requested_ = false;
  bool started_ = false;

  std::thread scheduler_;
};

}  // namespace stratus::sqs
