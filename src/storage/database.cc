#include "storage/database.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <future>
#include <mutex>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include <pthread.h>

#include "base/check.h"
#include "base/format.h"
#include "storage/connection_internal.h"
#include "storage/log.h"

namespace stratus::storage {
namespace {

// One queued unit for the writer thread: either a `work` for the next group
// commit, or a `solo` job (a migration) that runs alone, outside any group.
struct WriteItem {
  std::function<Status(Transaction&)> work = {};
  std::function<void(Status)> done = {};
  std::function<void(Connection&)> solo = {};
};

// Runs `work`, turning an escaped exception into a Status: project code does
// not throw, but a std::bad_alloc must not leave a transaction half-open.
Status RunWork(const std::function<Status(Transaction&)>& work, Transaction& txn) {
  try {
    return work(txn);
  } catch (const std::exception& e) {
    return Status::Internal(Format("work threw: {}", e.what()));
  } catch (...) {
    return Status::Internal("work threw a non-standard exception");
  }
}

// The SQLite implementation of Database: one writer connection owned by the
// writer thread, a pool of read connections for Read().
class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, DatabaseOptions options)
      : path_(std::move(path)), options_(options) {}

  ~SqliteDatabase() override { Stop(); }

  Status Init();

  Status Migrate(std::span<const std::string_view> migrations) override;
  void Submit(std::function<Status(Transaction&)> work, std::function<void(Status)> done) override;
  Status Write(std::function<Status(Transaction&)> work) override;
  Status Read(const std::function<Status(Transaction&)>& work) override;
  void Stop() override;
  DatabaseMetrics metrics() const override;

 private:
  bool OnWriterThread() const { return std::this_thread::get_id() == writer_id_; }

  // Queues `item`; returns false (without queueing) when stopped.
  bool Enqueue(WriteItem item);
  void WriterLoop();
  // Waits for work and moves the next group (or one solo job) into `group`.
  // Returns false when stopped and drained.
  bool TakeGroup(std::vector<WriteItem>& group);
  // Commits `group` (all non-solo works) and calls their `done`s.
  void RunGroup(std::vector<WriteItem>& group);
  // Runs group[begin..] in one transaction; returns the index of the first
  // work not run because the transaction was lost, or group.size().
  size_t RunTransaction(std::vector<WriteItem>& group, size_t begin, std::vector<Status>& statuses);
  Status RunMigrations(Connection& connection, std::span<const std::string> migrations);

  const std::string path_;
  const DatabaseOptions options_;
  std::unique_ptr<Connection> writer_;  // Used only by the writer thread once started.
  std::thread writer_thread_;
  std::thread::id writer_id_;

  std::mutex mu_;
  std::condition_variable work_ready_;   // Signalled when queue_ grows or stopping_.
  std::condition_variable queue_space_;  // Signalled when the writer takes items.
  std::deque<WriteItem> queue_;          // Guarded by mu_.
  bool stopping_ = false;                // Guarded by mu_.

  std::mutex readers_mu_;
  std::condition_variable reader_free_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;  // Guarded by readers_mu_.
  size_t num_readers_out_ = 0;                             // Guarded by readers_mu_.
  bool readers_closed_ = false;                            // Guarded by readers_mu_.

  std::mutex stop_mu_;  // Serializes Stop().

  // Written by the writer thread only; read by metrics() from any thread.
  std::atomic<int64_t> num_works_{0};
  std::atomic<int64_t> num_commits_{0};
  std::atomic<int64_t> num_failed_commits_{0};
  std::atomic<int64_t> max_group_size_{0};
};

Status SqliteDatabase::Init() {
  const std::filesystem::path parent = std::filesystem::path(path_).parent_path();
  if (!parent.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
    if (ec) {
      return Status::IoError(Format("cannot create {}: {}", parent.string(), ec.message()));
    }
  }
  const ConnectionOptions writer_options{.read_only = false,
                                         .fsync = options_.fsync,
                                         .busy_timeout_millis = options_.busy_timeout_millis};
  STRATUS_ASSIGN_OR_RETURN(writer_, Connection::Open(path_, writer_options));
  const ConnectionOptions reader_options{.read_only = true,
                                         .fsync = options_.fsync,
                                         .busy_timeout_millis = options_.busy_timeout_millis};
  for (size_t i = 0; i < std::max<size_t>(1, options_.num_read_connections); ++i) {
    STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<Connection> reader,
                             Connection::Open(path_, reader_options));
    idle_readers_.push_back(std::move(reader));
  }
  writer_thread_ = std::thread([this] { WriterLoop(); });
  writer_id_ = writer_thread_.get_id();
  kStorageLog.Info("database opened path={} fsync={}", path_, options_.fsync);
  return Status::Ok();
}

