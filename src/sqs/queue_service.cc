#include "sqs/queue_service.h"

#include <algorithm>
#include <limits>

#include "base/check.h"
#include "base/digest.h"
#include "base/format.h"
#include "sqs/log.h"
#include "sqs/queue_store.h"

namespace stratus::sqs {
namespace {

int64_t ToMillis(std::chrono::seconds seconds) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(seconds).count();
}

Status QueueNotFound() {
  return Status::NotFound("The specified queue does not exist.");
}

// Holds one queue's mutex, or two without risking deadlock.
class QueueLocks {
 public:
  QueueLocks(Queue& first, Queue* second) : first_(first), second_(second) {
    if (second_ == nullptr || second_ == &first_) {
      second_ = nullptr;
      first_.mu().lock();
    } else {
      std::lock(first_.mu(), second_->mu());
    }
  }

  QueueLocks(const QueueLocks&) = delete;
  QueueLocks& operator=(const QueueLocks&) = delete;

  ~QueueLocks() {
    if (second_ != nullptr) {
      second_->mu().unlock();
    }
    first_.mu().unlock();
  }

 private:
  Queue& first_;
  Queue* second_;
};

QueueRecord RecordOf(const Queue& queue) {
  return QueueRecord{.storage_id = queue.storage_id(),
                     .id = queue.id(),
                     .config = queue.config(),
                     .created_millis = queue.created_millis(),
                     .modified_millis = queue.modified_millis(),
                     .next_seq = queue.next_seq(),
                     .last_purge_millis = queue.last_purge_millis(),
                     .tags = queue.tags()};
}

}  // namespace

QueueService::QueueService(storage::Database& database,
                           const Clock& clock,
                           IdGenerator& ids,
                           QueueServiceOptions options)
    : database_(database), clock_(clock), ids_(ids), options_(options) {}

QueueService::~QueueService() {
  std::lock_guard lock(scheduler_mu_);
  STRATUS_CHECK(!started_ || stopping_, "QueueService destroyed without Stop()");
}

Status QueueService::Start() {
  STRATUS_RETURN_IF_ERROR(database_.Migrate(QueueStoreMigrations()));
  std::vector<LoadedQueue> loaded;
  const int64_t now = clock_.NowMillis();
  STRATUS_RETURN_IF_ERROR(database_.Read([&](storage::Transaction& transaction) -> Status {
    STRATUS_ASSIGN_OR_RETURN(loaded, LoadQueues(transaction, now));
    return Status::Ok();
  }));
  size_t num_messages = 0;
  {
    std::lock_guard lock(mu_);
    for (LoadedQueue& entry : loaded) {
      QueueRecord& record = entry.record;
      auto queue = std::make_shared<Queue>(record.id, record.storage_id, record.config,
                                           record.created_millis, clock_, ids_);
      std::lock_guard queue_lock(queue->mu());
      queue->set_modified_millis(record.modified_millis);
      queue->mutable_tags() = std::move(record.tags);
      queue->RestoreCounters(record.next_seq, record.last_purge_millis);
      num_messages += entry.messages.size();
      for (StoredMessage& message : entry.messages) {
        queue->RestoreMessage(std::move(message));
      }
      for (DeduplicationEntry& deduplication : entry.deduplication) {
        queue->RestoreDeduplication(std::move(deduplication));
      }
      next_storage_id_ = std::max(next_storage_id_, record.storage_id + 1);
      queues_[record.id] = std::move(queue);
    }
  }
  kSqsLog.Info("loaded num_queues={} num_messages={}", loaded.size(), num_messages);
  std::lock_guard lock(scheduler_mu_);
  started_ = true;
  if (options_.run_scheduler_thread) {
    scheduler_ = std::thread([this] { SchedulerLoop(); });
  }
  return Status::Ok();
}

