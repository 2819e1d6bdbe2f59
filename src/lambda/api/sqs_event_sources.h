#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "base/json.h"
#include "base/result.h"
#include "lambda/engine.h"

namespace stratus {
class IdGenerator;
}  // namespace stratus

namespace stratus::aws {
class OperationTable;
}  // namespace stratus::aws

namespace stratus::lambda::api {

/// Runs SQS event source mappings: one poller thread per mapping receives
/// batches from the queue through the operation table (ReceiveMessage with
/// a 1 s long poll), invokes the function with AWS's {"Records": [...]}
/// event, and deletes the messages of a batch that succeeded — all of them,
/// or, with ReportBatchItemFailures, those not named in the response's
/// batchItemFailures. A failed batch is left alone: its messages come back
/// after the queue's visibility timeout, and the queue's redrive policy moves
/// them to its dead-letter queue after maxReceiveCount receives, as on AWS.
/// A batch is what one receive returns (at most 10 messages);
/// MaximumBatchingWindowInSeconds is stored but not waited for yet.
/// TODO(#11): batches of up to BatchSize gathered within the window.
///
/// Thread safety: MappingChanged/MappingDeleted from any thread (they never
/// block on a poller); Start() and Stop() from the owning thread. Stop()
/// joins every poller; the destructor checks it ran.
class SqsEventSources final : public EventSourceRunner {
 public:
  SqsEventSources(LambdaEngine& engine, IdGenerator& ids) : engine_(engine), ids_(ids) {}

  SqsEventSources(const SqsEventSources&) = delete;
  SqsEventSources& operator=(const SqsEventSources&) = delete;
  ~SqsEventSources() override;

  /// Lets pollers call SQS. REQUIRES: `table` outlives Stop().
  void Start(const aws::OperationTable& table);

  void MappingChanged(const EventSourceMapping& mapping) override;
  void MappingDeleted(const std::string& uuid) override;

  /// Stops and joins every poller. Idempotent.
  void Stop();

 private:
  struct Poller {
    std::mutex mu;
    std::condition_variable cv;
    EventSourceMapping mapping;  // Guarded by mu.
    bool stop = false;           // Guarded by mu.
    std::thread thread;
  };

  void Run(Poller& poller);
  // Calls an SQS operation and waits for its reply.
  Result<Json> CallSqs(std::string_view operation, Json input, const std::string& queue_arn);
  // Runs one batch; returns false when the queue was empty.
  bool PollOnce(const EventSourceMapping& mapping, const std::string& queue_url);

  LambdaEngine& engine_;
  IdGenerator& ids_;
  std::atomic<const aws::OperationTable*> table_{nullptr};

  std::mutex mu_;
  std::map<std::string, std::unique_ptr<Poller>> pollers_;  // By UUID. Guarded by mu_.
  std::vector<std::unique_ptr<Poller>> retired_;            // Deleted, to join. Guarded by mu_.
  bool started_ = false;                                    // Guarded by mu_.
  bool stopped_ = false;                                    // Guarded by mu_.
};

}  // namespace stratus::lambda::api