bool SqliteDatabase::Enqueue(WriteItem item) {
  std::unique_lock lock(mu_);
  if (!OnWriterThread()) {
    // Back-pressure: wait for room. The writer never waits on itself.
    queue_space_.wait(lock, [&] { return stopping_ || queue_.size() < options_.max_queue_size; });
  }
  if (stopping_) {
    return false;
  }
  queue_.push_back(std::move(item));
  lock.unlock();
  work_ready_.notify_one();
  return true;
}

void SqliteDatabase::Submit(std::function<Status(Transaction&)> work,
                            std::function<void(Status)> done) {
  // Keeps `done` reachable if the queue refuses the item.
  auto shared_done = std::make_shared<std::function<void(Status)>>(std::move(done));
  const bool queued = Enqueue(WriteItem{.work = std::move(work),
                                        .done =
                                            [shared_done](Status s) {
                                              if (*shared_done) {
                                                (*shared_done)(std::move(s));
                                              }
                                            },
                                        .solo = {}});
  if (!queued && *shared_done) {
    (*shared_done)(Status::Cancelled(Format("database {} is stopped", path_)));
  }
}

Status SqliteDatabase::Write(std::function<Status(Transaction&)> work) {
  if (OnWriterThread()) {
    return Status::Internal("Database::Write called on the writer thread (it would deadlock)");
  }
  std::promise<Status> promise;
  std::future<Status> future = promise.get_future();
  Submit(std::move(work), [&promise](Status status) { promise.set_value(std::move(status)); });
  return future.get();
}

Status SqliteDatabase::Migrate(std::span<const std::string_view> migrations) {
  if (OnWriterThread()) {
    return Status::Internal("Database::Migrate called on the writer thread (it would deadlock)");
  }
  std::vector<std::string> texts(migrations.begin(), migrations.end());
  std::promise<Status> promise;
  std::future<Status> future = promise.get_future();
  const bool queued = Enqueue(
      WriteItem{.work = {}, .done = {}, .solo = [this, &texts, &promise](Connection& connection) {
                  promise.set_value(RunMigrations(connection, texts));
                }});
  if (!queued) {
    return Status::Cancelled(Format("database {} is stopped", path_));
  }
  return future.get();
}

Status SqliteDatabase::RunMigrations(Connection& connection,
                                     std::span<const std::string> migrations) {
  for (;;) {
    STRATUS_RETURN_IF_ERROR(connection.ExecScript("BEGIN IMMEDIATE"));
    // Reads the version inside the write lock, so concurrent Migrate() calls
    // (or other processes) cannot apply a step twice.
    Result<int64_t> version = connection.QueryInt("PRAGMA user_version");
    Status status = version.status();
    const auto num_known = static_cast<int64_t>(migrations.size());
    if (version.ok() && *version >= num_known) {
      status = *version == num_known
                   ? connection.ExecScript("COMMIT")
                   : Status::FailedPrecondition(
                         Format("database {} has schema version {}, newer than this binary's {}",
                                path_, *version, num_known));
      if (!status.ok() && !connection.autocommit()) {
        (void)connection.ExecScript("ROLLBACK");
      }
      return status;
    }
    if (status.ok()) {
      status = connection.ExecScript(migrations[static_cast<size_t>(*version)]);
    }
    if (status.ok()) {
      status = connection.ExecScript(Format("PRAGMA user_version={}", *version + 1));
    }
    if (status.ok()) {
      status = connection.ExecScript("COMMIT");
    }
    if (!status.ok()) {
      if (!connection.autocommit()) {
        (void)connection.ExecScript("ROLLBACK");
      }
      return {status.code(), Format("migration {} of {} failed: {}", version.ok() ? *version : -1,
                                    path_, status.message())};
    }
    kStorageLog.Info("migrated path={} user_version={}", path_, *version + 1);
  }
}

Status SqliteDatabase::Read(const std::function<Status(Transaction&)>& work) {
  std::unique_ptr<Connection> reader;
  {
    std::unique_lock lock(readers_mu_);
    reader_free_.wait(lock, [&] { return readers_closed_ || !idle_readers_.empty(); });
    if (readers_closed_) {
      return Status::Cancelled(Format("database {} is stopped", path_));
    }
    reader = std::move(idle_readers_.back());
    idle_readers_.pop_back();
    ++num_readers_out_;
  }
  // One read transaction, so every statement in `work` sees the same snapshot.
  Status status = reader->ExecScript("BEGIN");
  if (status.ok()) {
    ConnectionTransaction txn(*reader);
    status = RunWork(work, txn);
  }
  if (!reader->autocommit()) {
    (void)reader->ExecScript("ROLLBACK");  // Nothing to keep; ends the snapshot.
  }
  {
    std::lock_guard lock(readers_mu_);
    idle_readers_.push_back(std::move(reader));
    --num_readers_out_;
  }
  reader_free_.notify_all();
  return status;
}

