#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <future>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "storage/database.h"
#include "storage/temp_dir_for_test.h"
#include "testing/status_matchers.h"

namespace stratus::storage {
namespace {

constexpr std::array<std::string_view, 2> kSchema = {
    "CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);",
    "CREATE TABLE parents(id INTEGER PRIMARY KEY);"
    "CREATE TABLE children(id INTEGER PRIMARY KEY, parent INTEGER"
    "  REFERENCES parents(id) DEFERRABLE INITIALLY DEFERRED);",
};

Result<int64_t> CountRows(Database& db, std::string_view sql) {
  int64_t value = -1;
  STRATUS_RETURN_IF_ERROR(db.Read([&](Transaction& txn) {
    return txn.Query(sql, {}, [&](const Row& row) {
      value = row.GetInt(0);
      return Status::Ok();
    });
  }));
  return value;
}

std::function<Status(Transaction&)> Insert(std::string name) {
  return [name = std::move(name)](Transaction& txn) {
    return txn.Exec("INSERT INTO items(name) VALUES(?1)", {name}).status();
  };
}

// Holds the writer thread inside a work until Release(), so that works
// submitted meanwhile are taken together as the next group.
class WriterGate {
 public:
  explicit WriterGate(Database& db) {
    std::shared_future<void> opened = open_.get_future().share();
    db.Submit(
        [opened, this](Transaction&) {
          entered_.set_value();
          opened.wait();
          return Status::Ok();
        },
        [](Status) {});
    entered_.get_future().wait();
  }

  void Release() { open_.set_value(); }

 private:
  std::promise<void> open_;
  std::promise<void> entered_;
};

// Collects `done` statuses by index and lets the test wait for all of them.
class DoneLog {
 public:
  explicit DoneLog(size_t n) : statuses_(n), remaining_(static_cast<int64_t>(n)) {}

  std::function<void(Status)> Slot(size_t i) {
    return [this, i](Status s) {
      std::lock_guard lock(mu_);
      statuses_[i] = std::move(s);
      if (--remaining_ == 0) {
        all_.set_value();
      }
    };
  }

  const std::vector<Status>& Wait() {
    all_.get_future().wait();
    return statuses_;
  }

 private:
  std::mutex mu_;
  std::vector<Status> statuses_;
  int64_t remaining_;
  std::promise<void> all_;
};

TEST(GroupCommitTest, FailingWorkRollsBackAloneWhileGroupMatesCommit) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto db, Database::Open(dir.File("svc.db")));
  ASSERT_OK(db->Migrate(kSchema));
  ASSERT_OK(db->Write(Insert("taken")));

  WriterGate gate(*db);
  const DatabaseMetrics before = db->metrics();
  DoneLog log(3);
  db->Submit(Insert("a"), log.Slot(0));
  db->Submit(
      [](Transaction& txn) {
        // Its first insert succeeds, its second violates UNIQUE: both must vanish.
        STRATUS_RETURN_IF_ERROR(txn.Exec("INSERT INTO items(name) VALUES('b1')").status());
        return txn.Exec("INSERT INTO items(name) VALUES('taken')").status();
      },
      log.Slot(1));
  db->Submit(Insert("c"), log.Slot(2));
  gate.Release();
  const std::vector<Status>& statuses = log.Wait();

  EXPECT_OK(statuses[0]);
  EXPECT_STATUS(StatusCode::kFailedPrecondition, statuses[1]);
  EXPECT_OK(statuses[2]);
  // The gate's work and the three works: two commits, the second holding all three.
  const DatabaseMetrics after = db->metrics();
  EXPECT_EQ(after.num_commits - before.num_commits, 2);
  EXPECT_EQ(after.max_group_size, 3);
  std::vector<std::string> names;
  ASSERT_OK(db->Read([&](Transaction& txn) {
    return txn.Query("SELECT name FROM items ORDER BY name", {}, [&](const Row& row) {
      names.push_back(row.GetText(0));
      return Status::Ok();
    });
  }));
  EXPECT_THAT(names, ::testing::ElementsAre("a", "c", "taken"));
}

TEST(GroupCommitTest, WorkReturningErrorRollsBackItsWrites) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto db, Database::Open(dir.File("svc.db")));
  ASSERT_OK(db->Migrate(kSchema));
  const Status status_1 = ::stratus::testing::GetStatus(db->Write([](Transaction& txn) {
    STRATUS_RETURN_IF_ERROR(txn.Exec("INSERT INTO items(name) VALUES('x')").status());
    return Status::NotFound("business rule failed after the insert");
  }));
  EXPECT_STATUS(StatusCode::kNotFound, status_1);
  ASSERT_OK_AND_ASSIGN(int64_t num_rows, CountRows(*db, "SELECT count(*) FROM items"));
  EXPECT_EQ(num_rows, 0);
}

