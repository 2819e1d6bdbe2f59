#pragma once

#include <memory>
#include <vector>

#include "base/json.h"
#include "base/result.h"
#include "s3/object_types.h"

namespace stratus::storage {
class TimerService;
}  // namespace stratus::storage

namespace stratus::s3::api {

class S3Service;

/// Reads a LifecycleConfiguration (model JSON: Rules with Filter or Prefix,
/// Status, Expiration, NoncurrentVersionExpiration,
/// AbortIncompleteMultipartUpload) into the rules the engine applies.
/// Transitions are stored but have nothing to move to here.
Result<std::vector<LifecycleRule>> LifecycleRulesFromConfiguration(const Json& configuration);

/// Applies every bucket's lifecycle configuration once a day, at midnight
/// UTC, as S3 does — on a durable timer in s3.db, so that a run missed
/// while the server was down happens at the next start.
///
/// Thread safety: Start()/Stop() from the owner; RunOnce() from any thread.
class LifecycleRunner {
 public:
  explicit LifecycleRunner(S3Service& service);
  LifecycleRunner(const LifecycleRunner&) = delete;
  LifecycleRunner& operator=(const LifecycleRunner&) = delete;
  ~LifecycleRunner();

  Status Start();
  void Stop();

  /// Applies every bucket's rules as of `now_millis`; returns the totals.
  Result<LifecycleReport> RunOnce(int64_t now_millis);

 private:
  void ScheduleNext();

  S3Service& service_;
  std::unique_ptr<storage::TimerService> timers_;
};

}  // namespace stratus::s3::api
