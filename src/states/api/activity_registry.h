#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/result.h"
#include "states/api/resource_tag_cache.h"
#include "states/api/resource_tags.h"

namespace stratus {
class Clock;
}  // namespace stratus

namespace stratus::storage {
class Database;
}  // namespace stratus::storage

namespace stratus::states::api {

/// One activity (CreateActivity).
struct ActivityRecord {
  std::string arn = {};
  std::string name = {};
  int64_t created_millis = 0;
  /// The encryptionConfiguration it was created with; {} when none.
  Json encryption = Json::object();
};

/// The activities of states.db (table `activities`, their tags in `tags`):
/// a copy in memory, changed only after the commit that stores the change.
///
/// Thread safety: all methods are safe from any thread; `done` callbacks run
/// on the database writer thread.
class ActivityRegistry {
 public:
  /// AWS: at most 10,000 activities per account and region (ActivityLimitExceeded).
  static constexpr size_t kMaxActivities = 10'000;

  ActivityRegistry(storage::Database& database, const Clock& clock);
  ActivityRegistry(const ActivityRegistry&) = delete;
  ActivityRegistry& operator=(const ActivityRegistry&) = delete;

  /// Reads every activity and its tags. Call once before use.
  Status Load();

  /// CreateActivity. AWS: idempotent by name — an existing activity is
  /// answered as it is (tags are not updated), unless the encryption
  /// configuration differs (ActivityAlreadyExists).
  void Create(ActivityRecord activity, Tags tags, std::function<void(Result<ActivityRecord>)> done);

  /// DeleteActivity. AWS: deleting an activity that does not exist succeeds.
  void Delete(std::string arn, std::function<void(Status)> done);

  std::optional<ActivityRecord> Find(std::string_view arn) const;

  /// Activities whose ARN starts with `prefix`, by name, after `after_name`.
  std::vector<ActivityRecord> List(std::string_view prefix,
                                   std::string_view after_name,
                                   size_t limit) const;

  /// TagResource / UntagResource / ListTagsForResource of an activity ARN;
  /// ResourceNotFound when it does not exist.
  void Tag(std::string arn, Tags tags, std::function<void(Status)> done);
  void Untag(std::string arn, std::vector<std::string> keys, std::function<void(Status)> done);
  Result<Tags> TagsOf(std::string_view arn) const;

 private:
  storage::Database& database_;
  const Clock& clock_;

  mutable std::mutex mu_;
  std::map<std::string, ActivityRecord, std::less<>> activities_;  // Guarded by mu_. Key: ARN.
  ResourceTagCache tags_;  // Locks itself; after mu_ when both are held.
};

}  // namespace stratus::states::api
