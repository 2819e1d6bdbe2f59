#include "states/api/resource_tag_cache.h"

#include <memory>
#include <utility>

#include "base/format.h"
#include "states/api/errors.h"
#include "storage/database.h"

namespace stratus::states::api {
namespace {

using storage::Row;
using storage::Transaction;

// ResourceNotFound unless `count_query` counts a row for `arn`.
Status CheckExists(Transaction& txn, const std::string& count_query, const std::string& arn) {
  int64_t count = 0;
  STRATUS_RETURN_IF_ERROR(txn.Query(count_query, {arn}, [&count](const Row& row) {
    count = row.GetInt(0);
    return Status::Ok();
  }));
  if (count == 0) {
    return StatesApiError::ResourceNotFound(Format("Resource not found: '{}'", arn));
  }
  return Status::Ok();
}

}  // namespace

ResourceTagCache::ResourceTagCache(storage::Database& database, std::string_view table)
    : database_(database),
      load_query_(Format("SELECT t.resource_arn, t.key, t.value FROM tags t JOIN {} r "
                         "ON r.arn = t.resource_arn",
                         table)),
      count_query_(Format("SELECT count(*) FROM {} WHERE arn = ?1", table)) {}

Status ResourceTagCache::Load(Transaction& txn) {
  std::map<std::string, Tags, std::less<>> tags;
  STRATUS_RETURN_IF_ERROR(txn.Query(load_query_, {}, [&tags](const Row& row) {
    tags[row.GetText(0)][row.GetText(1)] = row.GetText(2);
    return Status::Ok();
  }));
  std::lock_guard lock(mu_);
  tags_ = std::move(tags);
  return Status::Ok();
}

void ResourceTagCache::Put(const std::string& arn, Tags tags) {
  std::lock_guard lock(mu_);
  if (tags.empty()) {
    tags_.erase(arn);
  } else {
    tags_[arn] = std::move(tags);
  }
}

void ResourceTagCache::Forget(std::string_view arn) {
  std::lock_guard lock(mu_);
  if (auto it = tags_.find(arn); it != tags_.end()) {
    tags_.erase(it);
  }
}

Tags ResourceTagCache::Of(std::string_view arn) const {
  std::lock_guard lock(mu_);
  auto it = tags_.find(arn);
  return it == tags_.end() ? Tags() : it->second;
}

void ResourceTagCache::Tag(const std::string& arn, Tags added, std::function<void(Status)> done) {
  auto merged = std::make_shared<Tags>();
  database_.Submit(
      [this, arn, added = std::move(added), merged](Transaction& txn) -> Status {
        STRATUS_RETURN_IF_ERROR(CheckExists(txn, count_query_, arn));
        return MergeTags(txn, arn, added, merged.get());
      },
      [this, arn, merged, done = std::move(done)](const Status& status) {
        if (status.ok()) {
          Put(arn, std::move(*merged));
        }
        done(status);
      });
}

void ResourceTagCache::Untag(const std::string& arn,
                             const std::vector<std::string>& keys,
                             std::function<void(Status)> done) {
  database_.Submit(
      [this, arn, keys](Transaction& txn) -> Status {
        STRATUS_RETURN_IF_ERROR(CheckExists(txn, count_query_, arn));
        return DeleteTags(txn, arn, keys);
      },
      [this, arn, keys, done = std::move(done)](const Status& status) {
        if (status.ok()) {
          std::lock_guard lock(mu_);
          if (auto it = tags_.find(arn); it != tags_.end()) {
            for (const std::string& key : keys) {
              it->second.erase(key);
            }
          }
        }
        done(status);
      });
}

}  // namespace stratus::states::api
