// The row helpers of s3::Engine (engine_internal.h): reading versions,
// versioning rules on write, deleting versions.

#include <algorithm>
#include <array>

#include "base/format.h"
#include "s3/engine_internal.h"
#include "s3/errors.h"
#include "s3/record_codec.h"

namespace stratus::s3::internal {
namespace {

// Version ids this engine makes: 32 characters of this alphabet.
constexpr std::string_view kVersionIdAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";
constexpr size_t kVersionIdLength = 32;

std::string NewVersionId(IdGenerator& ids) {
  std::string id;
  id.reserve(kVersionIdLength);
  for (size_t i = 0; i < kVersionIdLength; ++i) {
    id.push_back(kVersionIdAlphabet[ids.Uniform(kVersionIdAlphabet.size())]);
  }
  return id;
}

// Strips the quotes of an ETag ("abc" → abc); S3 compares them unquoted.
std::string_view Unquoted(std::string_view etag) {
  if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') {
    return etag.substr(1, etag.size() - 2);
  }
  return etag;
}

Status CheckConditions(const std::optional<ObjectVersion>& current,
                       const WriteConditions& conditions) {
  const bool exists = current.has_value() && !current->delete_marker;
  // AWS: If-None-Match: * fails with 412 when the key has a current object.
  if (conditions.if_none_match_any && exists) {
    return S3Error::PreconditionFailed();
  }
  // AWS: If-Match on a missing key is NoSuchKey (404); a different ETag 412.
  if (conditions.if_match.has_value()) {
    if (!exists) {
      return S3Error::NoSuchKey();
    }
    if (Unquoted(*conditions.if_match) != "*" &&
        Unquoted(*conditions.if_match) != Unquoted(current->etag)) {
      return S3Error::PreconditionFailed();
    }
  }
  return Status::Ok();
}

Status InsertVersion(storage::Transaction& transaction,
                     std::string_view inline_bytes,
                     ObjectVersion* version) {
  STRATUS_RETURN_IF_ERROR(
      transaction
          .Exec("INSERT INTO objects (bucket_id, key, version_id, latest, delete_marker, size, "
                "etag, modified_millis, attributes, storage) "
                "VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6, ?7, ?8, ?9)",
                {version->bucket_id, version->key, version->version_id,
                 int64_t{version->delete_marker ? 1 : 0}, static_cast<int64_t>(version->size),
                 version->etag, version->modified_millis,
                 storage::Blob{EncodeAttributes(version->attributes)},
                 storage::Blob{EncodeStorage(*version)}})
          .status());
  version->seq = transaction.LastInsertRowId();
  version->latest = true;
  if (version->stored_inline) {
    STRATUS_RETURN_IF_ERROR(transaction
                                .Exec("INSERT INTO inline_data (seq, bytes) VALUES (?1, ?2)",
                                      {version->seq, storage::Blob{std::string(inline_bytes)}})
                                .status());
  }
  return Status::Ok();
}

}  // namespace

Result<ObjectVersion> ReadVersion(const storage::Row& row) {
  ObjectVersion version;
  version.seq = row.GetInt(0);
  version.bucket_id = row.GetInt(1);
  version.key = row.GetText(2);
  version.version_id = row.GetText(3);
  version.latest = row.GetInt(4) != 0;
  version.delete_marker = row.GetInt(5) != 0;
  version.size = static_cast<uint64_t>(row.GetInt(6));
  version.etag = row.GetText(7);
  version.modified_millis = row.GetInt(8);
  STRATUS_ASSIGN_OR_RETURN(version.attributes, DecodeAttributes(row.GetText(9)));
  STRATUS_RETURN_IF_ERROR(DecodeStorage(row.GetText(10), &version));
  return version;
}

