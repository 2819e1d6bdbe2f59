#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"

namespace stratus::s3 {

/// Called once with an asynchronous operation's result, after its commit.
template <typename T>
using Done = std::function<void(Result<T>)>;

/// A bucket's versioning state. Do not reorder: values are stored on disk.
enum class VersioningState : uint8_t { kUnversioned = 0, kEnabled = 1, kSuspended = 2 };

/// One bucket as the engine keeps it.
struct BucketInfo {
  int64_t id = 0;  // Engine-assigned; never reused within a data dir.
  std::string name = {};
  std::string region = {};
  std::string owner_account = {};
  int64_t created_millis = 0;
  VersioningState versioning = VersioningState::kUnversioned;
  bool object_lock_enabled = false;
};

/// Ordered (name, value) pairs: user metadata (names lower-cased, without
/// the x-amz-meta- prefix) and tags.
using Pairs = std::vector<std::pair<std::string, std::string>>;

/// What a writer says about an object besides its bytes.
struct ObjectAttributes {
  /// System metadata by the model's member name ("ContentType",
  /// "CacheControl", "ContentDisposition", "ContentEncoding",
  /// "ContentLanguage", "Expires", "WebsiteRedirectLocation",
  /// "ServerSideEncryption", "SSEKMSKeyId", "StorageClass"...), verbatim.
  std::map<std::string, std::string> system = {};
  Pairs user_metadata = {};
  Pairs tags = {};
  /// "CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256", or empty.
  std::string checksum_algorithm = {};
  /// The checksum as S3 shows it: base64, "-N" for a composite of N parts.
  std::string checksum_value = {};
  /// "FULL_OBJECT" or "COMPOSITE" (empty without a checksum).
  std::string checksum_type = {};
};

/// One stored file of object bytes (see BlobStore).
struct BlobSegment {
  std::string blob_id = {};
  uint64_t size = 0;
};

/// One part of an object made by a multipart upload, as
/// GetObjectAttributes and `partNumber` reads see it.
struct ObjectPart {
  int part_number = 0;
  uint64_t size = 0;
  std::string checksum_value = {};  // The part's own checksum (base64), if any.
};

/// One version of an object (or a delete marker), as stored.
struct ObjectVersion {
  int64_t seq = 0;  // Newer versions of a key have larger seqs.
  int64_t bucket_id = 0;
  std::string key = {};
  std::string version_id = "null";  // "null" when written without versioning.
  bool delete_marker = false;
  bool latest = false;
  uint64_t size = 0;
  std::string etag = {};  // With its quotes, as S3 sends it.
  int64_t modified_millis = 0;
  ObjectAttributes attributes = {};
  /// The bytes: inline (objects up to EngineOptions::max_inline_bytes) or
  /// blob segments in order (one per part for a multipart object).
  bool stored_inline = false;
  std::string inline_bytes = {};  // Filled by reads that ask for the bytes.
  std::vector<BlobSegment> segments = {};
  std::vector<ObjectPart> parts = {};  // Empty unless made by a multipart upload.
};

/// Conditions on a write (S3's conditional writes): If-None-Match: * (only
/// when the key has no current object) and If-Match: <etag>.
struct WriteConditions {
  bool if_none_match_any = false;
  std::optional<std::string> if_match = std::nullopt;  // An ETag, quoted or not.
};

/// Where a bucket's notification configuration sends which events.
struct NotificationRule {
  std::string id = {};           // The configuration's Id.
  std::string destination = {};  // An SQS queue ARN.
  /// Event patterns: "s3:ObjectCreated:*", "s3:ObjectRemoved:Delete"...
  std::vector<std::string> events = {};
  std::string prefix = {};  // Filter rules on the key.
  std::string suffix = {};
};

/// One rule of a bucket's lifecycle configuration, as the engine applies it.
struct LifecycleRule {
  std::string id = {};
  bool enabled = true;
  // The filter: every part given must match.
  std::string prefix = {};
  Pairs tags = {};
  std::optional<uint64_t> size_greater_than = std::nullopt;
  std::optional<uint64_t> size_less_than = std::nullopt;
  // The actions.
  std::optional<int> expiration_days = std::nullopt;
  std::optional<int64_t> expiration_date_millis = std::nullopt;
  bool expired_object_delete_marker = false;
  std::optional<int> noncurrent_days = std::nullopt;
  std::optional<int> newer_noncurrent_versions = std::nullopt;  // Kept despite noncurrent_days.
  std::optional<int> abort_incomplete_upload_days = std::nullopt;
};

/// What one application of lifecycle rules did.
struct LifecycleReport {
  size_t expired = 0;             // Current versions expired (deleted or marked).
  size_t noncurrent_removed = 0;  // Noncurrent versions removed.
  size_t delete_markers_removed = 0;
  size_t uploads_aborted = 0;
};

/// One recorded notification event, waiting for delivery.
struct StoredEvent {
  int64_t id = 0;
  std::string bucket = {};
  std::string destination = {};
  std::string configuration_id = {};
  std::string event_name = {};  // Without "s3:": "ObjectCreated:Put".
  std::string key = {};
  uint64_t size = 0;
  std::string etag = {};
  std::string version_id = {};
  std::string sequencer = {};  // Orders the events of one key.
  int64_t event_millis = 0;
};

/// The result of an object write.
struct WriteResult {
  std::string version_id = {};  // Empty when the bucket was never versioned.
  std::string etag = {};
  int64_t modified_millis = 0;
  uint64_t size = 0;
  /// The object's checksum as stored (multipart completes compute it).
  std::string checksum_algorithm = {};
  std::string checksum_value = {};
  std::string checksum_type = {};
};

/// The result of a delete of one key or version.
struct DeleteResult {
  std::string version_id = {};  // The version deleted, or the marker made.
  bool delete_marker = false;   // The version deleted or made is a delete marker.
};

}  // namespace stratus::s3
