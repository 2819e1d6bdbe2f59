// s3::Engine: opening, stopping, buckets and bucket configurations. Objects
// are in engine_objects.cc, listings in engine_listing.cc and multipart
// uploads in engine_multipart.cc.

#include "s3/engine.h"

#include <filesystem>
#include <unordered_set>
#include <utility>

#include "base/format.h"
#include "io/file_system.h"
#include "s3/engine_internal.h"
#include "s3/errors.h"
#include "s3/log.h"
#include "s3/object_reader.h"
#include "s3/record_codec.h"
#include "s3/schema.h"

namespace stratus::s3 {
namespace {

using internal::Effects;

// Returns every blob id a row of s3.db names.
Result<std::unordered_set<std::string>> LiveBlobs(storage::Database& database) {
  std::unordered_set<std::string> live;
  STRATUS_RETURN_IF_ERROR(database.Read([&](storage::Transaction& transaction) -> Status {
    STRATUS_RETURN_IF_ERROR(
        transaction.Query("SELECT storage FROM objects WHERE delete_marker = 0", {},
                          [&](const storage::Row& row) -> Status {
                            ObjectVersion version;
                            STRATUS_RETURN_IF_ERROR(DecodeStorage(row.GetText(0), &version));
                            for (const BlobSegment& segment : version.segments) {
                              live.insert(segment.blob_id);
                            }
                            return Status::Ok();
                          }));
    return transaction.Query("SELECT blob_id FROM parts", {}, [&](const storage::Row& row) {
      live.insert(row.GetText(0));
      return Status::Ok();
    });
  }));
  return live;
}

Result<std::map<std::string, BucketInfo, std::less<>>> LoadBuckets(storage::Database& database) {
  std::map<std::string, BucketInfo, std::less<>> buckets;
  STRATUS_RETURN_IF_ERROR(database.Read([&](storage::Transaction& transaction) {
    return transaction.Query(
        "SELECT id, name, region, owner_account, created_millis, versioning, object_lock "
        "FROM buckets",
        {}, [&](const storage::Row& row) {
          BucketInfo bucket{.id = row.GetInt(0),
                            .name = row.GetText(1),
                            .region = row.GetText(2),
                            .owner_account = row.GetText(3),
                            .created_millis = row.GetInt(4),
                            .versioning = static_cast<VersioningState>(row.GetInt(5)),
                            .object_lock_enabled = row.GetInt(6) != 0};
          buckets.emplace(bucket.name, std::move(bucket));
          return Status::Ok();
        });
  }));
  return buckets;
}

}  // namespace

void Engine::Parts::RemoveBlobs(std::vector<std::string> freed) {
  file_pool->Post([this, freed = std::move(freed)] {
    for (const std::string& id : freed) {
      if (Status removed = blobs->Remove(id); !removed.ok()) {
        // Left for the start-up sweep.
        kS3Log.Warn("cannot remove blob {}: {}", id, removed.ToString());
      }
    }
  });
}

void Engine::Parts::SyncBlobThen(BlobWriter* blob, std::function<void(const Status&)> then) {
  if (blob == nullptr) {
    then(Status::Ok());
    return;
  }
  if (!options.fsync) {
    then(blob->Close());  // Readers must see the bytes once the write is acknowledged.
    return;
  }
  file_pool->Post([blob, then = std::move(then)] { then(blob->Sync()); });
}

std::vector<NotificationRule> Engine::Parts::RulesOf(std::string_view bucket) const {
  std::lock_guard lock(mu);
  auto it = rules.find(bucket);
  return it == rules.end() ? std::vector<NotificationRule>() : it->second;
}

Result<BucketInfo> Engine::Parts::CachedBucket(std::string_view name) const {
  std::lock_guard lock(mu);
  auto it = buckets.find(name);
  if (it == buckets.end()) {
    return S3Error::NoSuchBucket();
  }
  return it->second;
}

Engine::Engine(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}

Engine::~Engine() {
  Stop();
}

Result<std::unique_ptr<Engine>> Engine::Open(const EngineOptions& options,
                                             io::FileSystem& files,
                                             const Clock& clock,
                                             IdGenerator& ids) {
  auto parts = std::make_unique<Parts>();
  parts->options = options;
  parts->files = &files;
  parts->clock = &clock;
  parts->ids = &ids;
  const std::filesystem::path dir(options.data_dir);
  STRATUS_RETURN_IF_ERROR(files.CreateDirectories(options.data_dir));
  STRATUS_ASSIGN_OR_RETURN(
      parts->database,
      storage::Database::Open(
          (dir / "s3.db").string(),
          storage::DatabaseOptions{.fsync = options.fsync, .num_read_connections = 4}));
  STRATUS_RETURN_IF_ERROR(parts->database->Migrate(SchemaMigrations()));
  parts->blobs = std::make_unique<BlobStore>(files, (dir / "s3" / "blobs").string(), ids);
  STRATUS_RETURN_IF_ERROR(parts->blobs->Init());
  STRATUS_ASSIGN_OR_RETURN(parts->buckets, LoadBuckets(*parts->database));
  // Blobs written for requests that never committed, or freed by commits
  // whose removal did not happen, are named by no row.
  STRATUS_ASSIGN_OR_RETURN(std::unordered_set<std::string> live, LiveBlobs(*parts->database));
  STRATUS_ASSIGN_OR_RETURN(size_t num_swept, parts->blobs->Sweep([&live](std::string_view id) {
    return live.contains(std::string(id));
  }));
  if (num_swept > 0) {
    kS3Log.Info("removed {} blobs that no object or part names", num_swept);
  }
  parts->file_pool = std::make_unique<WorkerPool>(std::max<size_t>(1, options.num_file_threads));
  parts->file_pool->Start();
  return std::unique_ptr<Engine>(
      new Engine(std::move(parts)));  // STRATUS_LINT_ALLOW(private constructor)
}

void Engine::Stop() {
  if (parts_ == nullptr) {
    return;
  }
  {
    std::lock_guard lock(parts_->mu);
    if (parts_->stopped) {
      return;
    }
    parts_->stopped = true;
  }
  parts_->database->Stop();
  parts_->file_pool->Stop();
}

void Engine::SetNotificationRules(std::string_view bucket, std::vector<NotificationRule> rules) {
  std::lock_guard lock(parts_->mu);
  if (rules.empty()) {
    parts_->rules.erase(std::string(bucket));
  } else {
    parts_->rules.insert_or_assign(std::string(bucket), std::move(rules));
  }
}

void Engine::SetEventListener(std::function<void()> listener) {
  std::lock_guard lock(parts_->mu);
  parts_->on_events = std::move(listener);
}

Result<std::vector<StoredEvent>> Engine::PendingEvents(size_t limit) const {
  std::vector<StoredEvent> events;
  STRATUS_RETURN_IF_ERROR(parts_->database->Read([&](storage::Transaction& transaction) {
    return transaction.Query(
        "SELECT id, bucket, destination, configuration_id, event_name, key, size, etag, "
        "version_id, sequencer, event_millis FROM events ORDER BY id LIMIT ?1",
        {static_cast<int64_t>(limit)}, [&](const storage::Row& row) {
          events.push_back(StoredEvent{.id = row.GetInt(0),
                                       .bucket = row.GetText(1),
                                       .destination = row.GetText(2),
                                       .configuration_id = row.GetText(3),
                                       .event_name = row.GetText(4),
                                       .key = row.GetText(5),
                                       .size = static_cast<uint64_t>(row.GetInt(6)),
                                       .etag = row.GetText(7),
                                       .version_id = row.GetText(8),
                                       .sequencer = row.GetText(9),
                                       .event_millis = row.GetInt(10)});
          return Status::Ok();
        });
  }));
  return events;
}

void Engine::AckEvents(std::vector<int64_t> ids, Done<bool> done) {
  parts_->Submit<bool>(
      [ids = std::move(ids)](storage::Transaction& transaction, Effects*) -> Result<bool> {
        for (int64_t id : ids) {
          STRATUS_RETURN_IF_ERROR(
              transaction.Exec("DELETE FROM events WHERE id = ?1", {id}).status());
        }
        return true;
      },
      std::move(done));
}

const Clock& Engine::clock() const {
  return *parts_->clock;
}

storage::Database& Engine::database() {
  return *parts_->database;
}

size_t Engine::max_inline_bytes() const {
  return parts_->options.max_inline_bytes;
}

Result<std::unique_ptr<BlobWriter>> Engine::NewBlob() {
  return parts_->blobs->Create();
}

// Buckets --------------------------------------------------------------------

void Engine::CreateBucket(BucketInfo bucket, Done<BucketInfo> done) {
  bucket.created_millis = parts_->clock->NowMillis();
  Parts* parts = parts_.get();
  parts_->Submit<BucketInfo>(
      [bucket = std::move(bucket)](storage::Transaction& transaction,
                                   Effects*) mutable -> Result<BucketInfo> {
        Result<BucketInfo> existing = internal::RequireBucket(transaction, bucket.name);
        if (existing.ok()) {
          if (existing->owner_account == bucket.owner_account) {
            return S3Error::BucketAlreadyOwnedByYou();
          }
          return S3Error::BucketAlreadyExists();
        }
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec("INSERT INTO buckets (name, region, owner_account, created_millis, "
                      "versioning, object_lock) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                      {bucket.name, bucket.region, bucket.owner_account, bucket.created_millis,
                       static_cast<int64_t>(bucket.versioning),
                       int64_t{bucket.object_lock_enabled ? 1 : 0}})
                .status());
        bucket.id = transaction.LastInsertRowId();
        return bucket;
      },
      [parts, done = std::move(done)](Result<BucketInfo> created) {
        if (created.ok()) {
          std::lock_guard lock(parts->mu);
          parts->buckets.insert_or_assign(created->name, *created);
        }
        done(std::move(created));
      });
}