void QueueService::Stop() {
  {
    std::lock_guard lock(scheduler_mu_);
    if (stopping_) {
      return;
    }
    stopping_ = true;
  }
  scheduler_cv_.notify_all();
  if (scheduler_.joinable()) {
    scheduler_.join();
  }
  std::set<std::shared_ptr<Queue>> waiting;
  {
    std::lock_guard lock(waiting_mu_);
    waiting.swap(waiting_queues_);
  }
  for (const auto& queue : waiting) {
    ExpireWaiters(queue, /*all=*/true);
  }
}

std::shared_ptr<Queue> QueueService::Find(const QueueId& id) const {
  std::lock_guard lock(mu_);
  auto it = queues_.find(id);
  return it == queues_.end() ? nullptr : it->second;
}

std::shared_ptr<Queue> QueueService::FindDeadLetterQueue(Queue& queue) const {
  std::optional<QueueId> target;
  {
    std::lock_guard lock(queue.mu());
    if (queue.config().redrive_policy.has_value()) {
      target = queue.config().redrive_policy->dead_letter_queue;
    }
  }
  return target.has_value() ? Find(*target) : nullptr;
}

void QueueService::Persist(std::vector<PendingWrite> writes, StatusCallback done) {
  database_.Submit(
      [writes = std::move(writes)](storage::Transaction& transaction) -> Status {
        for (const PendingWrite& write : writes) {
          STRATUS_RETURN_IF_ERROR(ApplyChanges(transaction, write.storage_id, write.changes));
          if (write.next_seq != 0) {
            STRATUS_RETURN_IF_ERROR(UpdateNextSeq(transaction, write.storage_id, write.next_seq));
          }
        }
        return Status::Ok();
      },
      std::move(done));
}

void QueueService::PersistRecord(const Queue& queue, StatusCallback done) {
  database_.Submit(
      [record = RecordOf(queue)](storage::Transaction& transaction) -> Status {
        STRATUS_RETURN_IF_ERROR(UpdateQueue(transaction, record));
        return ReplaceTags(transaction, record.storage_id, record.tags);
      },
      std::move(done));
}

void QueueService::CreateQueue(const QueueId& id,
                               QueueConfig config,
                               std::map<std::string, std::string> tags,
                               Callback<CreateOutcome> done) {
  std::shared_ptr<Queue> existing;
  {
    std::lock_guard lock(mu_);
    auto it = queues_.find(id);
    if (it != queues_.end()) {
      existing = it->second;
    } else {
      const int64_t now = clock_.NowMillis();
      auto deleted = deleted_at_millis_.find(id);
      if (deleted != deleted_at_millis_.end() &&
          deleted->second + ToMillis(options_.deleted_name_cooldown) > now) {
        done(Status::FailedPrecondition(
            "You must wait 60 seconds after deleting a queue before you can create another "
            "queue with the same name."));
        return;
      }
      auto queue =
          std::make_shared<Queue>(id, next_storage_id_++, std::move(config), now, clock_, ids_);
      std::lock_guard queue_lock(queue->mu());
      queue->mutable_tags() = std::move(tags);
      queues_[id] = queue;
      database_.Submit(
          [record = RecordOf(*queue)](storage::Transaction& transaction) {
            return InsertQueue(transaction, record);
          },
          [done = std::move(done)](Status status) {
            if (status.ok()) {
              done(CreateOutcome::kCreated);
            } else {
              done(std::move(status));
            }
          });
      return;
    }
  }
  std::lock_guard lock(existing->mu());
  if (existing->config() == config) {
    done(CreateOutcome::kExisted);
  } else {
    done(Status::AlreadyExists(
        "A queue already exists with the same name and a different value for attribute(s)"));
  }
}

void QueueService::DeleteQueue(const QueueId& id, StatusCallback done) {
  std::shared_ptr<Queue> queue;
  {
    std::lock_guard lock(mu_);
    auto it = queues_.find(id);
    if (it == queues_.end()) {
      done(QueueNotFound());
      return;
    }
    queue = it->second;
    queues_.erase(it);
    const int64_t now = clock_.NowMillis();
    std::erase_if(deleted_at_millis_, [&](const auto& entry) {
      return entry.second + ToMillis(options_.deleted_name_cooldown) <= now;
    });
    deleted_at_millis_[id] = now;
  }
  {
    std::lock_guard lock(queue->mu());
    queue->MarkDeleted();
    database_.Submit(
        [storage_id = queue->storage_id()](storage::Transaction& transaction) {
          return DeleteQueueRows(transaction, storage_id);
        },
        std::move(done));
  }
  ExpireWaiters(queue, /*all=*/true);
}