Result<BucketInfo> RequireBucket(storage::Transaction& transaction, std::string_view name) {
  std::optional<BucketInfo> found;
  STRATUS_RETURN_IF_ERROR(transaction.Query(
      "SELECT id, name, region, owner_account, created_millis, versioning, object_lock "
      "FROM buckets WHERE name = ?1",
      {std::string(name)}, [&](const storage::Row& row) {
        found = BucketInfo{.id = row.GetInt(0),
                           .name = row.GetText(1),
                           .region = row.GetText(2),
                           .owner_account = row.GetText(3),
                           .created_millis = row.GetInt(4),
                           .versioning = static_cast<VersioningState>(row.GetInt(5)),
                           .object_lock_enabled = row.GetInt(6) != 0};
        return Status::Ok();
      }));
  if (!found.has_value()) {
    return S3Error::NoSuchBucket();
  }
  return *std::move(found);
}

Result<std::optional<ObjectVersion>> QueryLatest(storage::Transaction& transaction,
                                                 int64_t bucket_id,
                                                 std::string_view key) {
  std::optional<ObjectVersion> found;
  STRATUS_RETURN_IF_ERROR(transaction.Query(
      Format("SELECT {} FROM objects WHERE bucket_id = ?1 AND key = ?2 ORDER BY seq DESC LIMIT 1",
             kVersionColumns),
      {bucket_id, std::string(key)}, [&](const storage::Row& row) -> Status {
        STRATUS_ASSIGN_OR_RETURN(ObjectVersion version, ReadVersion(row));
        found = std::move(version);
        return Status::Ok();
      }));
  return found;
}

Result<std::optional<ObjectVersion>> QueryVersion(storage::Transaction& transaction,
                                                  int64_t bucket_id,
                                                  std::string_view key,
                                                  std::string_view version_id) {
  std::optional<ObjectVersion> found;
  STRATUS_RETURN_IF_ERROR(transaction.Query(
      Format("SELECT {} FROM objects WHERE bucket_id = ?1 AND key = ?2 AND version_id = ?3",
             kVersionColumns),
      {bucket_id, std::string(key), std::string(version_id)},
      [&](const storage::Row& row) -> Status {
        STRATUS_ASSIGN_OR_RETURN(ObjectVersion version, ReadVersion(row));
        found = std::move(version);
        return Status::Ok();
      }));
  return found;
}

Status LoadInlineBytes(storage::Transaction& transaction, ObjectVersion* version) {
  if (!version->stored_inline) {
    return Status::Ok();
  }
  bool found = false;
  STRATUS_RETURN_IF_ERROR(transaction.Query("SELECT bytes FROM inline_data WHERE seq = ?1",
                                            {version->seq}, [&](const storage::Row& row) {
                                              version->inline_bytes = row.GetText(0);
                                              found = true;
                                              return Status::Ok();
                                            }));
  if (!found) {
    return Status::Corruption(
        Format("s3.db: inline bytes of object seq {} are missing", version->seq));
  }
  return Status::Ok();
}

Status ValidateVersionId(std::string_view version_id) {
  if (version_id == "null") {
    return Status::Ok();
  }
  if (version_id.size() != kVersionIdLength ||
      version_id.find_first_not_of(kVersionIdAlphabet) != std::string_view::npos) {
    return S3Error::InvalidArgument("Invalid version id specified");
  }
  return Status::Ok();
}

std::vector<std::string> BlobsOf(const ObjectVersion& version) {
  std::vector<std::string> blobs;
  blobs.reserve(version.segments.size());
  for (const BlobSegment& segment : version.segments) {
    blobs.push_back(segment.blob_id);
  }
  return blobs;
}

