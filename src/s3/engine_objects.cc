// s3::Engine: writing, reading, deleting and tagging objects.

#include <algorithm>
#include <utility>

#include "base/digest.h"
#include "base/format.h"
#include "io/checksum.h"
#include "io/file_system.h"
#include "s3/engine_internal.h"
#include "s3/errors.h"
#include "s3/object_reader.h"
#include "s3/record_codec.h"

namespace stratus::s3 {
namespace {

using internal::Effects;

}  // namespace

void Engine::PutObject(PutObjectRequest request, Done<WriteResult> done) {
  if (request.key.size() > 1024) {
    done(S3Error::KeyTooLong());
    return;
  }
  auto shared = std::make_shared<PutObjectRequest>(std::move(request));
  Parts* parts = parts_.get();
  auto commit = [parts, shared, done = std::move(done)](const Status& synced) mutable {
    if (!synced.ok()) {
      done(synced);
      return;
    }
    const int64_t now = internal::LastModifiedMillis(parts->clock->NowMillis());
    parts->Submit<WriteResult>(
        [parts, shared, now](storage::Transaction& transaction,
                             Effects* effects) -> Result<WriteResult> {
          STRATUS_ASSIGN_OR_RETURN(BucketInfo bucket,
                                   internal::RequireBucket(transaction, shared->bucket));
          ObjectVersion version;
          version.key = shared->key;
          version.etag = shared->etag;
          version.modified_millis = now;
          version.attributes = shared->attributes;
          if (shared->body.blob != nullptr) {
            version.size = shared->body.blob->size();
            version.segments.push_back(
                BlobSegment{.blob_id = shared->body.blob->id(), .size = version.size});
          } else {
            version.size = shared->body.bytes.size();
            version.stored_inline = true;
          }
          STRATUS_RETURN_IF_ERROR(internal::WriteNewVersion(transaction, bucket, *parts->ids,
                                                            shared->conditions, shared->body.bytes,
                                                            &version, effects));
          STRATUS_RETURN_IF_ERROR(internal::RecordEvents(transaction, parts->RulesOf(bucket.name),
                                                         bucket.name, shared->event_name, version,
                                                         now, effects));
          return WriteResult{.version_id = bucket.versioning == VersioningState::kUnversioned
                                               ? std::string()
                                               : version.version_id,
                             .etag = version.etag,
                             .modified_millis = version.modified_millis,
                             .size = version.size};
        },
        [shared, done = std::move(done)](Result<WriteResult> written) {
          if (written.ok() && shared->body.blob != nullptr) {
            shared->body.blob->Keep();
          }
          // An unkept blob is removed when the request is destroyed.
          done(std::move(written));
        });
  };
  parts->SyncBlobThen(shared->body.blob.get(), std::move(commit));
}

Result<ObjectVersion> Engine::GetObject(std::string_view bucket,
                                        std::string_view key,
                                        std::optional<std::string_view> version_id,
                                        bool with_bytes) const {
  STRATUS_ASSIGN_OR_RETURN(BucketInfo info, parts_->CachedBucket(bucket));
  if (version_id.has_value()) {
    STRATUS_RETURN_IF_ERROR(internal::ValidateVersionId(*version_id));
  }
  std::optional<ObjectVersion> found;
  STRATUS_RETURN_IF_ERROR(parts_->database->Read([&](storage::Transaction& transaction) -> Status {
    if (version_id.has_value()) {
      STRATUS_ASSIGN_OR_RETURN(found,
                               internal::QueryVersion(transaction, info.id, key, *version_id));
    } else {
      STRATUS_ASSIGN_OR_RETURN(found, internal::QueryLatest(transaction, info.id, key));
    }
    if (found.has_value() && with_bytes && !found->delete_marker) {
      STRATUS_RETURN_IF_ERROR(internal::LoadInlineBytes(transaction, &*found));
    }
    return Status::Ok();
  }));
  if (!found.has_value()) {
    return version_id.has_value() ? S3Error::NoSuchVersion() : S3Error::NoSuchKey();
  }
  return *std::move(found);
}

Result<std::unique_ptr<ObjectReader>> Engine::OpenObject(const ObjectVersion& version) const {
  if (version.stored_inline) {
    return std::make_unique<ObjectReader>(version.inline_bytes);
  }
  std::vector<std::unique_ptr<io::RandomAccessFile>> files;
  files.reserve(version.segments.size());
  for (const BlobSegment& segment : version.segments) {
    Result<std::unique_ptr<io::RandomAccessFile>> file = parts_->blobs->Open(segment.blob_id);
    if (!file.ok()) {
      // Deleted between the metadata read and this open.
      return file.status().code() == StatusCode::kNotFound ? S3Error::NoSuchKey() : file.status();
    }
    if ((*file)->size() != segment.size) {
      return Status::Corruption(Format("blob {} holds {} bytes, its object says {}",
                                       segment.blob_id, (*file)->size(), segment.size));
    }
    files.push_back(std::move(file).value());
  }
  return std::make_unique<ObjectReader>(std::move(files));
}

Result<DeleteResult> internal::DeleteOne(storage::Transaction& transaction,
                                         const BucketInfo& bucket,
                                         IdGenerator& ids,
                                         const std::vector<NotificationRule>& rules,
                                         std::string_view event_prefix,
                                         int64_t now,
                                         const std::string& key,
                                         const std::optional<std::string>& version_id,
                                         Effects* effects) {
  const std::string removed = std::string(event_prefix) + "Delete";
  if (version_id.has_value()) {
    STRATUS_RETURN_IF_ERROR(internal::ValidateVersionId(*version_id));
    STRATUS_ASSIGN_OR_RETURN(std::optional<ObjectVersion> version,
                             internal::QueryVersion(transaction, bucket.id, key, *version_id));
    // AWS: deleting a version that does not exist succeeds.
    if (!version.has_value()) {
      return DeleteResult{.version_id = *version_id, .delete_marker = false};
    }
    STRATUS_RETURN_IF_ERROR(internal::DeleteVersionRow(transaction, *version, effects));
    STRATUS_RETURN_IF_ERROR(
        RecordEvents(transaction, rules, bucket.name, removed, *version, now, effects));
    return DeleteResult{.version_id = version->version_id, .delete_marker = version->delete_marker};
  }
  if (bucket.versioning == VersioningState::kUnversioned) {
    STRATUS_ASSIGN_OR_RETURN(std::optional<ObjectVersion> current,
                             internal::QueryLatest(transaction, bucket.id, key));
    if (current.has_value()) {
      STRATUS_RETURN_IF_ERROR(internal::DeleteVersionRow(transaction, *current, effects));
      STRATUS_RETURN_IF_ERROR(
          RecordEvents(transaction, rules, bucket.name, removed, *current, now, effects));
    }
    return DeleteResult{};
  }
  // Versioned (or suspended): a delete marker becomes the current version.
  ObjectVersion marker;
  marker.key = key;
  marker.delete_marker = true;
  marker.modified_millis = now;
  STRATUS_RETURN_IF_ERROR(
      internal::WriteNewVersion(transaction, bucket, ids, WriteConditions{}, {}, &marker, effects));
  STRATUS_RETURN_IF_ERROR(RecordEvents(transaction, rules, bucket.name,
                                       std::string(event_prefix) + "DeleteMarkerCreated", marker,
                                       now, effects));
  return DeleteResult{.version_id = marker.version_id, .delete_marker = true};
}

void Engine::DeleteObject(std::string bucket,
                          std::string key,
                          std::optional<std::string> version_id,
                          Done<DeleteResult> done) {
  Parts* parts = parts_.get();
  const int64_t now = internal::LastModifiedMillis(parts->clock->NowMillis());
  parts_->Submit<DeleteResult>(
      [parts, now, bucket = std::move(bucket), key = std::move(key),
       version_id = std::move(version_id)](storage::Transaction& transaction,
                                           Effects* effects) -> Result<DeleteResult> {
        STRATUS_ASSIGN_OR_RETURN(BucketInfo info, internal::RequireBucket(transaction, bucket));
        return internal::DeleteOne(transaction, info, *parts->ids, parts->RulesOf(info.name),
                                   "ObjectRemoved:", now, key, version_id, effects);
      },
      std::move(done));
}

void Engine::DeleteObjects(std::string bucket,
                           std::vector<DeleteTarget> targets,
                           Done<std::vector<Result<DeleteResult>>> done) {
  Parts* parts = parts_.get();
  const int64_t now = internal::LastModifiedMillis(parts->clock->NowMillis());
  parts_->Submit<std::vector<Result<DeleteResult>>>(
      [parts, now, bucket = std::move(bucket), targets = std::move(targets)](
          storage::Transaction& transaction,
          Effects* effects) -> Result<std::vector<Result<DeleteResult>>> {
        STRATUS_ASSIGN_OR_RETURN(BucketInfo info, internal::RequireBucket(transaction, bucket));
        std::vector<Result<DeleteResult>> results;
        results.reserve(targets.size());
        const std::vector<NotificationRule> rules = parts->RulesOf(info.name);
        for (const DeleteTarget& target : targets) {
          results.push_back(internal::DeleteOne(transaction, info, *parts->ids, rules,
                                                "ObjectRemoved:", now, target.key,
                                                target.version_id, effects));
        }
        return results;
      },
      std::move(done));
}

void Engine::PutObjectTags(std::string bucket,
                           std::string key,
                           std::optional<std::string> version_id,
                           Pairs tags,
                           Done<std::string> done) {
  parts_->Submit<std::string>(
      [bucket = std::move(bucket), key = std::move(key), version_id = std::move(version_id),
       tags = std::move(tags)](storage::Transaction& transaction, Effects*) -> Result<std::string> {
        STRATUS_ASSIGN_OR_RETURN(BucketInfo info, internal::RequireBucket(transaction, bucket));
        std::optional<ObjectVersion> version;
        if (version_id.has_value()) {
          STRATUS_RETURN_IF_ERROR(internal::ValidateVersionId(*version_id));
          STRATUS_ASSIGN_OR_RETURN(version,
                                   internal::QueryVersion(transaction, info.id, key, *version_id));
          if (!version.has_value()) {
            return S3Error::NoSuchVersion();
          }
        } else {
          STRATUS_ASSIGN_OR_RETURN(version, internal::QueryLatest(transaction, info.id, key));
          if (!version.has_value() || version->delete_marker) {
            return S3Error::NoSuchKey();
          }
        }
        if (version->delete_marker) {
          return S3Error::MethodNotAllowed();
        }
        version->attributes.tags = tags;
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec("UPDATE objects SET attributes = ?2 WHERE seq = ?1",
                      {version->seq, storage::Blob{EncodeAttributes(version->attributes)}})
                .status());
        return version->version_id;
      },
      std::move(done));
}

