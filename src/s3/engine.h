#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "s3/blob_store.h"
#include "s3/object_types.h"

namespace stratus {
class Clock;
class IdGenerator;
}  // namespace stratus

namespace stratus::io {
class FileSystem;
}  // namespace stratus::io

namespace stratus::storage {
class Database;
}  // namespace stratus::storage

namespace stratus::s3 {

class ObjectReader;

struct EngineOptions {
  /// `<data_dir>/s3.db` holds the metadata; `<data_dir>/s3/blobs/` the
  /// bytes of objects larger than max_inline_bytes and of every part.
  std::string data_dir = {};
  /// Objects up to this size are kept in s3.db itself, so that a small PUT
  /// costs a share of one group commit instead of a file and two fsyncs.
  size_t max_inline_bytes = size_t{64} * 1024;
  /// PRAGMA synchronous=FULL and fsync of blobs (tests turn it off).
  bool fsync = true;
  /// Threads for blocking file work: syncing new blobs before their commit,
  /// removing replaced ones after it, copying bytes.
  size_t num_file_threads = 2;
};

/// An object's bytes on their way in: inline (small) or a written blob.
struct ObjectBody {
  std::string bytes = {};
  std::unique_ptr<BlobWriter> blob = nullptr;
};

struct PutObjectRequest {
  /// The notification event the write makes (without "s3:").
  std::string event_name = "ObjectCreated:Put";
  std::string bucket = {};
  std::string key = {};
  ObjectBody body = {};
  std::string etag = {};  // Quoted MD5 of the bytes, computed as they arrived.
  ObjectAttributes attributes = {};
  WriteConditions conditions = {};
};

/// What a list call asks for. Keys compare as bytes (UTF-8 code point order).
struct ListQuery {
  std::string prefix = {};
  std::string delimiter = {};
  std::string after = {};  // Exclusive: start after this key (marker / StartAfter / token).
  int max_keys = 1000;
};

struct ListPage {
  std::vector<ObjectVersion> objects = {};  // Without their bytes.
  std::vector<std::string> common_prefixes = {};
  bool truncated = false;
  std::string last = {};  // The last key or common prefix returned.
};

struct ListVersionsQuery {
  std::string prefix = {};
  std::string delimiter = {};
  std::string key_marker = {};
  std::string version_id_marker = {};
  int max_keys = 1000;
};

struct ListVersionsPage {
  std::vector<ObjectVersion> versions = {};  // Key order, newest first within a key.
  std::vector<std::string> common_prefixes = {};
  bool truncated = false;
  std::string next_key_marker = {};
  std::string next_version_id_marker = {};
};

/// One multipart upload in progress.
struct UploadInfo {
  std::string upload_id = {};
  int64_t bucket_id = 0;
  std::string key = {};
  int64_t initiated_millis = 0;
  ObjectAttributes attributes = {};  // What the object will carry.
};

/// One uploaded part.
struct PartInfo {
  int part_number = 0;
  uint64_t size = 0;
  std::string etag = {};  // Quoted.
  int64_t modified_millis = 0;
  std::string blob_id = {};
  std::string checksum_value = {};  // In the upload's algorithm, base64; may be empty.
};

struct UploadPartRequest {
  std::string bucket = {};
  std::string key = {};
  std::string upload_id = {};
  int part_number = 0;
  std::unique_ptr<BlobWriter> blob = nullptr;  // The part's bytes, written.
  std::string etag = {};
  std::string checksum_value = {};
};

struct CompletedPart {
  int part_number = 0;
  std::string etag = {};            // As the client listed it (quotes optional).
  std::string checksum_value = {};  // As the client listed it, if it did.
};

struct CompleteUploadRequest {
  std::string bucket = {};
  std::string key = {};
  std::string upload_id = {};
  std::vector<CompletedPart> parts = {};
  WriteConditions conditions = {};
  /// The whole object's checksum when the upload's type is FULL_OBJECT
  /// (computed by the caller from the parts'), else empty.
  std::string full_object_checksum = {};
};

struct ListUploadsQuery {
  std::string prefix = {};
  std::string delimiter = {};
  std::string key_marker = {};
  std::string upload_id_marker = {};
  int max_uploads = 1000;
};

struct ListUploadsPage {
  std::vector<UploadInfo> uploads = {};
  std::vector<std::string> common_prefixes = {};
  bool truncated = false;
  std::string next_key_marker = {};
  std::string next_upload_id_marker = {};
};

struct ListPartsPage {
  std::vector<PartInfo> parts = {};
  bool truncated = false;
  int next_part_number_marker = 0;
};

/// The S3 engine: buckets, object versions, multipart uploads and bucket
/// configurations, durable in s3.db (metadata, small objects) and a
/// BlobStore (larger bytes). It speaks S3's semantics — versioning, delete
/// markers, conditional writes, multipart rules — and its errors are S3's
/// (s3/errors.h), but it knows nothing of HTTP, XML or JSON.
///
/// Durability: every mutation is one storage::Database work; its `done`
/// runs after the commit. New blobs are synced (file and directory) before
/// the work that names them is submitted; blobs a commit unnames are
/// removed after it. A crash leaves at worst unnamed blobs, which Open()
/// sweeps away. Reads run on read connections and see committed state.
///
/// Thread safety: every method is safe from any thread. Done callbacks run
/// on the database's writer thread or a file thread; they must not block.
class Engine {
 public:
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;
  ~Engine();

