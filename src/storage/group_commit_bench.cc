// Measures group-commit throughput: N writer threads each loop on
// Database::Write(one small INSERT) for a fixed time; prints inserts/s,
// commits/s and the group sizes. Usage: stratus_storage_group_commit_bench [seconds] [dir]
// (dir defaults to a fresh directory under /tmp; the disk under test matters).

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "storage/database.h"
#include "storage/temp_dir_for_test.h"

namespace stratus::storage {
namespace {

constexpr std::string_view kSchema =
    "CREATE TABLE items(id INTEGER PRIMARY KEY, writer INTEGER, body TEXT);";

struct Outcome {
  int64_t num_inserts = 0;
  int64_t num_commits = 0;
  int64_t max_group_size = 0;
  double seconds = 0;
};

Result<Outcome> RunOnce(const std::string& path, int num_writers, double seconds, bool fsync) {
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<Database> db,
                           Database::Open(path, DatabaseOptions{.max_group_delay_micros = 0,
                                                                .max_group_size = 1024,
                                                                .fsync = fsync,
                                                                .max_queue_size = 8192,
                                                                .num_read_connections = 1,
                                                                .busy_timeout_millis = 5000}));
  const std::string_view migrations[] = {kSchema};
  STRATUS_RETURN_IF_ERROR(db->Migrate(migrations));
  std::atomic<int64_t> num_inserts{0};
  std::atomic<int64_t> num_errors{0};
  std::atomic<bool> stop{false};
  const std::string body(100, 'x');
  std::vector<std::thread> writers;
  const auto start = std::chrono::steady_clock::now();
  for (int w = 0; w < num_writers; ++w) {
    writers.emplace_back([&, w] {
      while (!stop.load(std::memory_order_relaxed)) {
        const Status status = db->Write([&](Transaction& txn) {
          return txn.Exec("INSERT INTO items(writer, body) VALUES(?1, ?2)", {int64_t{w}, body})
              .status();
        });
        (status.ok() ? num_inserts : num_errors).fetch_add(1, std::memory_order_relaxed);
      }
    });
  }
  // The main thread is the timer; it only reads the steady clock.
  while (std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() <
         seconds) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));  // STRATUS_LINT_ALLOW(bench timer)
  }
  stop = true;
  for (std::thread& writer : writers) {
    writer.join();
  }
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (num_errors.load() != 0) {
    return Status::Internal("writes failed during the benchmark");
  }
  const DatabaseMetrics metrics = db->metrics();
  db->Stop();
  return Outcome{.num_inserts = num_inserts.load(),
                 .num_commits = metrics.num_commits,
                 .max_group_size = metrics.max_group_size,
                 .seconds = elapsed};
}

int Main(int argc, char** argv) {
  const double seconds = argc > 1 ? std::atof(argv[1]) : 3.0;
  TempDir scratch;
  const std::string dir = argc > 2 ? std::string(argv[2]) : scratch.path();
  std::printf("group commit: each writer loops Write(INSERT 1 row), %.1f s per case, dir=%s\n",
              seconds, dir.c_str());
  std::printf("%-8s %-8s %12s %12s %10s %10s\n", "sync", "writers", "inserts/s", "commits/s",
              "avg_group", "max_group");
  int run = 0;
  for (const bool fsync : {true, false}) {
    for (const int num_writers : {1, 8, 64}) {
      const std::string path = dir + "/bench_" + std::to_string(run++) + ".db";
      Result<Outcome> outcome = RunOnce(path, num_writers, seconds, fsync);
      if (!outcome.ok()) {
        std::fprintf(stderr, "failed: %s\n", outcome.status().ToString().c_str());
        return 1;
      }
      const double commits = static_cast<double>(std::max<int64_t>(1, outcome->num_commits));
      std::printf("%-8s %-8d %12.0f %12.0f %10.1f %10lld\n", fsync ? "FULL" : "NORMAL", num_writers,
                  static_cast<double>(outcome->num_inserts) / outcome->seconds,
                  commits / outcome->seconds, static_cast<double>(outcome->num_inserts) / commits,
                  static_cast<long long>(outcome->max_group_size));
      std::fflush(stdout);
    }
  }
  return 0;
}

}  // namespace
}  // namespace stratus::storage

int main(int argc, char** argv) {
  return stratus::storage::Main(argc, argv);
}
