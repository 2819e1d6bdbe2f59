#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "states/api/resource_tags.h"

namespace stratus::storage {
class Database;
class Transaction;
}  // namespace stratus::storage

namespace stratus::states::api {

/// The tags of one kind of taggable resource (state machines, activities):
/// a copy in memory of their rows in the `tags` table of states.db, changed
/// only after the commit that stores the change. Runs TagResource and
/// UntagResource for that kind; the owner (StateMachineCatalog,
/// ActivityRegistry) keeps the resources themselves.
///
/// Thread safety: all methods are safe from any thread; `done` callbacks run
/// on the database writer thread. An owner may call Put/Forget/Of while it
/// holds its own lock (lock order: the owner's, then this cache's).
class ResourceTagCache {
 public:
  /// `table` names the states.db table of the resources, keyed by `arn`.
  ResourceTagCache(storage::Database& database, std::string_view table);
  ResourceTagCache(const ResourceTagCache&) = delete;
  ResourceTagCache& operator=(const ResourceTagCache&) = delete;

  /// Reads the tags of every resource in the table. Call once before use.
  Status Load(storage::Transaction& txn);

  /// Records `tags` as the resource's tags (after the commit that stored them).
  void Put(const std::string& arn, Tags tags);

  /// Forgets the resource's tags (after the commit that deleted them).
  void Forget(std::string_view arn);

  /// The resource's tags; {} when it has none.
  Tags Of(std::string_view arn) const;

  /// TagResource: merges `added` into the resource's tags (at most kMaxTags
  /// after). ResourceNotFound when the table has no such resource.
  void Tag(const std::string& arn, Tags added, std::function<void(Status)> done);

  /// UntagResource: removes `keys`. ResourceNotFound as for Tag.
  void Untag(const std::string& arn,
             const std::vector<std::string>& keys,
             std::function<void(Status)> done);

 private:
  storage::Database& database_;
  std::string load_query_;   // The tags of every resource in the table.
  std::string count_query_;  // Counts the resources with an ARN.

  mutable std::mutex mu_;
  std::map<std::string, Tags, std::less<>> tags_;  // Guarded by mu_. Key: resource ARN.
};

}  // namespace stratus::states::api