namespace {

// Reads [first, first + length) of an opened object, computing its MD5 and
// optionally a checksum; keeps the bytes (inline up to `max_inline`, else in
// a new blob of `blobs`) when `blobs` is not null.
Result<Engine::CopiedBytes> ReadThrough(const ObjectReader& reader,
                                        uint64_t first,
                                        uint64_t length,
                                        const std::string& checksum_algorithm,
                                        BlobStore* blobs,
                                        size_t max_inline) {
  io::Checksummer md5(io::ChecksumAlgorithm::kMd5);
  std::optional<io::Checksummer> checksum;
  if (!checksum_algorithm.empty()) {
    STRATUS_ASSIGN_OR_RETURN(io::ChecksumAlgorithm algorithm,
                             io::ParseChecksumAlgorithm(checksum_algorithm));
    checksum.emplace(algorithm);
  }
  Engine::CopiedBytes copied;
  const bool keep = blobs != nullptr;
  const bool fits_inline = length <= max_inline;
  if (keep && !fits_inline) {
    STRATUS_ASSIGN_OR_RETURN(copied.body.blob, blobs->Create());
  }
  std::string buffer(static_cast<size_t>(std::min<uint64_t>(length, uint64_t{1} << 20)), '\0');
  uint64_t num_read = 0;
  while (num_read < length) {
    const auto want = static_cast<size_t>(std::min<uint64_t>(buffer.size(), length - num_read));
    STRATUS_ASSIGN_OR_RETURN(size_t got,
                             reader.ReadAt(first + num_read, std::span(buffer.data(), want)));
    if (got == 0) {
      return Status::Corruption("an object ended before its recorded size");
    }
    const std::string_view chunk(buffer.data(), got);
    md5.Update(chunk);
    if (checksum.has_value()) {
      checksum->Update(chunk);
    }
    if (keep && fits_inline) {
      copied.body.bytes.append(chunk);
    } else if (keep) {
      STRATUS_RETURN_IF_ERROR(copied.body.blob->Append(chunk));
    }
    num_read += got;
  }
  copied.etag = "\"" + ToHex(md5.Finish()) + "\"";
  if (checksum.has_value()) {
    copied.checksum_value = checksum->FinishBase64();
  }
  return copied;
}

}  // namespace