TEST(GroupCommitTest, FailedCommitFailsEveryWorkInTheGroup) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto db, Database::Open(dir.File("svc.db")));
  ASSERT_OK(db->Migrate(kSchema));

  WriterGate gate(*db);
  DoneLog log(2);
  db->Submit(Insert("innocent"), log.Slot(0));
  // A deferred foreign key is checked only at COMMIT, so the whole commit fails.
  db->Submit(
      [](Transaction& txn) {
        return txn.Exec("INSERT INTO children(id, parent) VALUES(1, 99)").status();
      },
      log.Slot(1));
  gate.Release();
  const std::vector<Status>& statuses = log.Wait();
  EXPECT_STATUS(StatusCode::kFailedPrecondition, statuses[0]);
  EXPECT_STATUS(StatusCode::kFailedPrecondition, statuses[1]);
  ASSERT_OK_AND_ASSIGN(int64_t num_items, CountRows(*db, "SELECT count(*) FROM items"));
  EXPECT_EQ(num_items, 0);
  // The writer recovers: the next group commits.
  ASSERT_OK(db->Write(Insert("later")));
  ASSERT_OK_AND_ASSIGN(num_items, CountRows(*db, "SELECT count(*) FROM items"));
  EXPECT_EQ(num_items, 1);
}

TEST(GroupCommitTest, DoneIsCalledAfterTheCommitIsVisibleToOtherConnections) {
  TempDir dir;
  const std::string path = dir.File("svc.db");
  ASSERT_OK_AND_ASSIGN(auto db, Database::Open(path));
  ASSERT_OK(db->Migrate(kSchema));
  std::promise<int64_t> seen_by_fresh_connection;
  std::promise<int64_t> seen_by_read;
  db->Submit(Insert("visible"), [&](Status status) {
    EXPECT_OK(status);
    // A brand-new connection sees only committed data.
    sqlite3* fresh = nullptr;
    int64_t count = -1;
    if (sqlite3_open_v2(path.c_str(), &fresh, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
      sqlite3_stmt* stmt = nullptr;
      sqlite3_prepare_v2(fresh, "SELECT count(*) FROM items WHERE name='visible'", -1, &stmt,
                         nullptr);
      if (stmt != nullptr && sqlite3_step(stmt) == SQLITE_ROW) {
        count = sqlite3_column_int64(stmt, 0);
      }
      sqlite3_finalize(stmt);
    }
    sqlite3_close(fresh);
    seen_by_fresh_connection.set_value(count);
    Result<int64_t> via_read = CountRows(*db, "SELECT count(*) FROM items WHERE name='visible'");
    seen_by_read.set_value(via_read.value_or(-1));
  });
  EXPECT_EQ(seen_by_fresh_connection.get_future().get(), 1);
  EXPECT_EQ(seen_by_read.get_future().get(), 1);
}

TEST(GroupCommitTest, ConcurrentSubmitsFromManyThreadsAllLand) {
  TempDir dir;
  // A tiny queue also exercises Submit's back-pressure.
  ASSERT_OK_AND_ASSIGN(auto db, Database::Open(dir.File("svc.db"), {.max_group_delay_micros = 0,
                                                                    .max_group_size = 16,
                                                                    .fsync = false,
                                                                    .max_queue_size = 8,
                                                                    .num_read_connections = 2,
                                                                    .busy_timeout_millis = 5000}));
  ASSERT_OK(db->Migrate(kSchema));
  constexpr int kThreads = 64;
  constexpr int kPerThread = 40;
  std::atomic<int> num_failed{0};
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        if (!db->Write(Insert(std::to_string(t) + "/" + std::to_string(i))).ok()) {
          ++num_failed;
        }
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(num_failed.load(), 0);
  ASSERT_OK_AND_ASSIGN(int64_t num_rows, CountRows(*db, "SELECT count(*) FROM items"));
  EXPECT_EQ(num_rows, kThreads * kPerThread);
}

TEST(GroupCommitTest, ConcurrentWritersShareCommits) {
  // Bench-like: 64 writers, fsync on. Prints the rate; asserts only correctness.
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto db, Database::Open(dir.File("svc.db")));
  ASSERT_OK(db->Migrate(kSchema));
  constexpr int kThreads = 64;
  constexpr int kPerThread = 50;
  std::vector<std::thread> threads;
  const auto start = std::chrono::steady_clock::now();
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        EXPECT_OK(db->Write(Insert(std::to_string(t) + ":" + std::to_string(i))));
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_OK_AND_ASSIGN(int64_t num_rows, CountRows(*db, "SELECT count(*) FROM items"));
  EXPECT_EQ(num_rows, kThreads * kPerThread);
  std::printf("[ info     ] %d writers: %.0f inserts/s\n", kThreads, num_rows / seconds);
}

TEST(GroupCommitTest, DoneMaySubmitMoreWorkEvenWhenTheQueueIsFull) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto db, Database::Open(dir.File("svc.db"), {.max_group_delay_micros = 0,
                                                                    .max_group_size = 1,
                                                                    .fsync = false,
                                                                    .max_queue_size = 1,
                                                                    .num_read_connections = 1,
                                                                    .busy_timeout_millis = 5000}));
  ASSERT_OK(db->Migrate(kSchema));
  std::promise<Status> chained;
  std::atomic<int> num_fanned{0};
  db->Submit(Insert("first"), [&](Status status) {
    EXPECT_OK(status);
    for (int i = 0; i < 5; ++i) {  // Above max_queue_size: must not block the writer.
      db->Submit(Insert("fan" + std::to_string(i)), [&](Status) { ++num_fanned; });
    }
    db->Submit(Insert("second"), [&](Status s) { chained.set_value(std::move(s)); });
  });
  EXPECT_OK(chained.get_future().get());
  EXPECT_EQ(num_fanned.load(), 5);
}