  /// Opens (creating) s3.db and the blob store, migrates, loads the buckets
  /// and sweeps blobs that no row names.
  static Result<std::unique_ptr<Engine>> Open(const EngineOptions& options,
                                              io::FileSystem& files,
                                              const Clock& clock,
                                              IdGenerator& ids);

  /// Finishes queued work and closes the database. Idempotent.
  void Stop();

  // Buckets ------------------------------------------------------------------

  /// Creates `bucket` (its name, region, owner). A taken name is
  /// BucketAlreadyOwnedByYou (same owner) or BucketAlreadyExists.
  void CreateBucket(BucketInfo bucket, Done<BucketInfo> done);
  /// Deletes an empty bucket (no versions, no delete markers, no uploads).
  void DeleteBucket(std::string name, Done<bool> done);
  /// Returns the bucket, or NoSuchBucket.
  Result<BucketInfo> FindBucket(std::string_view name) const;
  /// Returns every bucket, by name.
  std::vector<BucketInfo> Buckets() const;
  void SetVersioning(std::string name, VersioningState state, Done<bool> done);

  /// Bucket sub-resources (policy, CORS, lifecycle, tagging...) as opaque
  /// documents, by kind and, for the kinds that have several (analytics,
  /// metrics, inventory, intelligent-tiering), by id ("" otherwise).
  void PutBucketConfig(
      std::string bucket, std::string kind, std::string id, std::string document, Done<bool> done);
  /// Returns the document, or NotFound (without an S3 code) when unset.
  Result<std::string> GetBucketConfig(std::string_view bucket,
                                      std::string_view kind,
                                      std::string_view id) const;
  /// Returns (id, document) of every config of `kind`, by id.
  Result<std::vector<std::pair<std::string, std::string>>> ListBucketConfigs(
      std::string_view bucket, std::string_view kind) const;
  /// Deletes a config; deleting an unset one succeeds.
  void DeleteBucketConfig(std::string bucket, std::string kind, std::string id, Done<bool> done);

  // Objects ------------------------------------------------------------------

  /// Creates a blob for bytes that will not fit inline.
  Result<std::unique_ptr<BlobWriter>> NewBlob();
  size_t max_inline_bytes() const;

  /// Writes a new version of an object, honouring the bucket's versioning
  /// and the request's conditions.
  void PutObject(PutObjectRequest request, Done<WriteResult> done);

  /// Returns the latest version (possibly a delete marker) or the named
  /// one, with its inline bytes when `with_bytes`. NoSuchBucket, NoSuchKey
  /// (no version at all), NoSuchVersion, or InvalidArgument for a
  /// malformed version id.
  Result<ObjectVersion> GetObject(std::string_view bucket,
                                  std::string_view key,
                                  std::optional<std::string_view> version_id,
                                  bool with_bytes) const;

  /// Opens `version`'s bytes for reading.
  Result<std::unique_ptr<ObjectReader>> OpenObject(const ObjectVersion& version) const;

  /// Deletes as S3 does: without a version id, removes the object in an
  /// unversioned bucket or adds a delete marker in a versioned one; with
  /// one, removes that version permanently.
  void DeleteObject(std::string bucket,
                    std::string key,
                    std::optional<std::string> version_id,
                    Done<DeleteResult> done);

