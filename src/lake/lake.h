#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "lake/file_store.h"
#include "lake/object_store.h"
#include "lake/object_uri.h"
#include "lake/remote_s3_options.h"

namespace stratus {
class Clock;
}  // namespace stratus

namespace stratus::io {
class FileSystem;
}  // namespace stratus::io

namespace stratus::lake {

/// What the composition root tells Lake::Open().
struct LakeOptions {
  /// The S3 store of this process (s3::LakeStore): where s3:// URIs go
  /// unless `endpoint` is set. Borrowed; may be null when `endpoint` is set.
  ObjectStore* local_s3 = nullptr;
  /// From --lake-endpoint: s3:// URIs go to a RemoteS3Store at this
  /// endpoint instead of the local S3.
  std::optional<RemoteS3Options> endpoint = std::nullopt;
  /// Where file:// URIs are read and written. Borrowed; required.
  io::FileSystem* file_system = nullptr;
  FileStoreOptions file_options = {};
  /// Dates the endpoint's request signatures. Borrowed; required with `endpoint`.
  const Clock* clock = nullptr;
};

/// Resolves lake URIs to stores: s3:// and s3a:// to the S3 store (this
/// process's, or a remote endpoint's), file:// to a FileStore. The
/// conveniences take a URI where the stores take a bucket and key; an
/// object URI must name a key ("s3://bucket" alone is InvalidArgument).
///
/// Ownership: owns the stores it built (the remote store, the FileStore);
/// borrows the rest. Readers and writers it hands out borrow their store:
/// the Lake must outlive them.
/// Thread safety: safe from any thread, as its stores are.
class Lake {
 public:
  /// Builds the stores the options name. Errors: InvalidArgument for a
  /// missing store, file system or clock, or a malformed endpoint.
  static Result<std::unique_ptr<Lake>> Open(const LakeOptions& options);

  /// A lake over two borrowed stores (tests, tools).
  Lake(ObjectStore& s3, ObjectStore& files);
  Lake(const Lake&) = delete;
  Lake& operator=(const Lake&) = delete;
  ~Lake();

  /// Returns the store that serves `scheme`.
  ObjectStore& StoreFor(UriScheme scheme) const;

  Result<ObjectInfo> Head(std::string_view uri);
  Result<std::string> Read(std::string_view uri, std::optional<ByteRange> range = std::nullopt);
  Result<std::unique_ptr<ObjectReader>> OpenReader(std::string_view uri);
  Result<std::unique_ptr<ObjectWriter>> CreateWriter(std::string_view uri,
                                                     const WriteOptions& options = {});
  Result<ObjectInfo> Write(std::string_view uri,
                           std::string_view bytes,
                           const WriteOptions& options = {});
  /// Lists under `prefix_uri` ("s3://bucket/data/", "file:///tmp/t/"), whose
  /// key is the prefix; the page holds keys, not URIs. REQUIRES:
  /// options.prefix is empty (else InvalidArgument).
  Result<ListPage> List(std::string_view prefix_uri, ListOptions options = {});
  Status Delete(std::string_view uri);

 private:
  Lake(std::unique_ptr<ObjectStore> s3, std::unique_ptr<ObjectStore> files, ObjectStore* local_s3);

  // Parses an object URI: one with a key.
  static Result<ObjectUri> ObjectUriOf(std::string_view uri);

  std::unique_ptr<ObjectStore> owned_s3_;
  std::unique_ptr<ObjectStore> owned_files_;
  ObjectStore* s3_ = nullptr;
  ObjectStore* files_ = nullptr;
};

}  // namespace stratus::lake