Result<QueueConfig> QueueService::Config(const QueueId& id) const {
  std::shared_ptr<Queue> queue = Find(id);
  if (queue == nullptr) {
    return QueueNotFound();
  }
  std::lock_guard lock(queue->mu());
  return queue->config();
}

Result<QueueSnapshot> QueueService::Describe(const QueueId& id) const {
  std::shared_ptr<Queue> queue = Find(id);
  if (queue == nullptr) {
    return QueueNotFound();
  }
  std::lock_guard lock(queue->mu());
  return QueueSnapshot{.id = queue->id(),
                       .config = queue->config(),
                       .counts = queue->Counts(),
                       .created_millis = queue->created_millis(),
                       .modified_millis = queue->modified_millis(),
                       .tags = queue->tags()};
}

std::vector<QueueId> QueueService::ListQueues(const std::string& account_id,
                                              const std::string& region,
                                              const std::string& name_prefix) const {
  std::vector<QueueId> ids;
  std::lock_guard lock(mu_);
  const QueueId start{.account_id = account_id, .region = region, .name = name_prefix};
  for (auto it = queues_.lower_bound(start); it != queues_.end(); ++it) {
    const QueueId& id = it->first;
    if (id.account_id != account_id || id.region != region || !id.name.starts_with(name_prefix)) {
      break;
    }
    ids.push_back(id);
  }
  return ids;
}

Result<std::vector<QueueId>> QueueService::DeadLetterSources(
    const QueueId& dead_letter_queue) const {
  if (Find(dead_letter_queue) == nullptr) {
    return QueueNotFound();
  }
  std::vector<std::shared_ptr<Queue>> candidates;
  {
    std::lock_guard lock(mu_);
    for (const auto& [id, queue] : queues_) {
      if (id.account_id == dead_letter_queue.account_id && id.region == dead_letter_queue.region) {
        candidates.push_back(queue);
      }
    }
  }
  std::vector<QueueId> sources;
  for (const auto& queue : candidates) {
    std::lock_guard lock(queue->mu());
    const auto& policy = queue->config().redrive_policy;
    if (policy.has_value() && policy->dead_letter_queue == dead_letter_queue) {
      sources.push_back(queue->id());
    }
  }
  return sources;
}

void QueueService::SetConfig(const QueueId& id, QueueConfig config, StatusCallback done) {
  std::shared_ptr<Queue> queue = Find(id);
  if (queue == nullptr) {
    done(QueueNotFound());
    return;
  }
  std::unique_lock lock(queue->mu());
  if (queue->deleted()) {
    lock.unlock();
    done(QueueNotFound());
    return;
  }
  STRATUS_CHECK(config.fifo == queue->config().fifo, "FifoQueue cannot change");
  queue->set_config(std::move(config));
  queue->set_modified_millis(clock_.NowMillis());
  PersistRecord(*queue, std::move(done));
  lock.unlock();
  // A shorter delay or a new redrive policy can make messages deliverable.
  ServeWaiters(queue);
}

void QueueService::UpdateTags(const QueueId& id,
                              const std::map<std::string, std::string>& add,
                              const std::vector<std::string>& remove,
                              StatusCallback done) {
  std::shared_ptr<Queue> queue = Find(id);
  if (queue == nullptr) {
    done(QueueNotFound());
    return;
  }
  std::unique_lock lock(queue->mu());
  if (queue->deleted()) {
    lock.unlock();
    done(QueueNotFound());
    return;
  }
  for (const auto& [key, value] : add) {
    queue->mutable_tags()[key] = value;
  }
  for (const std::string& key : remove) {
    queue->mutable_tags().erase(key);
  }
  database_.Submit(
      [storage_id = queue->storage_id(), tags = queue->tags()](storage::Transaction& transaction) {
        return ReplaceTags(transaction, storage_id, tags);
      },
      std::move(done));
}

