#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "base/worker_pool.h"
#include "states/integrations/task_runner.h"

namespace stratus {
class IdGenerator;
}  // namespace stratus

namespace stratus::lake {
class Lake;
}  // namespace stratus::lake

namespace stratus::states::integrations {

struct MapRunStorageOptions {
  /// Threads that make the (blocking) lake calls.
  size_t num_threads = 2;
  /// The largest object an ItemReader reads whole (s3:getObject).
  uint64_t max_object_bytes = uint64_t{256} * 1024 * 1024;
};

/// Carries out the S3 work of Distributed Map states — the RunTasks of kind
/// TaskKind::kItemReader and kResultWriter (states/interpreter/effect.h) —
/// through the lake, at s3://bucket/key:
///   - s3:getObject reads the object and answers {"Body": text};
///   - s3:listObjectsV2 lists every object under Prefix (all pages) and
///     answers {"Contents": [{"Etag", "Key", "LastModified" (epoch
///     seconds), "Size", "StorageClass"}, ...]}, as AWS gives them to the
///     Map's iterations;
///   - s3:putObject writes the ResultWriter's objects in order.
/// A failure is States.ItemReaderFailed / States.ResultWriterFailed with
/// S3's error in the cause ("The specified key does not exist. (Service:
/// Amazon S3; Status Code: 404; Error Code: NoSuchKey; ...)"). Where there
/// is no lake (`stratus sfn run`) there is no MapRunStorage either: the
/// IntegrationDispatcher fails those tasks itself.
///
/// Lake calls block, so they run on this object's own threads: Run() only
/// queues, and the caller's thread (an execution worker) never waits on S3.
/// The queue is bounded by the Maps waiting: each has at most one task here.
///
/// Ownership: borrows the lake and the id generator (for the request ids of
/// causes), which outlive it.
/// Thread safety: Run() is safe from any thread; Start() and Stop() are for
/// the owner. Stop() finishes the queued work; the destructor checks that a
/// started storage was stopped.
class MapRunStorage {
 public:
  MapRunStorage(lake::Lake& lake, IdGenerator& ids, MapRunStorageOptions options = {});
  MapRunStorage(const MapRunStorage&) = delete;
  MapRunStorage& operator=(const MapRunStorage&) = delete;
  ~MapRunStorage();

  void Start();
  void Stop();

  /// Queues `task` (REQUIRES: its kind is kItemReader or kResultWriter); its
  /// outcome goes to `callbacks` from one of the storage's threads.
  void Run(const interpreter::RunTask& task, std::shared_ptr<TaskCallbacks> callbacks);

  /// Runs queued work on the caller's thread (tests without Start()).
  size_t RunPending() { return pool_.RunPending(); }

 private:
  void Perform(const interpreter::RunTask& task, const std::shared_ptr<TaskCallbacks>& callbacks);

  lake::Lake& lake_;
  IdGenerator& ids_;
  const MapRunStorageOptions options_;
  WorkerPool pool_;
};

}  // namespace stratus::states::integrations
