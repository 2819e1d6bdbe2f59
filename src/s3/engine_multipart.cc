// s3::Engine: multipart uploads.

#include <algorithm>
#include <utility>

#include "base/digest.h"
#include "base/format.h"
#include "io/checksum.h"
#include "s3/engine_internal.h"
#include "s3/errors.h"
#include "s3/record_codec.h"

namespace stratus::s3 {
namespace {

using internal::Effects;

constexpr int kMaxPartNumber = 10000;

std::string_view Unquoted(std::string_view etag) {
  if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') {
    return etag.substr(1, etag.size() - 2);
  }
  return etag;
}

Result<UploadInfo> QueryUpload(storage::Transaction& transaction,
                               int64_t bucket_id,
                               std::string_view key,
                               std::string_view upload_id) {
  std::optional<UploadInfo> found;
  std::string attributes;
  STRATUS_RETURN_IF_ERROR(transaction.Query(
      "SELECT upload_id, bucket_id, key, initiated_millis, attributes FROM uploads "
      "WHERE upload_id = ?1",
      {std::string(upload_id)}, [&](const storage::Row& row) {
        found = UploadInfo{.upload_id = row.GetText(0),
                           .bucket_id = row.GetInt(1),
                           .key = row.GetText(2),
                           .initiated_millis = row.GetInt(3)};
        attributes = row.GetText(4);
        return Status::Ok();
      }));
  if (!found.has_value() || found->bucket_id != bucket_id || found->key != key) {
    return S3Error::NoSuchUpload();
  }
  STRATUS_ASSIGN_OR_RETURN(found->attributes, DecodeAttributes(attributes));
  return *std::move(found);
}

Result<std::vector<PartInfo>> QueryParts(storage::Transaction& transaction,
                                         std::string_view upload_id,
                                         int after_part,
                                         int limit) {
  std::vector<PartInfo> parts;
  STRATUS_RETURN_IF_ERROR(transaction.Query(
      "SELECT part_number, size, etag, modified_millis, blob_id, checksum FROM parts "
      "WHERE upload_id = ?1 AND part_number > ?2 ORDER BY part_number LIMIT ?3",
      {std::string(upload_id), int64_t{after_part}, int64_t{limit}}, [&](const storage::Row& row) {
        parts.push_back(PartInfo{.part_number = static_cast<int>(row.GetInt(0)),
                                 .size = static_cast<uint64_t>(row.GetInt(1)),
                                 .etag = row.GetText(2),
                                 .modified_millis = row.GetInt(3),
                                 .blob_id = row.GetText(4),
                                 .checksum_value = row.GetText(5)});
        return Status::Ok();
      }));
  return parts;
}

Status DeleteUploadRows(storage::Transaction& transaction, std::string_view upload_id) {
  STRATUS_RETURN_IF_ERROR(
      transaction.Exec("DELETE FROM parts WHERE upload_id = ?1", {std::string(upload_id)})
          .status());
  return transaction.Exec("DELETE FROM uploads WHERE upload_id = ?1", {std::string(upload_id)})
      .status();
}

// AWS: the ETag of a multipart object is the MD5 of its parts' binary MD5s,
// then "-" and the number of parts.
Result<std::string> MultipartEtag(const std::vector<PartInfo>& parts) {
  std::string digests;
  digests.reserve(parts.size() * 16);
  for (const PartInfo& part : parts) {
    const std::string_view hex = Unquoted(part.etag);
    if (hex.size() != 32) {
      return Status::Corruption(Format("part {} has a malformed ETag", part.part_number));
    }
    std::string digest;
    if (!HexDecode(hex, &digest)) {
      return Status::Corruption(Format("part {} has a malformed ETag", part.part_number));
    }
    digests.append(digest);
  }
  return Format("\"{}-{}\"", Md5Hex(digests), parts.size());
}

// AWS: a COMPOSITE checksum is the checksum of the parts' binary checksums,
// base64, then "-" and the number of parts.
Result<std::string> CompositeChecksum(std::string_view algorithm_name,
                                      const std::vector<PartInfo>& parts) {
  Result<io::ChecksumAlgorithm> algorithm = io::ParseChecksumAlgorithm(algorithm_name);
  if (!algorithm.ok()) {
    return Status::Corruption(Format("unknown checksum algorithm '{}'", algorithm_name));
  }
  io::Checksummer checksummer(*algorithm);
  for (const PartInfo& part : parts) {
    std::string raw;
    if (part.checksum_value.empty() || !Base64Decode(part.checksum_value, &raw)) {
      return S3Error::InvalidRequest(
          Format("The upload was created using a {} checksum. The complete request must "
                 "include the checksum for each part. It was missing for part {} in the request.",
                 algorithm_name, part.part_number));
    }
    checksummer.Update(raw);
  }
  return Format("{}-{}", Base64Encode(checksummer.Finish()), parts.size());
}

}  // namespace