void QueueService::Send(const QueueId& id,
                        std::vector<OutgoingMessage> messages,
                        Callback<std::vector<Result<SentMessage>>> done) {
  std::shared_ptr<Queue> queue = Find(id);
  if (queue == nullptr) {
    done(QueueNotFound());
    return;
  }
  std::vector<Result<SentMessage>> results;
  results.reserve(messages.size());
  bool any_enqueued = false;
  bool serve_waiters = false;
  {
    std::unique_lock lock(queue->mu());
    if (queue->deleted()) {
      lock.unlock();
      done(QueueNotFound());
      return;
    }
    PendingWrite write{.storage_id = queue->storage_id()};
    for (OutgoingMessage& message : messages) {
      Result<SentMessage> sent = queue->Enqueue(std::move(message), &write.changes);
      any_enqueued = any_enqueued || (sent.ok() && !sent->duplicate);
      results.push_back(std::move(sent));
    }
    write.next_seq = any_enqueued ? queue->next_seq() : 0;
    // A receive parks only after finding nothing under this lock, so a
    // waiter that could want these messages is already listed.
    serve_waiters = any_enqueued && !queue->waiters().empty();
    if (write.changes.empty()) {
      lock.unlock();
      done(std::move(results));
      return;
    }
    std::vector<PendingWrite> writes;
    writes.push_back(std::move(write));
    Persist(std::move(writes),
            [done = std::move(done), results = std::move(results)](Status status) mutable {
              if (status.ok()) {
                done(std::move(results));
              } else {
                done(std::move(status));
              }
            });
  }
  if (serve_waiters) {
    ServeWaiters(queue);
  }
}

std::vector<ReceivedMessage> QueueService::ReceiveLocked(Queue& queue,
                                                         Queue* dead_letter_queue,
                                                         const ReceiveOptions& options,
                                                         std::vector<PendingWrite>* writes) {
  ReceiveOptions effective = options;
  effective.dead_letter_enabled =
      dead_letter_queue != nullptr && dead_letter_queue != &queue && !dead_letter_queue->deleted();
  PendingWrite write{.storage_id = queue.storage_id()};
  ReceiveOutcome outcome = queue.Receive(effective, &write.changes);
  if (!write.changes.empty()) {
    writes->push_back(std::move(write));
  }
  if (!outcome.dead_letters.empty()) {
    PendingWrite dead{.storage_id = dead_letter_queue->storage_id()};
    for (StoredMessage& message : outcome.dead_letters) {
      dead_letter_queue->InsertMoved(std::move(message), queue.id(), &dead.changes);
    }
    dead.next_seq = dead_letter_queue->next_seq();
    writes->push_back(std::move(dead));
  }
  return std::move(outcome.received);
}

void QueueService::Receive(const QueueId& id,
                           ReceiveRequest request,
                           Callback<std::vector<ReceivedMessage>> done) {
  std::shared_ptr<Queue> queue = Find(id);
  if (queue == nullptr) {
    done(QueueNotFound());
    return;
  }
  std::shared_ptr<Queue> dead_letter_queue = FindDeadLetterQueue(*queue);
  std::unique_ptr<QueueLocks> locks = std::make_unique<QueueLocks>(*queue, dead_letter_queue.get());
  if (queue->deleted()) {
    locks.reset();
    done(QueueNotFound());
    return;
  }
  std::vector<PendingWrite> writes;
  std::vector<ReceivedMessage> received =
      ReceiveLocked(*queue, dead_letter_queue.get(), request.options, &writes);
  const std::chrono::seconds wait = request.wait.value_or(queue->config().receive_wait);
  if (received.empty() && writes.empty() && wait.count() <= 0) {
    locks.reset();
    done(std::move(received));
    return;
  }
  if (!received.empty() || wait.count() <= 0) {
    Persist(std::move(writes),
            [done = std::move(done), received = std::move(received)](Status status) mutable {
              if (status.ok()) {
                done(std::move(received));
              } else {
                done(std::move(status));
              }
            });
    return;
  }
  if (!writes.empty()) {
    Persist(std::move(writes), [](const Status& status) {
      if (!status.ok()) {
        kSqsLog.Error("persisting a receive failed: {}", status.ToString());
      }
    });
  }
  ReceiveWaiter waiter{.options = std::move(request.options),
                       .deadline_millis = clock_.NowMillis() + ToMillis(wait),
                       .reply = std::move(done)};
  if (!Park(queue, waiter)) {
    // AWS: a receive that cannot wait answers with no messages.
    locks.reset();
    waiter.reply(std::vector<ReceivedMessage>{});
  }
}

