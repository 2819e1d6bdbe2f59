// s3::Engine: applying lifecycle rules.

#include <algorithm>
#include <utility>

#include "base/format.h"
#include "s3/engine_internal.h"
#include "s3/errors.h"
#include "s3/record_codec.h"

namespace stratus::s3 {
namespace {

using internal::Effects;

constexpr int64_t kDayMillis = int64_t{24} * 60 * 60 * 1000;

// AWS: a rule's day count is added to the start time and the result rounded
// up to the next midnight UTC.
int64_t DueMillis(int64_t start_millis, int days) {
  const int64_t raw = start_millis + int64_t{days} * kDayMillis;
  return (raw + kDayMillis - 1) / kDayMillis * kDayMillis;
}

bool Matches(const LifecycleRule& rule, const ObjectVersion& version) {
  if (!rule.enabled || !version.key.starts_with(rule.prefix)) {
    return false;
  }
  if (rule.size_greater_than.has_value() && !(version.size > *rule.size_greater_than)) {
    return false;
  }
  if (rule.size_less_than.has_value() && !(version.size < *rule.size_less_than)) {
    return false;
  }
  for (const auto& tag : rule.tags) {
    const Pairs& tags = version.attributes.tags;
    if (std::find(tags.begin(), tags.end(), tag) == tags.end()) {
      return false;
    }
  }
  return true;
}

// Returns true when `rule` expires `current` (the latest, not a marker) at `now`.
bool ExpiresCurrent(const LifecycleRule& rule, const ObjectVersion& current, int64_t now) {
  if (rule.expiration_days.has_value() &&
      DueMillis(current.modified_millis, *rule.expiration_days) <= now) {
    return true;
  }
  return rule.expiration_date_millis.has_value() && *rule.expiration_date_millis <= now;
}

// Applies the rules to the versions of one key (newest first).
Status ApplyToKey(storage::Transaction& transaction,
                  const BucketInfo& bucket,
                  IdGenerator& ids,
                  const std::vector<NotificationRule>& notifications,
                  const std::vector<LifecycleRule>& rules,
                  int64_t now,
                  std::vector<ObjectVersion>& versions,
                  LifecycleReport* report,
                  Effects* effects) {
  const ObjectVersion& latest = versions.front();
  if (!latest.delete_marker) {
    for (const LifecycleRule& rule : rules) {
      if (Matches(rule, latest) && ExpiresCurrent(rule, latest, now)) {
        STRATUS_RETURN_IF_ERROR(internal::DeleteOne(transaction, bucket, ids, notifications,
                                                    "LifecycleExpiration:", now, latest.key,
                                                    std::nullopt, effects)
                                    .status());
        ++report->expired;
        return Status::Ok();  // The key changed; the next run sees the rest.
      }
    }
  }
  // Noncurrent versions: each became noncurrent when the next newer one was made.
  size_t noncurrent_rank = 0;
  for (size_t i = 1; i < versions.size(); ++i) {
    const ObjectVersion& version = versions[i];
    const int64_t noncurrent_since = versions[i - 1].modified_millis;
    if (version.delete_marker) {
      continue;
    }
    ++noncurrent_rank;
    for (const LifecycleRule& rule : rules) {
      if (!rule.noncurrent_days.has_value() || !Matches(rule, version)) {
        continue;
      }
      const bool kept = rule.newer_noncurrent_versions.has_value() &&
                        noncurrent_rank <= static_cast<size_t>(*rule.newer_noncurrent_versions);
      if (!kept && DueMillis(noncurrent_since, *rule.noncurrent_days) <= now) {
        STRATUS_RETURN_IF_ERROR(internal::DeleteOne(transaction, bucket, ids, notifications,
                                                    "LifecycleExpiration:", now, version.key,
                                                    version.version_id, effects)
                                    .status());
        ++report->noncurrent_removed;
        break;
      }
    }
  }
  // A delete marker with no version left behind it is removed.
  if (latest.delete_marker && versions.size() == 1) {
    for (const LifecycleRule& rule : rules) {
      if (rule.enabled && rule.expired_object_delete_marker &&
          latest.key.starts_with(rule.prefix)) {
        STRATUS_RETURN_IF_ERROR(internal::DeleteVersionRow(transaction, latest, effects));
        ++report->delete_markers_removed;
        break;
      }
    }
  }
  return Status::Ok();
}

}  // namespace

void Engine::ApplyLifecycle(std::string bucket,
                            std::vector<LifecycleRule> rules,
                            int64_t now_millis,
                            Done<LifecycleReport> done) {
  Parts* parts = parts_.get();
  parts_->Submit<LifecycleReport>(
      [parts, bucket = std::move(bucket), rules = std::move(rules), now_millis](
          storage::Transaction& transaction, Effects* effects) -> Result<LifecycleReport> {
        STRATUS_ASSIGN_OR_RETURN(BucketInfo info, internal::RequireBucket(transaction, bucket));
        const std::vector<NotificationRule> notifications = parts->RulesOf(info.name);
        LifecycleReport report;
        // Read every version first (key order, newest first), then act key by key.
        std::vector<ObjectVersion> all;
        STRATUS_RETURN_IF_ERROR(transaction.Query(
            Format("SELECT {} FROM objects WHERE bucket_id = ?1 ORDER BY key, seq DESC",
                   internal::kVersionColumns),
            {info.id}, [&](const storage::Row& row) -> Status {
              STRATUS_ASSIGN_OR_RETURN(ObjectVersion version, internal::ReadVersion(row));
              all.push_back(std::move(version));
              return Status::Ok();
            }));
        for (size_t start = 0; start < all.size();) {
          size_t end = start + 1;
          while (end < all.size() && all[end].key == all[start].key) {
            ++end;
          }
          std::vector<ObjectVersion> versions(std::make_move_iterator(all.begin() + start),
                                              std::make_move_iterator(all.begin() + end));
          STRATUS_RETURN_IF_ERROR(ApplyToKey(transaction, info, *parts->ids, notifications, rules,
                                             now_millis, versions, &report, effects));
          start = end;
        }
        // Multipart uploads begun too long ago are aborted.
        std::vector<std::pair<std::string, std::string>> stale;  // (upload id, key)
        STRATUS_RETURN_IF_ERROR(transaction.Query(
            "SELECT upload_id, key, initiated_millis FROM uploads WHERE bucket_id = ?1", {info.id},
            [&](const storage::Row& row) {
              const std::string key = row.GetText(1);
              for (const LifecycleRule& rule : rules) {
                if (rule.enabled && rule.abort_incomplete_upload_days.has_value() &&
                    key.starts_with(rule.prefix) &&
                    DueMillis(row.GetInt(2), *rule.abort_incomplete_upload_days) <= now_millis) {
                  stale.emplace_back(row.GetText(0), key);
                  break;
                }
              }
              return Status::Ok();
            }));
        for (const auto& [upload_id, key] : stale) {
          STRATUS_RETURN_IF_ERROR(
              transaction.Query("SELECT blob_id FROM parts WHERE upload_id = ?1", {upload_id},
                                [&](const storage::Row& row) {
                                  effects->blobs.push_back(row.GetText(0));
                                  return Status::Ok();
                                }));
          STRATUS_RETURN_IF_ERROR(
              transaction.Exec("DELETE FROM parts WHERE upload_id = ?1", {upload_id}).status());
          STRATUS_RETURN_IF_ERROR(
              transaction.Exec("DELETE FROM uploads WHERE upload_id = ?1", {upload_id}).status());
          ++report.uploads_aborted;
        }
        return report;
      },
      std::move(done));
}

}  // namespace stratus::s3
