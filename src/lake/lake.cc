#include "lake/lake.h"

#include <utility>

#include "base/format.h"
#include "lake/remote_s3_store.h"

namespace stratus::lake {

Result<std::unique_ptr<Lake>> Lake::Open(const LakeOptions& options) {
  if (options.file_system == nullptr) {
    return Status::InvalidArgument("the lake needs a file system for file:// URIs");
  }
  std::unique_ptr<ObjectStore> remote;
  if (options.endpoint.has_value()) {
    if (options.clock == nullptr) {
      return Status::InvalidArgument("the lake needs a clock to sign requests to its endpoint");
    }
    STRATUS_ASSIGN_OR_RETURN(remote, RemoteS3Store::Open(*options.endpoint, *options.clock));
  } else if (options.local_s3 == nullptr) {
    return Status::InvalidArgument("the lake needs an S3 store: the local one or an endpoint");
  }
  auto files = std::make_unique<FileStore>(*options.file_system, options.file_options);
  return std::unique_ptr<Lake>(
      new Lake(std::move(remote), std::move(files),  // STRATUS_LINT_ALLOW(private constructor)
               options.local_s3));
}

Lake::Lake(ObjectStore& s3, ObjectStore& files) : s3_(&s3), files_(&files) {}

Lake::Lake(std::unique_ptr<ObjectStore> s3,
           std::unique_ptr<ObjectStore> files,
           ObjectStore* local_s3)
    : owned_s3_(std::move(s3)), owned_files_(std::move(files)) {
  s3_ = owned_s3_ != nullptr ? owned_s3_.get() : local_s3;
  files_ = owned_files_.get();
}

Lake::~Lake() = default;

ObjectStore& Lake::StoreFor(UriScheme scheme) const {
  return scheme == UriScheme::kFile ? *files_ : *s3_;
}

Result<ObjectUri> Lake::ObjectUriOf(std::string_view uri) {
  STRATUS_ASSIGN_OR_RETURN(ObjectUri parsed, ParseObjectUri(uri));
  if (parsed.key.empty()) {
    return Status::InvalidArgument(
        Format("lake URI '{}' names a bucket, not an object (expected s3://bucket/key)", uri));
  }
  return parsed;
}

Result<ObjectInfo> Lake::Head(std::string_view uri) {
  STRATUS_ASSIGN_OR_RETURN(ObjectUri parsed, ObjectUriOf(uri));
  return StoreFor(parsed.scheme).Head(parsed.bucket, parsed.key);
}

Result<std::string> Lake::Read(std::string_view uri, std::optional<ByteRange> range) {
  STRATUS_ASSIGN_OR_RETURN(ObjectUri parsed, ObjectUriOf(uri));
  return StoreFor(parsed.scheme).Read(parsed.bucket, parsed.key, range);
}

Result<std::unique_ptr<ObjectReader>> Lake::OpenReader(std::string_view uri) {
  STRATUS_ASSIGN_OR_RETURN(ObjectUri parsed, ObjectUriOf(uri));
  return StoreFor(parsed.scheme).Open(parsed.bucket, parsed.key);
}

Result<std::unique_ptr<ObjectWriter>> Lake::CreateWriter(std::string_view uri,
                                                         const WriteOptions& options) {
  STRATUS_ASSIGN_OR_RETURN(ObjectUri parsed, ObjectUriOf(uri));
  return StoreFor(parsed.scheme).Create(parsed.bucket, parsed.key, options);
}

Result<ObjectInfo> Lake::Write(std::string_view uri,
                               std::string_view bytes,
                               const WriteOptions& options) {
  STRATUS_ASSIGN_OR_RETURN(ObjectUri parsed, ObjectUriOf(uri));
  return StoreFor(parsed.scheme).Write(parsed.bucket, parsed.key, bytes, options);
}

Result<ListPage> Lake::List(std::string_view prefix_uri, ListOptions options) {
  STRATUS_ASSIGN_OR_RETURN(ObjectUri parsed, ParseObjectUri(prefix_uri));
  if (!options.prefix.empty()) {
    return Status::InvalidArgument(
        Format("list '{}': the URI gives the prefix; ListOptions::prefix must be empty, not '{}'",
               prefix_uri, options.prefix));
  }
  options.prefix = parsed.key;
  return StoreFor(parsed.scheme).List(parsed.bucket, options);
}

Status Lake::Delete(std::string_view uri) {
  STRATUS_ASSIGN_OR_RETURN(ObjectUri parsed, ObjectUriOf(uri));
  return StoreFor(parsed.scheme).Delete(parsed.bucket, parsed.key);
}

}  // namespace stratus::lake