bool QueueService::Park(const std::shared_ptr<Queue>& queue, ReceiveWaiter& waiter) {
  // REQUIRES: queue->mu() held. Leaves `waiter` intact when it returns false.
  // Holds scheduler_mu_ until the queue is in waiting_queues_, so that Stop()
  // (which sets stopping_ first) either sees this waiter or refuses it.
  {
    std::lock_guard lock(scheduler_mu_);
    if (stopping_ || queue->waiters().size() >= options_.max_waiters_per_queue) {
      return false;
    }
    wake_requested_ = true;
    queue->waiters().push_back(std::move(waiter));
    std::lock_guard waiting_lock(waiting_mu_);
    waiting_queues_.insert(queue);
  }
  scheduler_cv_.notify_one();
  return true;
}

void QueueService::ServeWaiters(const std::shared_ptr<Queue>& queue) {
  while (true) {
    std::shared_ptr<Queue> dead_letter_queue = FindDeadLetterQueue(*queue);
    QueueLocks locks(*queue, dead_letter_queue.get());
    if (queue->deleted() || queue->waiters().empty() || !queue->HasDeliverable()) {
      return;
    }
    ReceiveWaiter waiter = std::move(queue->waiters().front());
    queue->waiters().pop_front();
    std::vector<PendingWrite> writes;
    std::vector<ReceivedMessage> received =
        ReceiveLocked(*queue, dead_letter_queue.get(), waiter.options, &writes);
    if (received.empty()) {
      queue->waiters().push_front(std::move(waiter));
      if (!writes.empty()) {
        Persist(std::move(writes), [](const Status&) {});
      }
      return;
    }
    Persist(std::move(writes), [reply = std::move(waiter.reply),
                                received = std::move(received)](Status status) mutable {
      if (status.ok()) {
        reply(std::move(received));
      } else {
        reply(std::move(status));
      }
    });
  }
}