TEST(GroupCommitTest, GroupDelayStillCommitsALoneWork) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto db, Database::Open(dir.File("svc.db"), {.max_group_delay_micros = 2000,
                                                                    .max_group_size = 1024,
                                                                    .fsync = true,
                                                                    .max_queue_size = 8192,
                                                                    .num_read_connections = 2,
                                                                    .busy_timeout_millis = 5000}));
  ASSERT_OK(db->Migrate(kSchema));
  ASSERT_OK(db->Write(Insert("alone")));
  ASSERT_OK_AND_ASSIGN(int64_t num_rows, CountRows(*db, "SELECT count(*) FROM items"));
  EXPECT_EQ(num_rows, 1);
}

TEST(GroupCommitTest, StopDrainsQueuedWorks) {
  TempDir dir;
  const std::string path = dir.File("svc.db");
  ASSERT_OK_AND_ASSIGN(auto db, Database::Open(path));
  ASSERT_OK(db->Migrate(kSchema));
  constexpr int kWorks = 100;
  std::atomic<int> num_ok{0};
  {
    WriterGate gate(*db);
    for (int i = 0; i < kWorks; ++i) {
      db->Submit(Insert("q" + std::to_string(i)), [&](Status s) { num_ok += s.ok() ? 1 : 0; });
    }
    gate.Release();
    db->Stop();
  }
  EXPECT_EQ(num_ok.load(), kWorks);
  ASSERT_OK_AND_ASSIGN(auto reopened, Database::Open(path));
  ASSERT_OK_AND_ASSIGN(int64_t num_rows, CountRows(*reopened, "SELECT count(*) FROM items"));
  EXPECT_EQ(num_rows, kWorks);
}

// Child process: writes forever from 8 threads, reporting each acknowledged
// id on `fd` from `done`. Never returns.
[[noreturn]] void RunCrashingWriter(const std::string& path, int fd) {
  Result<std::unique_ptr<Database>> opened = Database::Open(path);
  if (!opened.ok()) {
    _exit(2);
  }
  std::unique_ptr<Database> db = std::move(opened).value();
  std::atomic<int64_t> next_id{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (;;) {
        const int64_t id = next_id++;
        db->Submit(
            [id](Transaction& txn) {
              return txn
                  .Exec("INSERT INTO items(id, name) VALUES(?1, ?2)",
                        {id, "n" + std::to_string(id)})
                  .status();
            },
            [id, fd](Status s) {
              if (s.ok()) {
                (void)!write(fd, &id, sizeof(id));
              }
            });
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  _exit(0);
}

TEST(GroupCommitTest, AcknowledgedWritesSurviveKillDashNine) {
  TempDir dir;
  const std::string path = dir.File("svc.db");
  {
    ASSERT_OK_AND_ASSIGN(auto db, Database::Open(path));
    ASSERT_OK(db->Migrate(kSchema));
  }
  std::array<int, 2> fds{};
  ASSERT_EQ(pipe(fds.data()), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(fds[0]);
    RunCrashingWriter(path, fds[1]);
  }
  close(fds[1]);
  std::set<int64_t> acknowledged;
  int64_t id = 0;
  constexpr size_t kKillAfter = 2000;
  while (acknowledged.size() < kKillAfter && read(fds[0], &id, sizeof(id)) == sizeof(id)) {
    acknowledged.insert(id);
  }
  ASSERT_EQ(kill(child, SIGKILL), 0);
  // Acks already in the pipe were sent before the kill; they count too.
  while (read(fds[0], &id, sizeof(id)) == sizeof(id)) {
    acknowledged.insert(id);
  }
  close(fds[0]);
  int wait_status = 0;
  ASSERT_EQ(waitpid(child, &wait_status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(wait_status));
  ASSERT_GE(acknowledged.size(), kKillAfter);

  ASSERT_OK_AND_ASSIGN(auto db, Database::Open(path));
  std::set<int64_t> present;
  ASSERT_OK(db->Read([&](Transaction& txn) {
    return txn.Query("SELECT id FROM items", {}, [&](const Row& row) {
      present.insert(row.GetInt(0));
      return Status::Ok();
    });
  }));
  size_t num_missing = 0;
  for (int64_t acked : acknowledged) {
    num_missing += present.count(acked) == 0 ? 1 : 0;
  }
  EXPECT_EQ(num_missing, 0U) << "of " << acknowledged.size() << " acknowledged";
  std::printf("[ info     ] acknowledged=%zu present=%zu\n", acknowledged.size(), present.size());
}

}  // namespace
}  // namespace stratus::storage