void Engine::DeleteBucket(std::string name, Done<bool> done) {
  Parts* parts = parts_.get();
  parts_->Submit<bool>(
      [name](storage::Transaction& transaction, Effects* effects) -> Result<bool> {
        STRATUS_ASSIGN_OR_RETURN(BucketInfo bucket, internal::RequireBucket(transaction, name));
        bool has_objects = false;
        STRATUS_RETURN_IF_ERROR(
            transaction.Query("SELECT 1 FROM objects WHERE bucket_id = ?1 LIMIT 1", {bucket.id},
                              [&](const storage::Row&) {
                                has_objects = true;
                                return Status::Ok();
                              }));
        if (has_objects) {
          return S3Error::BucketNotEmpty();
        }
        // Uploads still in progress go with the bucket.
        STRATUS_RETURN_IF_ERROR(
            transaction.Query("SELECT blob_id FROM parts WHERE upload_id IN "
                              "(SELECT upload_id FROM uploads WHERE bucket_id = ?1)",
                              {bucket.id}, [&](const storage::Row& row) {
                                effects->blobs.push_back(row.GetText(0));
                                return Status::Ok();
                              }));
        STRATUS_RETURN_IF_ERROR(transaction
                                    .Exec("DELETE FROM parts WHERE upload_id IN "
                                          "(SELECT upload_id FROM uploads WHERE bucket_id = ?1)",
                                          {bucket.id})
                                    .status());
        STRATUS_RETURN_IF_ERROR(
            transaction.Exec("DELETE FROM uploads WHERE bucket_id = ?1", {bucket.id}).status());
        STRATUS_RETURN_IF_ERROR(
            transaction.Exec("DELETE FROM bucket_configs WHERE bucket_id = ?1", {bucket.id})
                .status());
        STRATUS_RETURN_IF_ERROR(
            transaction.Exec("DELETE FROM buckets WHERE id = ?1", {bucket.id}).status());
        return true;
      },
      [parts, name, done = std::move(done)](Result<bool> deleted) {
        if (deleted.ok()) {
          std::lock_guard lock(parts->mu);
          parts->buckets.erase(name);
        }
        done(std::move(deleted));
      });
}