void Engine::CreateUpload(std::string bucket,
                          std::string key,
                          ObjectAttributes attributes,
                          Done<UploadInfo> done) {
  if (key.size() > 1024) {
    done(S3Error::KeyTooLong());
    return;
  }
  Parts* parts = parts_.get();
  UploadInfo upload{.upload_id = parts->ids->Hex(32),
                    .bucket_id = 0,
                    .key = std::move(key),
                    .initiated_millis = internal::LastModifiedMillis(parts->clock->NowMillis()),
                    .attributes = std::move(attributes)};
  parts_->Submit<UploadInfo>(
      [bucket = std::move(bucket), upload = std::move(upload)](
          storage::Transaction& transaction, Effects*) mutable -> Result<UploadInfo> {
        STRATUS_ASSIGN_OR_RETURN(BucketInfo info, internal::RequireBucket(transaction, bucket));
        upload.bucket_id = info.id;
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec("INSERT INTO uploads (upload_id, bucket_id, key, initiated_millis, "
                      "attributes) VALUES (?1, ?2, ?3, ?4, ?5)",
                      {upload.upload_id, upload.bucket_id, upload.key, upload.initiated_millis,
                       storage::Blob{EncodeAttributes(upload.attributes)}})
                .status());
        return upload;
      },
      std::move(done));
}

Result<UploadInfo> Engine::FindUpload(std::string_view bucket,
                                      std::string_view key,
                                      std::string_view upload_id) const {
  STRATUS_ASSIGN_OR_RETURN(BucketInfo info, parts_->CachedBucket(bucket));
  std::optional<UploadInfo> found;
  STRATUS_RETURN_IF_ERROR(parts_->database->Read([&](storage::Transaction& transaction) -> Status {
    STRATUS_ASSIGN_OR_RETURN(found, QueryUpload(transaction, info.id, key, upload_id));
    return Status::Ok();
  }));
  return *std::move(found);
}

void Engine::UploadPart(UploadPartRequest request, Done<PartInfo> done) {
  if (request.part_number < 1 || request.part_number > kMaxPartNumber) {
    done(S3Error::InvalidArgument("Part number must be an integer between 1 and 10000, inclusive"));
    return;
  }
  auto shared = std::make_shared<UploadPartRequest>(std::move(request));
  Parts* parts = parts_.get();
  auto commit = [parts, shared, done = std::move(done)](const Status& synced) mutable {
    if (!synced.ok()) {
      done(synced);
      return;
    }
    const int64_t now = internal::LastModifiedMillis(parts->clock->NowMillis());
    parts->Submit<PartInfo>(
        [shared, now](storage::Transaction& transaction, Effects* effects) -> Result<PartInfo> {
          STRATUS_ASSIGN_OR_RETURN(BucketInfo bucket,
                                   internal::RequireBucket(transaction, shared->bucket));
          STRATUS_ASSIGN_OR_RETURN(UploadInfo upload, QueryUpload(transaction, bucket.id,
                                                                  shared->key, shared->upload_id));
          // A part uploaded again replaces the earlier one.
          STRATUS_RETURN_IF_ERROR(transaction.Query(
              "SELECT blob_id FROM parts WHERE upload_id = ?1 AND part_number = ?2",
              {upload.upload_id, int64_t{shared->part_number}}, [&](const storage::Row& row) {
                effects->blobs.push_back(row.GetText(0));
                return Status::Ok();
              }));
          PartInfo part{.part_number = shared->part_number,
                        .size = shared->blob->size(),
                        .etag = shared->etag,
                        .modified_millis = now,
                        .blob_id = shared->blob->id(),
                        .checksum_value = shared->checksum_value};
          STRATUS_RETURN_IF_ERROR(
              transaction
                  .Exec(
                      "INSERT OR REPLACE INTO parts (upload_id, part_number, size, etag, "
                      "modified_millis, blob_id, checksum) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                      {upload.upload_id, int64_t{part.part_number}, static_cast<int64_t>(part.size),
                       part.etag, part.modified_millis, part.blob_id, part.checksum_value})
                  .status());
          return part;
        },
        [shared, done = std::move(done)](Result<PartInfo> stored) {
          if (stored.ok()) {
            shared->blob->Keep();
          }
          done(std::move(stored));
        });
  };
  parts->SyncBlobThen(shared->blob.get(), std::move(commit));
}

