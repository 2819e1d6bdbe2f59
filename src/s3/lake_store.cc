#include "s3/lake_store.h"

#include <future>
#include <utility>

#include "base/digest.h"
#include "io/checksum.h"
#include "s3/blob_store.h"
#include "s3/engine.h"
#include "s3/errors.h"
#include "s3/object_reader.h"

namespace stratus::s3 {
namespace {

// Waits for an engine callback's result.
template <typename T>
Result<T> Await(const std::function<void(Done<T>)>& start) {
  auto promise = std::make_shared<std::promise<Result<T>>>();
  std::future<Result<T>> future = promise->get_future();
  start([promise](Result<T> result) { promise->set_value(std::move(result)); });
  return future.get();
}

lake::ObjectInfo InfoOf(const ObjectVersion& version) {
  return lake::ObjectInfo{.key = version.key,
                          .size = version.size,
                          .etag = version.etag,
                          .modified_millis = version.modified_millis};
}

// Returns the latest version unless it is a delete marker (NoSuchKey).
Result<ObjectVersion> Current(Engine& engine,
                              std::string_view bucket,
                              std::string_view key,
                              bool with_bytes) {
  STRATUS_ASSIGN_OR_RETURN(ObjectVersion version,
                           engine.GetObject(bucket, key, std::nullopt, with_bytes));
  if (version.delete_marker) {
    return S3Error::NoSuchKey();
  }
  return version;
}

class Reader final : public lake::ObjectReader {
 public:
  Reader(std::unique_ptr<s3::ObjectReader> reader, std::string etag)
      : reader_(std::move(reader)), etag_(std::move(etag)) {}

  uint64_t size() const override { return reader_->size(); }

  const std::string& etag() const override { return etag_; }

  Result<size_t> ReadAt(uint64_t offset, std::span<char> out) const override {
    return reader_->ReadAt(offset, out);
  }

 private:
  std::unique_ptr<s3::ObjectReader> reader_;
  std::string etag_;
};

// Keeps bytes inline up to the engine's inline size, in a blob beyond it,
// computing the MD5 (the ETag) and the CRC64NVME S3 gives every object.
class Writer final : public lake::ObjectWriter {
 public:
  Writer(Engine& engine, std::string bucket, std::string key, lake::WriteOptions options)
      : engine_(engine),
        bucket_(std::move(bucket)),
        key_(std::move(key)),
        options_(std::move(options)),
        md5_(io::ChecksumAlgorithm::kMd5),
        crc_(io::ChecksumAlgorithm::kCrc64Nvme) {}

  Status Append(std::string_view bytes) override {
    md5_.Update(bytes);
    crc_.Update(bytes);
    size_ += bytes.size();
    if (blob_ == nullptr && bytes_.size() + bytes.size() <= engine_.max_inline_bytes()) {
      bytes_.append(bytes);
      return Status::Ok();
    }
    if (blob_ == nullptr) {
      STRATUS_ASSIGN_OR_RETURN(blob_, engine_.NewBlob());
      STRATUS_RETURN_IF_ERROR(blob_->Append(bytes_));
      bytes_.clear();
    }
    return blob_->Append(bytes);
  }

  Result<lake::ObjectInfo> Commit() override {
    PutObjectRequest request{
        .bucket = bucket_,
        .key = key_,
        .body = ObjectBody{.bytes = std::move(bytes_), .blob = std::move(blob_)},
        .etag = "\"" + ToHex(md5_.Finish()) + "\"",
        .attributes = {},
        .conditions = WriteConditions{.if_none_match_any = options_.condition.if_absent,
                                      .if_match = options_.condition.if_match}};
    if (!options_.content_type.empty()) {
      request.attributes.system["ContentType"] = options_.content_type;
    }
    request.attributes.system["ServerSideEncryption"] = "AES256";
    request.attributes.checksum_algorithm = "CRC64NVME";
    request.attributes.checksum_value = crc_.FinishBase64();
    request.attributes.checksum_type = "FULL_OBJECT";
    auto shared = std::make_shared<PutObjectRequest>(std::move(request));
    STRATUS_ASSIGN_OR_RETURN(WriteResult written, Await<WriteResult>([&](Done<WriteResult> done) {
                               engine_.PutObject(std::move(*shared), std::move(done));
                             }));
    return lake::ObjectInfo{.key = key_,
                            .size = written.size,
                            .etag = written.etag,
                            .modified_millis = written.modified_millis};
  }