  struct DeleteTarget {
    std::string key = {};
    std::optional<std::string> version_id = std::nullopt;
  };

  /// Deletes several keys in one commit; one result per target, in order.
  void DeleteObjects(std::string bucket,
                     std::vector<DeleteTarget> targets,
                     Done<std::vector<Result<DeleteResult>>> done);

  /// Replaces the tags of the latest (or the named) version.
  void PutObjectTags(std::string bucket,
                     std::string key,
                     std::optional<std::string> version_id,
                     Pairs tags,
                     Done<std::string> done);

  /// Bytes copied out of an object.
  struct CopiedBytes {
    ObjectBody body = {};
    std::string etag = {};            // Quoted MD5.
    std::string checksum_value = {};  // Base64, when a checksum was asked for.
  };

  /// Copies bytes of `source` (all, or [first, last]) into a new body,
  /// computing their MD5 and, if named, a checksum (`checksum_algorithm`,
  /// an io::ChecksumAlgorithm name). Runs on a file thread.
  void CopyBytes(ObjectVersion source,
                 std::optional<std::pair<uint64_t, uint64_t>> range,
                 std::string checksum_algorithm,
                 Done<CopiedBytes> done);

  /// Computes the checksum (base64) of the blobs' bytes in order, on a file
  /// thread: a FULL_OBJECT checksum of a multipart upload's parts.
  void ChecksumBlobs(std::vector<BlobSegment> segments,
                     std::string checksum_algorithm,
                     Done<std::string> done);

  Result<ListPage> ListObjects(std::string_view bucket, const ListQuery& query) const;
  Result<ListVersionsPage> ListObjectVersions(std::string_view bucket,
                                              const ListVersionsQuery& query) const;

  // Multipart uploads ---------------------------------------------------------

  void CreateUpload(std::string bucket,
                    std::string key,
                    ObjectAttributes attributes,
                    Done<UploadInfo> done);
  /// Returns the upload, or NoSuchUpload (also when bucket or key differ).
  Result<UploadInfo> FindUpload(std::string_view bucket,
                                std::string_view key,
                                std::string_view upload_id) const;
  void UploadPart(UploadPartRequest request, Done<PartInfo> done);
  /// Assembles the listed parts into the object: InvalidPartOrder,
  /// InvalidPart, EntityTooSmall (a part but the last under 5 MiB),
  /// NoSuchUpload.
  void CompleteUpload(CompleteUploadRequest request, Done<WriteResult> done);
  void AbortUpload(std::string bucket, std::string key, std::string upload_id, Done<bool> done);
  Result<ListPartsPage> ListParts(std::string_view bucket,
                                  std::string_view key,
                                  std::string_view upload_id,
                                  int part_number_marker,
                                  int max_parts) const;
  Result<ListUploadsPage> ListUploads(std::string_view bucket, const ListUploadsQuery& query) const;
  /// Returns every part of the upload, by number.
  Result<std::vector<PartInfo>> UploadParts(std::string_view upload_id) const;

  // Lifecycle ----------------------------------------------------------------

  /// Applies `rules` to `bucket` as of `now_millis`, as S3's daily lifecycle
  /// run does: expires current versions (a delete, or a delete marker in a
  /// versioned bucket), removes noncurrent versions and lone delete markers,
  /// aborts old multipart uploads. A rule's days count from the object's
  /// creation (or, for noncurrent versions, its successor's) and round up to
  /// the next midnight UTC. Records LifecycleExpiration events.
  void ApplyLifecycle(std::string bucket,
                      std::vector<LifecycleRule> rules,
                      int64_t now_millis,
                      Done<LifecycleReport> done);

  // Notification events ----------------------------------------------------

  /// Sets the rules by which writes to `bucket` record notification events
  /// (from its notification configuration; none when empty).
  void SetNotificationRules(std::string_view bucket, std::vector<NotificationRule> rules);
  /// Calls `listener` (which must not block) after each commit that recorded events.
  void SetEventListener(std::function<void()> listener);
  /// Returns up to `limit` recorded events, oldest first.
  Result<std::vector<StoredEvent>> PendingEvents(size_t limit) const;
  /// Forgets delivered events.
  void AckEvents(std::vector<int64_t> ids, Done<bool> done);

  const Clock& clock() const;
  storage::Database& database();

 private:
  struct Parts;
  explicit Engine(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

}  // namespace stratus::s3