void Engine::CompleteUpload(CompleteUploadRequest request, Done<WriteResult> done) {
  if (request.parts.empty()) {
    done(S3Error::MalformedXml());
    return;
  }
  Parts* parts = parts_.get();
  const int64_t now = internal::LastModifiedMillis(parts->clock->NowMillis());
  parts_->Submit<WriteResult>(
      [parts, now, request = std::move(request)](storage::Transaction& transaction,
                                                 Effects* effects) -> Result<WriteResult> {
        STRATUS_ASSIGN_OR_RETURN(BucketInfo bucket,
                                 internal::RequireBucket(transaction, request.bucket));
        STRATUS_ASSIGN_OR_RETURN(
            UploadInfo upload, QueryUpload(transaction, bucket.id, request.key, request.upload_id));
        STRATUS_ASSIGN_OR_RETURN(std::vector<PartInfo> stored,
                                 QueryParts(transaction, upload.upload_id, 0, kMaxPartNumber));
        std::map<int, const PartInfo*> by_number;
        for (const PartInfo& part : stored) {
          by_number.emplace(part.part_number, &part);
        }
        std::vector<PartInfo> chosen;
        chosen.reserve(request.parts.size());
        int previous = 0;
        for (const CompletedPart& listed : request.parts) {
          if (listed.part_number <= previous) {
            return S3Error::InvalidPartOrder();
          }
          previous = listed.part_number;
          auto it = by_number.find(listed.part_number);
          if (it == by_number.end() || Unquoted(listed.etag) != Unquoted(it->second->etag)) {
            return S3Error::InvalidPart();
          }
          if (!listed.checksum_value.empty() && !it->second->checksum_value.empty() &&
              listed.checksum_value != it->second->checksum_value) {
            return S3Error::InvalidPart();
          }
          chosen.push_back(*it->second);
        }
        for (size_t i = 0; i + 1 < chosen.size(); ++i) {
          if (chosen[i].size < internal::kMinPartBytes) {
            return S3Error::EntityTooSmall();
          }
        }
        ObjectVersion version;
        version.key = upload.key;
        version.modified_millis = now;
        version.attributes = upload.attributes;
        STRATUS_ASSIGN_OR_RETURN(version.etag, MultipartEtag(chosen));
        for (const PartInfo& part : chosen) {
          version.size += part.size;
          version.segments.push_back(BlobSegment{.blob_id = part.blob_id, .size = part.size});
          version.parts.push_back(ObjectPart{.part_number = part.part_number,
                                             .size = part.size,
                                             .checksum_value = part.checksum_value});
        }
        if (version.size > internal::kMaxPutBytes * 1000) {
          return S3Error::EntityTooLarge(version.size, internal::kMaxPutBytes * 1000);
        }
        ObjectAttributes& attributes = version.attributes;
        if (!attributes.checksum_algorithm.empty()) {
          if (attributes.checksum_type == "FULL_OBJECT") {
            attributes.checksum_value = request.full_object_checksum;
          } else {
            STRATUS_ASSIGN_OR_RETURN(attributes.checksum_value,
                                     CompositeChecksum(attributes.checksum_algorithm, chosen));
          }
        }
        STRATUS_RETURN_IF_ERROR(internal::WriteNewVersion(
            transaction, bucket, *parts->ids, request.conditions, {}, &version, effects));
        STRATUS_RETURN_IF_ERROR(
            internal::RecordEvents(transaction, parts->RulesOf(bucket.name), bucket.name,
                                   "ObjectCreated:CompleteMultipartUpload", version, now, effects));
        // Parts uploaded but not listed are dropped with the upload.
        for (const PartInfo& part : stored) {
          if (std::none_of(chosen.begin(), chosen.end(), [&](const PartInfo& used) {
                return used.part_number == part.part_number;
              })) {
            effects->blobs.push_back(part.blob_id);
          }
        }
        STRATUS_RETURN_IF_ERROR(DeleteUploadRows(transaction, upload.upload_id));
        return WriteResult{.version_id = bucket.versioning == VersioningState::kUnversioned
                                             ? std::string()
                                             : version.version_id,
                           .etag = version.etag,
                           .modified_millis = version.modified_millis,
                           .size = version.size,
                           .checksum_algorithm = version.attributes.checksum_algorithm,
                           .checksum_value = version.attributes.checksum_value,
                           .checksum_type = version.attributes.checksum_type};
      },
      std::move(done));
}

void Engine::AbortUpload(std::string bucket,
                         std::string key,
                         std::string upload_id,
                         Done<bool> done) {
  parts_->Submit<bool>(
      [bucket = std::move(bucket), key = std::move(key), upload_id = std::move(upload_id)](
          storage::Transaction& transaction, Effects* effects) -> Result<bool> {
        STRATUS_ASSIGN_OR_RETURN(BucketInfo info, internal::RequireBucket(transaction, bucket));
        STRATUS_ASSIGN_OR_RETURN(UploadInfo upload,
                                 QueryUpload(transaction, info.id, key, upload_id));
        STRATUS_ASSIGN_OR_RETURN(std::vector<PartInfo> stored,
                                 QueryParts(transaction, upload.upload_id, 0, kMaxPartNumber));
        for (const PartInfo& part : stored) {
          effects->blobs.push_back(part.blob_id);
        }
        STRATUS_RETURN_IF_ERROR(DeleteUploadRows(transaction, upload.upload_id));
        return true;
      },
      std::move(done));
}

