#include "states/api/activity_registry.h"

#include <algorithm>
#include <memory>
#include <utility>

#include "base/clock.h"
#include "base/format.h"
#include "states/api/errors.h"
#include "states/api/named_records.h"
#include "states/api/resource_tags.h"
#include "storage/database.h"

namespace stratus::states::api {
namespace {

using storage::Row;
using storage::Transaction;

Status NotFound(std::string_view arn) {
  return StatesApiError::ResourceNotFound(Format("Resource not found: '{}'", arn));
}

}  // namespace

ActivityRegistry::ActivityRegistry(storage::Database& database, const Clock& clock)
    : database_(database), clock_(clock), tags_(database, "activities") {}

Status ActivityRegistry::Load() {
  std::map<std::string, ActivityRecord, std::less<>> activities;
  Status read = database_.Read([&](Transaction& txn) -> Status {
    STRATUS_RETURN_IF_ERROR(txn.Query(
        "SELECT arn, name, created_millis, encryption FROM activities", {}, [&](const Row& row) {
          Result<Json> encryption = ParseJson(row.GetText(3));
          activities[row.GetText(0)] =
              ActivityRecord{.arn = row.GetText(0),
                             .name = row.GetText(1),
                             .created_millis = row.GetInt(2),
                             .encryption = encryption.ok() ? *encryption : Json::object()};
          return Status::Ok();
        }));
    return tags_.Load(txn);
  });
  STRATUS_RETURN_IF_ERROR(read);
  std::lock_guard lock(mu_);
  activities_ = std::move(activities);
  return Status::Ok();
}

void ActivityRegistry::Create(ActivityRecord activity,
                              Tags tags,
                              std::function<void(Result<ActivityRecord>)> done) {
  if (Status too_many = CheckTagCount(activity.arn, tags.size()); !too_many.ok()) {
    done(std::move(too_many));
    return;
  }
  activity.created_millis = clock_.NowMillis();
  auto stored = std::make_shared<ActivityRecord>(std::move(activity));
  auto existed = std::make_shared<bool>(false);
  database_.Submit(
      [stored, existed, tags](Transaction& txn) -> Status {
        std::optional<ActivityRecord> found;
        int64_t count = 0;
        STRATUS_RETURN_IF_ERROR(txn.Query(
            "SELECT arn, name, created_millis, encryption FROM activities WHERE arn = ?1",
            {stored->arn}, [&](const Row& row) {
              Result<Json> encryption = ParseJson(row.GetText(3));
              found = ActivityRecord{.arn = row.GetText(0),
                                     .name = row.GetText(1),
                                     .created_millis = row.GetInt(2),
                                     .encryption = encryption.ok() ? *encryption : Json::object()};
              return Status::Ok();
            }));
        if (found.has_value()) {
          // AWS: the same name again is the same activity; another
          // encryption configuration cannot be applied to it.
          if (found->encryption != stored->encryption) {
            return StatesApiError::ActivityAlreadyExists(stored->arn);
          }
          *stored = std::move(*found);
          *existed = true;
          return Status::Ok();
        }
        STRATUS_RETURN_IF_ERROR(
            txn.Query("SELECT count(*) FROM activities", {}, [&count](const Row& row) {
              count = row.GetInt(0);
              return Status::Ok();
            }));
        if (static_cast<size_t>(count) >= kMaxActivities) {
          return StatesApiError::ActivityLimitExceeded(
              Format("The maximum number of activities ({}) has been reached.", kMaxActivities));
        }
        STRATUS_RETURN_IF_ERROR(
            txn.Exec("INSERT INTO activities (arn, name, created_millis, encryption) "
                     "VALUES (?1, ?2, ?3, ?4)",
                     {stored->arn, stored->name, stored->created_millis,
                      DumpJson(stored->encryption)})
                .status());
        return InsertTags(txn, stored->arn, tags);
      },
      [this, stored, existed, tags, done = std::move(done)](const Status& status) {
        if (!status.ok()) {
          done(status);
          return;
        }
        if (!*existed) {
          std::lock_guard lock(mu_);
          activities_[stored->arn] = *stored;
          tags_.Put(stored->arn, tags);
        }
        done(*stored);
      });
}

void ActivityRegistry::Delete(std::string arn, std::function<void(Status)> done) {
  database_.Submit(
      [arn](Transaction& txn) -> Status {
        STRATUS_RETURN_IF_ERROR(txn.Exec("DELETE FROM activities WHERE arn = ?1", {arn}).status());
        return txn.Exec("DELETE FROM tags WHERE resource_arn = ?1", {arn}).status();
      },
      [this, arn, done = std::move(done)](const Status& status) {
        if (status.ok()) {
          std::lock_guard lock(mu_);
          activities_.erase(arn);
          tags_.Forget(arn);
        }
        done(status);
      });
}

std::optional<ActivityRecord> ActivityRegistry::Find(std::string_view arn) const {
  std::lock_guard lock(mu_);
  auto it = activities_.find(arn);
  return it == activities_.end() ? std::nullopt : std::optional<ActivityRecord>(it->second);
}

std::vector<ActivityRecord> ActivityRegistry::List(std::string_view prefix,
                                                   std::string_view after_name,
                                                   size_t limit) const {
  return ListByName(mu_, activities_, prefix, after_name, limit);
}

void ActivityRegistry::Tag(std::string arn, Tags tags, std::function<void(Status)> done) {
  tags_.Tag(arn, std::move(tags), std::move(done));
}

void ActivityRegistry::Untag(std::string arn,
                             std::vector<std::string> keys,
                             std::function<void(Status)> done) {
  tags_.Untag(arn, keys, std::move(done));
}

Result<Tags> ActivityRegistry::TagsOf(std::string_view arn) const {
  std::lock_guard lock(mu_);
  if (activities_.find(arn) == activities_.end()) {
    return NotFound(arn);
  }
  return tags_.Of(arn);
}

}  // namespace stratus::states::api