Result<BucketInfo> Engine::FindBucket(std::string_view name) const {
  return parts_->CachedBucket(name);
}

std::vector<BucketInfo> Engine::Buckets() const {
  std::lock_guard lock(parts_->mu);
  std::vector<BucketInfo> buckets;
  buckets.reserve(parts_->buckets.size());
  for (const auto& [name, bucket] : parts_->buckets) {
    buckets.push_back(bucket);
  }
  return buckets;
}

void Engine::SetVersioning(std::string name, VersioningState state, Done<bool> done) {
  Parts* parts = parts_.get();
  parts_->Submit<bool>(
      [name, state](storage::Transaction& transaction, Effects*) -> Result<bool> {
        STRATUS_ASSIGN_OR_RETURN(BucketInfo bucket, internal::RequireBucket(transaction, name));
        STRATUS_RETURN_IF_ERROR(transaction
                                    .Exec("UPDATE buckets SET versioning = ?2 WHERE id = ?1",
                                          {bucket.id, static_cast<int64_t>(state)})
                                    .status());
        return true;
      },
      [parts, name, state, done = std::move(done)](Result<bool> changed) {
        if (changed.ok()) {
          std::lock_guard lock(parts->mu);
          auto it = parts->buckets.find(name);
          if (it != parts->buckets.end()) {
            it->second.versioning = state;
          }
        }
        done(std::move(changed));
      });
}