void SqliteDatabase::Stop() {
  STRATUS_CHECK(!OnWriterThread() || !writer_thread_.joinable(),
                "Database::Stop called on the writer thread");
  std::lock_guard stop_lock(stop_mu_);
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  queue_space_.notify_all();
  if (writer_thread_.joinable()) {
    writer_thread_.join();
  }
  {
    std::unique_lock lock(readers_mu_);
    readers_closed_ = true;
    reader_free_.notify_all();
    // Waits for Read() calls in flight to hand their connections back.
    reader_free_.wait(lock, [&] { return num_readers_out_ == 0; });
    idle_readers_.clear();
  }
  // Closed last, so that this connection checkpoints the WAL into the file.
  if (writer_ != nullptr) {
    writer_->Close();
  }
}

DatabaseMetrics SqliteDatabase::metrics() const {
  return DatabaseMetrics{.num_works = num_works_.load(std::memory_order_relaxed),
                         .num_commits = num_commits_.load(std::memory_order_relaxed),
                         .num_failed_commits = num_failed_commits_.load(std::memory_order_relaxed),
                         .max_group_size = max_group_size_.load(std::memory_order_relaxed)};
}

bool SqliteDatabase::TakeGroup(std::vector<WriteItem>& group) {
  std::unique_lock lock(mu_);
  work_ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
  if (queue_.empty()) {
    return false;  // Stopping and drained.
  }
  const size_t max_group = std::max<size_t>(1, options_.max_group_size);
  if (options_.max_group_delay_micros > 0 && !stopping_ && queue_.size() < max_group &&
      !queue_.front().solo) {
    work_ready_.wait_for(lock, std::chrono::microseconds(options_.max_group_delay_micros),
                         [&] { return stopping_ || queue_.size() >= max_group; });
  }
  if (queue_.front().solo) {
    group.push_back(std::move(queue_.front()));
    queue_.pop_front();
  } else {
    while (!queue_.empty() && group.size() < max_group && !queue_.front().solo) {
      group.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
  }
  lock.unlock();
  queue_space_.notify_all();
  return true;
}

void SqliteDatabase::WriterLoop() {
  pthread_setname_np(pthread_self(), "storage-writer");
  std::vector<WriteItem> group;
  while (TakeGroup(group)) {
    if (group.front().solo) {
      group.front().solo(*writer_);
    } else {
      RunGroup(group);
    }
    group.clear();
  }
}

void SqliteDatabase::RunGroup(std::vector<WriteItem>& group) {
  std::vector<Status> statuses(group.size());
  size_t begin = 0;
  while (begin < group.size()) {
    begin = RunTransaction(group, begin, statuses);
  }
  num_works_.fetch_add(static_cast<int64_t>(group.size()), std::memory_order_relaxed);
  if (static_cast<int64_t>(group.size()) > max_group_size_.load(std::memory_order_relaxed)) {
    max_group_size_.store(static_cast<int64_t>(group.size()), std::memory_order_relaxed);
  }
  for (size_t i = 0; i < group.size(); ++i) {
    group[i].done(std::move(statuses[i]));
  }
}

size_t SqliteDatabase::RunTransaction(std::vector<WriteItem>& group,
                                      size_t begin,
                                      std::vector<Status>& statuses) {
  Status status = writer_->ExecScript("BEGIN IMMEDIATE");
  if (!status.ok()) {
    num_failed_commits_.fetch_add(1, std::memory_order_relaxed);
    for (size_t i = begin; i < group.size(); ++i) {
      statuses[i] = status;
    }
    return group.size();
  }
  ConnectionTransaction txn(*writer_);
  for (size_t i = begin; i < group.size(); ++i) {
    status = writer_->ExecScript("SAVEPOINT work");
    if (status.ok()) {
      status = RunWork(group[i].work, txn);
      if (status.ok()) {
        status = writer_->ExecScript("RELEASE work");
      }
    }
    if (writer_->autocommit()) {
      // SQLite rolled the whole transaction back (I/O error, disk full, or a
      // work that ended the transaction itself): works begin..i are lost.
      const Status lost =
          status.ok() ? Status::Internal("transaction ended inside a work") : status;
      for (size_t j = begin; j <= i; ++j) {
        statuses[j] = lost;
      }
      return i + 1;  // The rest run in a fresh transaction.
    }
    if (!status.ok()) {
      (void)writer_->ExecScript("ROLLBACK TO work");
      (void)writer_->ExecScript("RELEASE work");
    }
    statuses[i] = std::move(status);
  }
  status = writer_->ExecScript("COMMIT");
  (status.ok() ? num_commits_ : num_failed_commits_).fetch_add(1, std::memory_order_relaxed);
  if (!status.ok()) {
    if (!writer_->autocommit()) {
      (void)writer_->ExecScript("ROLLBACK");
    }
    for (size_t i = begin; i < group.size(); ++i) {
      statuses[i] = status;
    }
  }
  return group.size();
}

}  // namespace

Result<std::unique_ptr<Database>> Database::Open(const std::string& path, DatabaseOptions options) {
  auto database = std::make_unique<SqliteDatabase>(path, options);
  STRATUS_RETURN_IF_ERROR(database->Init());
  return std::unique_ptr<Database>(std::move(database));
}

}  // namespace stratus::storage