Result<ListPartsPage> Engine::ListParts(std::string_view bucket,
                                        std::string_view key,
                                        std::string_view upload_id,
                                        int part_number_marker,
                                        int max_parts) const {
  STRATUS_ASSIGN_OR_RETURN(BucketInfo info, parts_->CachedBucket(bucket));
  ListPartsPage page;
  STRATUS_RETURN_IF_ERROR(parts_->database->Read([&](storage::Transaction& transaction) -> Status {
    STRATUS_RETURN_IF_ERROR(QueryUpload(transaction, info.id, key, upload_id).status());
    STRATUS_ASSIGN_OR_RETURN(page.parts,
                             QueryParts(transaction, upload_id, part_number_marker, max_parts + 1));
    return Status::Ok();
  }));
  if (static_cast<int>(page.parts.size()) > max_parts) {
    page.parts.resize(static_cast<size_t>(max_parts));
    page.truncated = true;
  }
  if (!page.parts.empty()) {
    page.next_part_number_marker = page.parts.back().part_number;
  }
  return page;
}

Result<std::vector<PartInfo>> Engine::UploadParts(std::string_view upload_id) const {
  std::vector<PartInfo> parts;
  STRATUS_RETURN_IF_ERROR(parts_->database->Read([&](storage::Transaction& transaction) -> Status {
    STRATUS_ASSIGN_OR_RETURN(parts, QueryParts(transaction, upload_id, 0, kMaxPartNumber));
    return Status::Ok();
  }));
  return parts;
}

Result<ListUploadsPage> Engine::ListUploads(std::string_view bucket,
                                            const ListUploadsQuery& query) const {
  STRATUS_ASSIGN_OR_RETURN(BucketInfo info, parts_->CachedBucket(bucket));
  ListUploadsPage page;
  STRATUS_RETURN_IF_ERROR(parts_->database->Read([&](storage::Transaction& transaction) -> Status {
    // Uploads are few: read those under the prefix after the marker and
    // fold them here.
    std::vector<std::pair<UploadInfo, std::string>> rows;
    STRATUS_RETURN_IF_ERROR(transaction.Query(
        "SELECT upload_id, key, initiated_millis, attributes FROM uploads "
        "WHERE bucket_id = ?1 AND key >= ?2 ORDER BY key, initiated_millis, upload_id",
        {info.id, std::max(query.prefix, query.key_marker)}, [&](const storage::Row& row) {
          rows.emplace_back(UploadInfo{.upload_id = row.GetText(0),
                                       .bucket_id = info.id,
                                       .key = row.GetText(1),
                                       .initiated_millis = row.GetInt(2)},
                            row.GetText(3));
          return Status::Ok();
        }));
    int count = 0;
    bool past_marker_upload = query.upload_id_marker.empty();
    for (auto& [upload, attributes] : rows) {
      if (!upload.key.starts_with(query.prefix)) {
        break;
      }
      if (!query.key_marker.empty()) {
        if (upload.key == query.key_marker) {
          if (query.upload_id_marker.empty()) {
            continue;  // AWS: key-marker alone lists keys after it.
          }
          if (!past_marker_upload) {
            past_marker_upload = upload.upload_id == query.upload_id_marker;
            continue;
          }
        }
      }
      std::string common;
      if (!query.delimiter.empty()) {
        const size_t at = upload.key.find(query.delimiter, query.prefix.size());
        if (at != std::string::npos) {
          common = upload.key.substr(0, at + query.delimiter.size());
        }
      }
      if (!common.empty() && !page.common_prefixes.empty() &&
          page.common_prefixes.back() == common) {
        continue;
      }
      if (count == query.max_uploads) {
        page.truncated = true;
        break;
      }
      ++count;
      if (!common.empty()) {
        page.common_prefixes.push_back(common);
        page.next_key_marker = common;
        page.next_upload_id_marker.clear();
        continue;
      }
      STRATUS_ASSIGN_OR_RETURN(upload.attributes, DecodeAttributes(attributes));
      page.next_key_marker = upload.key;
      page.next_upload_id_marker = upload.upload_id;
      page.uploads.push_back(std::move(upload));
    }
    return Status::Ok();
  }));
  return page;
}

}  // namespace stratus::s3
