#pragma once

// Pieces of s3::Engine shared by its .cc files (engine.cc: lifecycle and
// buckets; engine_objects.cc; engine_listing.cc; engine_multipart.cc).

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/random.h"
#include "base/worker_pool.h"
#include "s3/blob_store.h"
#include "s3/engine.h"
#include "storage/database.h"

namespace stratus::s3::internal {

/// S3's largest single PUT and copy, and its smallest part but the last.
inline constexpr uint64_t kMaxPutBytes = uint64_t{5} * 1024 * 1024 * 1024;
inline constexpr uint64_t kMinPartBytes = uint64_t{5} * 1024 * 1024;

/// Returns the LastModified of a write at `now_millis`: S3 keeps whole
/// seconds. The next whole second, not the last, so that a file written
/// just before its upload is never newer than the object it became (awscli's
/// `s3 sync` compares the two and would upload it again).
inline int64_t LastModifiedMillis(int64_t now_millis) {
  return (now_millis + 999) / 1000 * 1000;
}

/// The columns every version query selects, in ReadVersion()'s order.
inline constexpr std::string_view kVersionColumns =
    "seq, bucket_id, key, version_id, latest, delete_marker, size, etag, modified_millis, "
    "attributes, storage";

/// Reads a row selected with kVersionColumns.
Result<ObjectVersion> ReadVersion(const storage::Row& row);

/// Returns the bucket named `name`, or NoSuchBucket.
Result<BucketInfo> RequireBucket(storage::Transaction& transaction, std::string_view name);

/// Returns the newest version of `key` (possibly a delete marker), if any.
Result<std::optional<ObjectVersion>> QueryLatest(storage::Transaction& transaction,
                                                 int64_t bucket_id,
                                                 std::string_view key);

/// Returns the version `version_id` of `key`, if any.
Result<std::optional<ObjectVersion>> QueryVersion(storage::Transaction& transaction,
                                                  int64_t bucket_id,
                                                  std::string_view key,
                                                  std::string_view version_id);

/// Loads the inline bytes of `version` into it.
Status LoadInlineBytes(storage::Transaction& transaction, ObjectVersion* version);

/// Returns OK for "null" and for ids this engine makes; InvalidArgument
/// ("Invalid version id specified") otherwise.
Status ValidateVersionId(std::string_view version_id);

/// Returns the blob ids `version` names.
std::vector<std::string> BlobsOf(const ObjectVersion& version);

/// What a work did besides its rows, acted on after its commit succeeds.
struct Effects {
  std::vector<std::string> blobs = {};  // Blobs no row names any more: removed.
  bool events = false;                  // Notification events were recorded.
};

/// Records a notification event for every rule of `rules` that `event_name`
/// ("ObjectCreated:Put") and the key match. Sets effects->events.
Status RecordEvents(storage::Transaction& transaction,
                    const std::vector<NotificationRule>& rules,
                    std::string_view bucket,
                    std::string_view event_name,
                    const ObjectVersion& version,
                    int64_t event_millis,
                    Effects* effects);

/// Writes `version` as the new current version of its key in `bucket`,
/// honouring versioning (a new id when enabled; replacing the "null"
/// version otherwise) and `conditions`. Fills version->seq, version_id and
/// latest. `inline_bytes` is stored when version->stored_inline.
Status WriteNewVersion(storage::Transaction& transaction,
                       const BucketInfo& bucket,
                       IdGenerator& ids,
                       const WriteConditions& conditions,
                       std::string_view inline_bytes,
                       ObjectVersion* version,
                       Effects* effects);

/// Removes the row of `version` (and its inline bytes), making the next
/// newer-or-older version of its key the latest when it was.
Status DeleteVersionRow(storage::Transaction& transaction,
                        const ObjectVersion& version,
                        Effects* effects);

/// Deletes as S3 does (see Engine::DeleteObject), recording the events
/// `<event_prefix>Delete` / `<event_prefix>DeleteMarkerCreated`
/// ("ObjectRemoved:" for requests, "LifecycleExpiration:" for lifecycle).
Result<DeleteResult> DeleteOne(storage::Transaction& transaction,
                               const BucketInfo& bucket,
                               IdGenerator& ids,
                               const std::vector<NotificationRule>& rules,
                               std::string_view event_prefix,
                               int64_t now,
                               const std::string& key,
                               const std::optional<std::string>& version_id,
                               Effects* effects);

/// Returns the smallest string greater than every string that starts with
/// `prefix`, or "" when there is none (prefix all 0xFF bytes).
std::string PrefixSuccessor(std::string_view prefix);

}  // namespace stratus::s3::internal

namespace stratus::s3 {

struct Engine::Parts {
  EngineOptions options = {};
  io::FileSystem* files = nullptr;
  const Clock* clock = nullptr;
  IdGenerator* ids = nullptr;
  std::unique_ptr<storage::Database> database = nullptr;
  std::unique_ptr<BlobStore> blobs = nullptr;
  std::unique_ptr<WorkerPool> file_pool = nullptr;

  mutable std::mutex mu;
  std::map<std::string, BucketInfo, std::less<>> buckets = {};                   // Guarded by mu.
  std::map<std::string, std::vector<NotificationRule>, std::less<>> rules = {};  // Guarded by mu.
  std::function<void()> on_events = nullptr;                                     // Guarded by mu.
  bool stopped = false;                                                          // Guarded by mu.

  /// Runs `work` in the next group commit and calls `done` with its result
  /// after the commit; blobs the work freed are removed after a successful
  /// commit, on a file thread.
  template <typename T>
  void Submit(std::function<Result<T>(storage::Transaction&, internal::Effects*)> work,
              Done<T> done);

  /// Removes blobs on a file thread.
  void RemoveBlobs(std::vector<std::string> blobs);

  /// Makes a new blob's bytes and name durable (on a file thread, when
  /// fsync is on) before `then` runs with the outcome: the row that names
  /// the blob must not commit first. A null blob runs `then` at once.
  /// REQUIRES: `then` keeps the blob alive.
  void SyncBlobThen(BlobWriter* blob, std::function<void(const Status&)> then);

  /// Returns the notification rules of `bucket` (empty for most buckets).
  std::vector<NotificationRule> RulesOf(std::string_view bucket) const;

  /// Returns the cached bucket, or NoSuchBucket.
  Result<BucketInfo> CachedBucket(std::string_view name) const;
};

template <typename T>
void Engine::Parts::Submit(std::function<Result<T>(storage::Transaction&, internal::Effects*)> work,
                           Done<T> done) {
  struct Outcome {
    std::optional<Result<T>> result = std::nullopt;
    internal::Effects effects = {};
  };

  auto outcome = std::make_shared<Outcome>();
  database->Submit(
      [work = std::move(work), outcome](storage::Transaction& transaction) -> Status {
        Result<T> result = work(transaction, &outcome->effects);
        Status status = result.ok() ? Status::Ok() : result.status();
        outcome->result.emplace(std::move(result));
        return status;
      },
      [this, outcome, done = std::move(done)](const Status& committed) {
        if (!outcome->result.has_value() || (!committed.ok() && outcome->result->ok())) {
          done(committed.ok() ? Status::Internal("s3 work did not run") : committed);
          return;
        }
        if (outcome->result->ok()) {
          if (!outcome->effects.blobs.empty()) {
            RemoveBlobs(std::move(outcome->effects.blobs));
          }
          if (outcome->effects.events) {
            std::function<void()> notify;
            {
              std::lock_guard lock(mu);
              notify = on_events;
            }
            if (notify) {
              notify();
            }
          }
        }
        done(std::move(*outcome->result));
      });
}

}  // namespace stratus::s3