void Engine::PutBucketConfig(
    std::string bucket, std::string kind, std::string id, std::string document, Done<bool> done) {
  parts_->Submit<bool>(
      [bucket = std::move(bucket), kind = std::move(kind), id = std::move(id),
       document = std::move(document)](storage::Transaction& transaction,
                                       Effects*) -> Result<bool> {
        STRATUS_ASSIGN_OR_RETURN(BucketInfo info, internal::RequireBucket(transaction, bucket));
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec("INSERT OR REPLACE INTO bucket_configs (bucket_id, kind, config_id, "
                      "document) VALUES (?1, ?2, ?3, ?4)",
                      {info.id, kind, id, document})
                .status());
        return true;
      },
      std::move(done));
}

Result<std::string> Engine::GetBucketConfig(std::string_view bucket,
                                            std::string_view kind,
                                            std::string_view id) const {
  STRATUS_ASSIGN_OR_RETURN(BucketInfo info, parts_->CachedBucket(bucket));
  std::optional<std::string> document;
  STRATUS_RETURN_IF_ERROR(parts_->database->Read([&](storage::Transaction& transaction) {
    return transaction.Query(
        "SELECT document FROM bucket_configs WHERE bucket_id = ?1 AND kind = ?2 AND "
        "config_id = ?3",
        {info.id, std::string(kind), std::string(id)}, [&](const storage::Row& row) {
          document = row.GetText(0);
          return Status::Ok();
        });
  }));
  if (!document.has_value()) {
    return Status::NotFound(Format("bucket {} has no {} configuration", bucket, kind));
  }
  return *std::move(document);
}

Result<std::vector<std::pair<std::string, std::string>>> Engine::ListBucketConfigs(
    std::string_view bucket, std::string_view kind) const {
  STRATUS_ASSIGN_OR_RETURN(BucketInfo info, parts_->CachedBucket(bucket));
  std::vector<std::pair<std::string, std::string>> configs;
  STRATUS_RETURN_IF_ERROR(parts_->database->Read([&](storage::Transaction& transaction) {
    return transaction.Query(
        "SELECT config_id, document FROM bucket_configs WHERE bucket_id = ?1 AND kind = ?2 "
        "ORDER BY config_id",
        {info.id, std::string(kind)}, [&](const storage::Row& row) {
          configs.emplace_back(row.GetText(0), row.GetText(1));
          return Status::Ok();
        });
  }));
  return configs;
}

void Engine::DeleteBucketConfig(std::string bucket,
                                std::string kind,
                                std::string id,
                                Done<bool> done) {
  parts_->Submit<bool>(
      [bucket = std::move(bucket), kind = std::move(kind), id = std::move(id)](
          storage::Transaction& transaction, Effects*) -> Result<bool> {
        STRATUS_ASSIGN_OR_RETURN(BucketInfo info, internal::RequireBucket(transaction, bucket));
        STRATUS_RETURN_IF_ERROR(transaction
                                    .Exec("DELETE FROM bucket_configs WHERE bucket_id = ?1 AND "
                                          "kind = ?2 AND config_id = ?3",
                                          {info.id, kind, id})
                                    .status());
        return true;
      },
      std::move(done));
}

}  // namespace stratus::s3