 private:
  Engine& engine_;
  std::string bucket_;
  std::string key_;
  lake::WriteOptions options_;
  io::Checksummer md5_;
  io::Checksummer crc_;
  std::string bytes_;
  std::unique_ptr<BlobWriter> blob_;
  uint64_t size_ = 0;
};

}  // namespace

LakeStore::LakeStore(Engine& engine) : engine_(engine) {}

Result<lake::ListPage> LakeStore::List(std::string_view bucket, const lake::ListOptions& options) {
  STRATUS_ASSIGN_OR_RETURN(ListPage page,
                           engine_.ListObjects(bucket, ListQuery{.prefix = options.prefix,
                                                                 .delimiter = options.delimiter,
                                                                 .after = options.after,
                                                                 .max_keys = options.max_keys}));
  lake::ListPage out;
  out.objects.reserve(page.objects.size());
  for (const ObjectVersion& version : page.objects) {
    out.objects.push_back(InfoOf(version));
  }
  out.common_prefixes = std::move(page.common_prefixes);
  if (page.truncated) {
    out.next_after = std::move(page.last);
  }
  return out;
}

Result<lake::ObjectInfo> LakeStore::Head(std::string_view bucket, std::string_view key) {
  STRATUS_ASSIGN_OR_RETURN(ObjectVersion version, Current(engine_, bucket, key, false));
  return InfoOf(version);
}

Result<std::string> LakeStore::Read(std::string_view bucket,
                                    std::string_view key,
                                    std::optional<lake::ByteRange> range) {
  STRATUS_ASSIGN_OR_RETURN(ObjectVersion version, Current(engine_, bucket, key, true));
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<s3::ObjectReader> reader, engine_.OpenObject(version));
  uint64_t first = 0;
  uint64_t length = reader->size();
  if (range.has_value()) {
    if (range->first > range->last || range->first >= reader->size()) {
      return S3Error::InvalidRange();
    }
    first = range->first;
    length = std::min(range->last, reader->size() - 1) - first + 1;
  }
  std::string bytes(length, '\0');
  STRATUS_ASSIGN_OR_RETURN(size_t got,
                           reader->ReadAt(first, std::span(bytes.data(), bytes.size())));
  bytes.resize(got);
  return bytes;
}

Result<std::unique_ptr<lake::ObjectReader>> LakeStore::Open(std::string_view bucket,
                                                            std::string_view key) {
  STRATUS_ASSIGN_OR_RETURN(ObjectVersion version, Current(engine_, bucket, key, true));
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<s3::ObjectReader> reader, engine_.OpenObject(version));
  return std::unique_ptr<lake::ObjectReader>(
      std::make_unique<Reader>(std::move(reader), version.etag));
}

Result<std::unique_ptr<lake::ObjectWriter>> LakeStore::Create(std::string_view bucket,
                                                              std::string_view key,
                                                              const lake::WriteOptions& options) {
  STRATUS_RETURN_IF_ERROR(engine_.FindBucket(bucket).status());
  if (key.empty() || key.size() > 1024) {
    return key.empty() ? S3Error::InvalidArgument("An object key must not be empty")
                       : S3Error::KeyTooLong();
  }
  return std::unique_ptr<lake::ObjectWriter>(
      std::make_unique<Writer>(engine_, std::string(bucket), std::string(key), options));
}

Status LakeStore::Delete(std::string_view bucket, std::string_view key) {
  return Await<DeleteResult>([&](Done<DeleteResult> done) {
           engine_.DeleteObject(std::string(bucket), std::string(key), std::nullopt,
                                std::move(done));
         })
      .status();
}

}  // namespace stratus::s3
