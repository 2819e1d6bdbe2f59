#pragma once

// Executor: runs logical plans (planner/logical_plan.h). It cuts a plan into
// pipelines at breakers (hash build, aggregation, sort, window, set
// operations), runs each pipeline on up to `threads` drivers that pull
// morsels (file splits, ranges of materialised rows) from a shared queue,
// and pushes the root's batches to the caller's sink from one thread, in
// order (ORDER BY results in sort order). Operators follow operator.h.
//
// Scans read through the lake (s3:// and file://), with the table's format
// (formats/): Hive text tables (LazySimpleSerDe, OpenCSVSerde), JSON lines,
// Parquet (parquet_scan.h); Iceberg plugs in with its issue.
//
// Memory: operators that hold rows charge a budget shared by the executor's
// statements; beyond it aggregation, join and sort spill to
// `spill_directory` (docs/formats/sql_spill.md), or fail with
// EXCEEDED_LOCAL_MEMORY_LIMIT where they cannot.
//
// Ownership: owns its worker threads (Stop() joins them; the destructor
// stops them if the owner did not); borrows the lake and the spill file
// system.
// Thread safety: Run() may be called concurrently from many threads; the
// thread that calls Run() runs one driver of each pipeline itself.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"

namespace stratus::io {
class FileSystem;
}  // namespace stratus::io

namespace stratus::lake {
class Lake;
}  // namespace stratus::lake

namespace stratus::sql {
class Batch;
struct QueryProgress;
}  // namespace stratus::sql

namespace stratus::sql::functions {
struct FunctionContext;
}  // namespace stratus::sql::functions

namespace stratus::sql::plan {
struct Node;
}  // namespace stratus::sql::plan

namespace stratus::sql::exec {

struct ExecutorOptions {
  lake::Lake* lake = nullptr;
  /// Worker threads; 0 means one per core.
  size_t threads = 0;
  /// The budget for all running plans together; 0 means half the RAM.
  size_t memory_limit_bytes = 0;
  std::string spill_directory = {};
  /// Where spill files are written (under spill_directory). Borrowed; null
  /// means the operating system's files (io::PosixFileSystem). With an empty
  /// spill_directory (or one that cannot be created) nothing spills:
  /// operators over the budget fail with EXCEEDED_LOCAL_MEMORY_LIMIT.
  io::FileSystem* spill_file_system = nullptr;
  /// The byte size of the splits (morsels) of uncompressed text files; 0
  /// means kTextSplitBytes (text_scan.h).
  uint64_t text_split_bytes = 0;
  /// The target compressed size of Parquet splits (runs of row groups); 0
  /// means kParquetSplitBytes (parquet_scan.h).
  uint64_t parquet_split_bytes = 0;
};

/// What the scans of one run count (EXPLAIN ANALYZE, query statistics).
struct ScanCounters {
  /// Parquet files opened for their footers.
  std::atomic<uint64_t> files{0};
  /// Parquet row groups planned to be read.
  std::atomic<uint64_t> row_groups_read{0};
  /// Parquet row groups skipped because their statistics ruled out the filters.
  std::atomic<uint64_t> row_groups_skipped{0};
};

struct WrittenFile;
class Sink;

/// What one run needs besides the plan.
struct RunContext {
  const functions::FunctionContext* functions = nullptr;
  /// Polled between batches; true ends the run with USER_CANCELED.
  const std::atomic<bool>* cancelled = nullptr;
  /// May be null.
  QueryProgress* progress = nullptr;
  /// Filled in as the run goes: bytes read from the lake.
  std::atomic<uint64_t>* bytes_scanned = nullptr;
  /// May be null. Filled in by a TableWrite into a partitioned table: the
  /// values (as written in the paths) of every partition it wrote files
  /// into, so that the caller can add them to the catalog.
  std::vector<std::vector<std::string>>* written_partitions = nullptr;
  /// May be null. Filled in by a TableWrite: every file it wrote
  /// (table_writer.h), for an Iceberg commit.
  std::vector<WrittenFile>* written_files = nullptr;
  /// May be null. Added to by the scans.
  ScanCounters* scan_counters = nullptr;
};

/// Receives the root's batches, in order, from one thread at a time.
using BatchSink = std::function<Status(const Batch&)>;

class Executor {
 public:
  static Result<std::unique_ptr<Executor>> Open(const ExecutorOptions& options);
  ~Executor();
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  /// Runs `root` to the end (or the first error) and returns when every
  /// driver has stopped.
  Status Run(const plan::Node& root, const RunContext& context, const BatchSink& sink);

  /// Runs `root` with one sink per driver of its last pipeline: `make_sink`
  /// is called once per driver on the calling thread before any runs; each
  /// sink then gets its driver's batches on that driver's thread (in no
  /// order across drivers), and Finish() when its driver is done.
  Status RunPerDriver(const plan::Node& root,
                      const RunContext& context,
                      const std::function<std::unique_ptr<Sink>()>& make_sink);

  /// Stops the workers; running plans end with USER_CANCELED.
  void Stop();

  struct Impl;

 private:
  explicit Executor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace stratus::sql::exec