Status WriteNewVersion(storage::Transaction& transaction,
                       const BucketInfo& bucket,
                       IdGenerator& ids,
                       const WriteConditions& conditions,
                       std::string_view inline_bytes,
                       ObjectVersion* version,
                       Effects* effects) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<ObjectVersion> current,
                           QueryLatest(transaction, bucket.id, version->key));
  STRATUS_RETURN_IF_ERROR(CheckConditions(current, conditions));
  version->bucket_id = bucket.id;
  if (bucket.versioning == VersioningState::kEnabled) {
    version->version_id = NewVersionId(ids);
  } else {
    // Unversioned and suspended buckets keep one "null" version per key,
    // replaced by each write; other versions (from when versioning was on) stay.
    version->version_id = "null";
    STRATUS_ASSIGN_OR_RETURN(std::optional<ObjectVersion> null_version,
                             QueryVersion(transaction, bucket.id, version->key, "null"));
    if (null_version.has_value()) {
      STRATUS_RETURN_IF_ERROR(
          transaction.Exec("DELETE FROM objects WHERE seq = ?1", {null_version->seq}).status());
      STRATUS_RETURN_IF_ERROR(
          transaction.Exec("DELETE FROM inline_data WHERE seq = ?1", {null_version->seq}).status());
      for (std::string& blob : BlobsOf(*null_version)) {
        effects->blobs.push_back(std::move(blob));
      }
    }
  }
  if (current.has_value()) {
    STRATUS_RETURN_IF_ERROR(
        transaction
            .Exec("UPDATE objects SET latest = 0 WHERE bucket_id = ?1 AND key = ?2 AND latest = 1",
                  {bucket.id, version->key})
            .status());
  }
  return InsertVersion(transaction, inline_bytes, version);
}

Status DeleteVersionRow(storage::Transaction& transaction,
                        const ObjectVersion& version,
                        Effects* effects) {
  STRATUS_RETURN_IF_ERROR(
      transaction.Exec("DELETE FROM objects WHERE seq = ?1", {version.seq}).status());
  if (version.stored_inline) {
    STRATUS_RETURN_IF_ERROR(
        transaction.Exec("DELETE FROM inline_data WHERE seq = ?1", {version.seq}).status());
  }
  for (std::string& blob : BlobsOf(version)) {
    effects->blobs.push_back(std::move(blob));
  }
  if (version.latest) {
    STRATUS_RETURN_IF_ERROR(
        transaction
            .Exec("UPDATE objects SET latest = 1 WHERE seq = (SELECT seq FROM objects "
                  "WHERE bucket_id = ?1 AND key = ?2 ORDER BY seq DESC LIMIT 1)",
                  {version.bucket_id, version.key})
            .status());
  }
  return Status::Ok();
}

namespace {

// True when an event pattern ("s3:ObjectCreated:*") names `event_name` ("ObjectCreated:Put").
bool EventMatches(std::string_view pattern, std::string_view event_name) {
  if (!pattern.starts_with("s3:")) {
    return false;
  }
  pattern.remove_prefix(3);
  if (pattern.ends_with("*")) {
    return event_name.starts_with(pattern.substr(0, pattern.size() - 1));
  }
  return pattern == event_name;
}

}  // namespace

Status RecordEvents(storage::Transaction& transaction,
                    const std::vector<NotificationRule>& rules,
                    std::string_view bucket,
                    std::string_view event_name,
                    const ObjectVersion& version,
                    int64_t event_millis,
                    Effects* effects) {
  for (const NotificationRule& rule : rules) {
    const bool wanted =
        std::any_of(rule.events.begin(), rule.events.end(),
                    [&](const std::string& e) { return EventMatches(e, event_name); });
    if (!wanted || !version.key.starts_with(rule.prefix) || !version.key.ends_with(rule.suffix)) {
      continue;
    }
    STRATUS_RETURN_IF_ERROR(
        transaction
            .Exec("INSERT INTO events (bucket, destination, configuration_id, event_name, key, "
                  "size, etag, version_id, sequencer, event_millis) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                  {std::string(bucket), rule.destination, rule.id, std::string(event_name),
                   version.key, static_cast<int64_t>(version.size), version.etag,
                   version.version_id, Format("{:016X}", version.seq), event_millis})
            .status());
    effects->events = true;
  }
  return Status::Ok();
}

std::string PrefixSuccessor(std::string_view prefix) {
  std::string next(prefix);
  while (!next.empty()) {
    auto last = static_cast<unsigned char>(next.back());
    if (last != 0xFF) {
      next.back() = static_cast<char>(last + 1);
      return next;
    }
    next.pop_back();
  }
  return next;
}

}  // namespace stratus::s3::internal