void Engine::CopyBytes(ObjectVersion source,
                       std::optional<std::pair<uint64_t, uint64_t>> range,
                       std::string checksum_algorithm,
                       Done<CopiedBytes> done) {
  Parts* parts = parts_.get();
  parts_->file_pool->Post([this, parts, source = std::move(source), range,
                           checksum_algorithm = std::move(checksum_algorithm),
                           done = std::move(done)]() mutable {
    auto copy = [&]() -> Result<CopiedBytes> {
      STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<ObjectReader> reader, OpenObject(source));
      uint64_t first = 0;
      uint64_t length = reader->size();
      if (range.has_value()) {
        first = range->first;
        length = range->second - range->first + 1;
      }
      return ReadThrough(*reader, first, length, checksum_algorithm, parts->blobs.get(),
                         parts->options.max_inline_bytes);
    };
    done(copy());
  });
}

void Engine::ChecksumBlobs(std::vector<BlobSegment> segments,
                           std::string checksum_algorithm,
                           Done<std::string> done) {
  ObjectVersion version;
  version.segments = std::move(segments);
  parts_->file_pool->Post([this, version = std::move(version),
                           checksum_algorithm = std::move(checksum_algorithm),
                           done = std::move(done)]() {
    auto sum = [&]() -> Result<std::string> {
      STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<ObjectReader> reader, OpenObject(version));
      STRATUS_ASSIGN_OR_RETURN(CopiedBytes read, ReadThrough(*reader, 0, reader->size(),
                                                             checksum_algorithm, nullptr, 0));
      return std::move(read.checksum_value);
    };
    done(sum());
  });
}

}  // namespace stratus::s3