void QueueService::ExpireWaiters(const std::shared_ptr<Queue>& queue, bool all) {
  std::vector<ReceiveWaiter> expired;
  bool deleted = false;
  {
    std::lock_guard lock(queue->mu());
    deleted = queue->deleted();
    const int64_t now = clock_.NowMillis();
    auto& waiters = queue->waiters();
    for (auto it = waiters.begin(); it != waiters.end();) {
      if (all || deleted || it->deadline_millis <= now) {
        expired.push_back(std::move(*it));
        it = waiters.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (ReceiveWaiter& waiter : expired) {
    if (deleted) {
      waiter.reply(QueueNotFound());
    } else {
      waiter.reply(std::vector<ReceivedMessage>{});
    }
  }
}

void QueueService::SweepExpired() {
  std::vector<std::shared_ptr<Queue>> queues;
  {
    std::lock_guard lock(mu_);
    const int64_t now = clock_.NowMillis();
    if (now - last_sweep_millis_ < ToMillis(options_.expiry_sweep_interval)) {
      return;
    }
    last_sweep_millis_ = now;
    for (const auto& [id, queue] : queues_) {
      queues.push_back(queue);
    }
  }
  for (const auto& queue : queues) {
    std::lock_guard lock(queue->mu());
    PendingWrite write{.storage_id = queue->storage_id()};
    if (queue->deleted() || queue->DropExpired(&write.changes) == 0) {
      continue;
    }
    std::vector<PendingWrite> writes;
    writes.push_back(std::move(write));
    Persist(std::move(writes), [](const Status& status) {
      if (!status.ok()) {
        kSqsLog.Error("persisting expired messages failed: {}", status.ToString());
      }
    });
  }
}

void QueueService::RunDueWork() {
  SweepExpired();
  std::vector<std::shared_ptr<Queue>> waiting;
  {
    std::lock_guard lock(waiting_mu_);
    waiting.assign(waiting_queues_.begin(), waiting_queues_.end());
  }
  for (const auto& queue : waiting) {
    ServeWaiters(queue);
    ExpireWaiters(queue, /*all=*/false);
    std::lock_guard queue_lock(queue->mu());
    if (queue->waiters().empty()) {
      std::lock_guard lock(waiting_mu_);
      waiting_queues_.erase(queue);
    }
  }
}

int64_t QueueService::NextWakeupMillis() const {
  int64_t next =
      clock_.NowMillis() +
      std::chrono::duration_cast<std::chrono::milliseconds>(options_.max_scheduler_sleep).count();
  std::vector<std::shared_ptr<Queue>> waiting;
  {
    std::lock_guard lock(waiting_mu_);
    waiting.assign(waiting_queues_.begin(), waiting_queues_.end());
  }
  for (const auto& queue : waiting) {
    std::lock_guard lock(queue->mu());
    for (const ReceiveWaiter& waiter : queue->waiters()) {
      next = std::min(next, waiter.deadline_millis);
    }
    if (!queue->waiters().empty()) {
      std::optional<int64_t> visible = queue->NextVisibleMillis();
      if (visible.has_value()) {
        next = std::min(next, *visible);
      }
    }
  }
  return next;
}

void QueueService::SchedulerLoop() {
  std::unique_lock lock(scheduler_mu_);
  while (!stopping_) {
    wake_requested_ = false;
    lock.unlock();
    RunDueWork();
    const int64_t delay_millis = NextWakeupMillis() - clock_.NowMillis();
    lock.lock();
    if (stopping_ || wake_requested_) {
      continue;
    }
    scheduler_cv_.wait_for(lock, std::chrono::milliseconds(std::max<int64_t>(delay_millis, 1)),
                           [this] { return stopping_ || wake_requested_; });
  }
}

void QueueService::Delete(const QueueId& id,
                          const std::vector<ReceiptHandle>& handles,
                          Callback<std::vector<Status>> done) {
  std::shared_ptr<Queue> queue = Find(id);
  if (queue == nullptr) {
    done(QueueNotFound());
    return;
  }
  std::vector<Status> statuses;
  statuses.reserve(handles.size());
  std::unique_lock lock(queue->mu());
  if (queue->deleted()) {
    lock.unlock();
    done(QueueNotFound());
    return;
  }
  PendingWrite write{.storage_id = queue->storage_id()};
  for (const ReceiptHandle& handle : handles) {
    Result<ReceiptHandleParts> parts = ParseReceiptHandle(handle.value);
    statuses.push_back(parts.ok() ? queue->Delete(*parts, &write.changes) : parts.status());
  }
  if (write.changes.empty()) {
    lock.unlock();
    done(std::move(statuses));
    return;
  }
  // A delete can unblock a FIFO group that parked receives wait for.
  const bool serve_waiters = queue->config().fifo && !queue->waiters().empty();
  std::vector<PendingWrite> writes;
  writes.push_back(std::move(write));
  Persist(std::move(writes),
          [done = std::move(done), statuses = std::move(statuses)](Status status) mutable {
            if (status.ok()) {
              done(std::move(statuses));
            } else {
              done(std::move(status));
            }
          });
  lock.unlock();
  if (serve_waiters) {
    ServeWaiters(queue);
  }
}

void QueueService::ChangeVisibility(const QueueId& id,
                                    const std::vector<VisibilityChange>& changes,
                                    Callback<std::vector<Status>> done) {
  std::shared_ptr<Queue> queue = Find(id);
  if (queue == nullptr) {
    done(QueueNotFound());
    return;
  }
  std::vector<Status> statuses;
  statuses.reserve(changes.size());
  bool made_visible = false;
  {
    std::unique_lock lock(queue->mu());
    if (queue->deleted()) {
      lock.unlock();
      done(QueueNotFound());
      return;
    }
    PendingWrite write{.storage_id = queue->storage_id()};
    for (const VisibilityChange& change : changes) {
      Result<ReceiptHandleParts> parts = ParseReceiptHandle(change.receipt_handle.value);
      statuses.push_back(parts.ok()
                             ? queue->ChangeVisibility(*parts, change.timeout, &write.changes)
                             : parts.status());
      made_visible = made_visible || (statuses.back().ok() && change.timeout.count() == 0);
    }
    if (write.changes.empty()) {
      lock.unlock();
      done(std::move(statuses));
      return;
    }
    std::vector<PendingWrite> writes;
    writes.push_back(std::move(write));
    Persist(std::move(writes),
            [done = std::move(done), statuses = std::move(statuses)](Status status) mutable {
              if (status.ok()) {
                done(std::move(statuses));
              } else {
                done(std::move(status));
              }
            });
  }
  if (made_visible) {
    ServeWaiters(queue);
  }
}

void QueueService::Purge(const QueueId& id, StatusCallback done) {
  std::shared_ptr<Queue> queue = Find(id);
  if (queue == nullptr) {
    done(QueueNotFound());
    return;
  }
  std::unique_lock lock(queue->mu());
  const int64_t now = clock_.NowMillis();
  if (queue->deleted()) {
    lock.unlock();
    done(QueueNotFound());
    return;
  }
  if (queue->last_purge_millis() != 0 &&
      queue->last_purge_millis() + ToMillis(options_.purge_cooldown) > now) {
    lock.unlock();
    done(Status::FailedPrecondition(Format(
        "Only one PurgeQueue operation on {} is allowed every 60 seconds.", queue->id().name)));
    return;
  }
  QueueChanges changes;
  queue->Purge(&changes);
  queue->set_last_purge_millis(now);
  database_.Submit(
      [record = RecordOf(*queue), changes = std::move(changes)](storage::Transaction& transaction) {
        STRATUS_RETURN_IF_ERROR(ApplyChanges(transaction, record.storage_id, changes));
        return UpdateQueue(transaction, record);
      },
      std::move(done));
}

int64_t QueueService::MoveMessages(const std::shared_ptr<Queue>& source,
                                   const std::optional<QueueId>& destination) {
  // Finds the targets first, then moves target by target, each under both
  // queues' locks so that memory order and commit order agree.
  std::set<QueueId> targets;
  if (destination.has_value()) {
    targets.insert(*destination);
  } else {
    std::lock_guard lock(source->mu());
    targets = source->DeliverableDeadLetterSources();
  }
  int64_t num_moved = 0;
  for (const QueueId& target_id : targets) {
    std::shared_ptr<Queue> target = Find(target_id);
    if (target == nullptr || target == source) {
      continue;
    }
    QueueLocks locks(*source, target.get());
    if (source->deleted() || target->deleted()) {
      continue;
    }
    PendingWrite from{.storage_id = source->storage_id()};
    PendingWrite to{.storage_id = target->storage_id()};
    std::vector<StoredMessage> taken = source->TakeDeliverable(
        [&](const StoredMessage& message) {
          return destination.has_value() || message.dead_letter_source == target_id;
        },
        &from.changes);
    num_moved += static_cast<int64_t>(taken.size());
    for (StoredMessage& message : taken) {
      target->InsertMoved(std::move(message), std::nullopt, &to.changes);
    }
    to.next_seq = target->next_seq();
    std::vector<PendingWrite> writes;
    writes.push_back(std::move(from));
    writes.push_back(std::move(to));
    Persist(std::move(writes), [](const Status& status) {
      if (!status.ok()) {
        kSqsLog.Error("persisting a message move failed: {}", status.ToString());
      }
    });
  }
  return num_moved;
}

void QueueService::StartMoveTask(const QueueId& source,
                                 std::optional<QueueId> destination,
                                 int64_t max_messages_per_second,
                                 Callback<MoveTask> done) {
  std::shared_ptr<Queue> source_queue = Find(source);
  if (source_queue == nullptr) {
    done(
        Status::NotFound("The resource that you specified for the SourceArn parameter "
                         "doesn't exist."));
    return;
  }
  Result<std::vector<QueueId>> sources = DeadLetterSources(source);
  if (!sources.ok() || sources->empty()) {
    done(Status::InvalidArgument("Source queue must be configured as a Dead Letter Queue."));
    return;
  }
  if (destination.has_value() && Find(*destination) == nullptr) {
    done(
        Status::NotFound("The resource that you specified for the DestinationArn parameter "
                         "doesn't exist."));
    return;
  }
  MoveTask task{.handle = Base64Encode(ids_.Uuid() + ":" + EncodeQueueId(source)),
                .source = source,
                .destination = destination,
                .status = MoveTaskStatus::kRunning,
                .max_messages_per_second = max_messages_per_second,
                .started_millis = clock_.NowMillis()};
  {
    std::lock_guard lock(source_queue->mu());
    task.num_to_move = source_queue->Counts().visible;
  }
  {
    std::lock_guard lock(mu_);
    for (const auto& [handle, existing] : move_tasks_) {
      if (existing.source == source && existing.status == MoveTaskStatus::kRunning) {
        done(Status::FailedPrecondition("There is already a task running for this source."));
        return;
      }
    }
    move_tasks_[task.handle] = task;
  }
  // The moves run now; the task is complete once their commits are.
  task.num_moved = MoveMessages(source_queue, destination);
  task.status = MoveTaskStatus::kCompleted;
  {
    std::lock_guard lock(mu_);
    move_tasks_[task.handle] = task;
    PruneMoveTasks(source);
  }
  database_.Submit([](storage::Transaction&) { return Status::Ok(); },
                   [done = std::move(done), task](Status status) {
                     if (status.ok()) {
                       done(task);
                     } else {
                       done(std::move(status));
                     }
                   });
}

void QueueService::PruneMoveTasks(const QueueId& source) {
  // REQUIRES: mu_ held. Keeps the newest kMaxMoveTasksPerSource tasks per source.
  constexpr size_t kMaxMoveTasksPerSource = 10;
  std::vector<std::pair<int64_t, std::string>> tasks;
  for (const auto& [handle, task] : move_tasks_) {
    if (task.source == source) {
      tasks.emplace_back(task.started_millis, handle);
    }
  }
  if (tasks.size() <= kMaxMoveTasksPerSource) {
    return;
  }
  std::sort(tasks.begin(), tasks.end());
  for (size_t i = 0; i + kMaxMoveTasksPerSource < tasks.size(); ++i) {
    move_tasks_.erase(tasks[i].second);
  }
}

Result<std::vector<MoveTask>> QueueService::ListMoveTasks(const QueueId& source,
                                                          size_t max_results) const {
  if (Find(source) == nullptr) {
    return Status::NotFound(
        "The resource that you specified for the SourceArn parameter "
        "doesn't exist.");
  }
  std::vector<MoveTask> tasks;
  {
    std::lock_guard lock(mu_);
    for (const auto& [handle, task] : move_tasks_) {
      if (task.source == source) {
        tasks.push_back(task);
      }
    }
  }
  std::sort(tasks.begin(), tasks.end(), [](const MoveTask& a, const MoveTask& b) {
    return a.started_millis > b.started_millis;
  });
  if (tasks.size() > max_results) {
    tasks.resize(max_results);
  }
  return tasks;
}

Result<MoveTask> QueueService::CancelMoveTask(const std::string& handle) {
  std::lock_guard lock(mu_);
  auto it = move_tasks_.find(handle);
  if (it == move_tasks_.end()) {
    return Status::NotFound("Task does not exist.");
  }
  if (it->second.status != MoveTaskStatus::kRunning) {
    return Status::FailedPrecondition("Only active tasks can be cancelled.");
  }
  it->second.status = MoveTaskStatus::kCancelled;
  return it->second;
}

}  // namespace stratus::sqs
