#pragma once

// The lake: one object-storage interface that every engine reads and writes
// through — the SQL engine's scans and result files, Iceberg's metadata
// commits, Lambda code loading, the MySQL export. Two kinds of store
// implement it: the local S3 service in this process (s3::LakeStore, no
// HTTP) and a remote S3-compatible endpoint (RemoteS3Store, SigV4 over
// libcurl); FileStore serves file:// paths. Objects are named by bucket and
// key, as in S3; URIs ("s3://bucket/key", "file:///path") resolve through
// lake::Lake.
//
// The model is S3's: an object is written whole and atomically (a reader
// sees the old bytes or the new, never a mix), keys list in byte order, and
// a conditional create or replace is the commit primitive (Iceberg swaps its
// metadata pointer with it): exactly one of several racing writers wins.
//
// Every call blocks its caller; stores are safe from any thread.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace stratus::lake {

/// One object as a listing or a head shows it.
struct ObjectInfo {
  std::string key = {};
  uint64_t size = 0;
  std::string etag = {};  // Quoted, as S3 shows it.
  int64_t modified_millis = 0;
};

struct ListOptions {
  std::string prefix = {};
  std::string delimiter = {};
  /// Continue after this key (exclusive): a page's `next_after`, or any key.
  std::string after = {};
  int max_keys = 1000;
};

struct ListPage {
  std::vector<ObjectInfo> objects = {};
  std::vector<std::string> common_prefixes = {};
  /// Set when more follow: pass it as ListOptions::after.
  std::optional<std::string> next_after = std::nullopt;
};

/// An inclusive byte range.
struct ByteRange {
  uint64_t first = 0;
  uint64_t last = 0;
};

/// When a write may happen: always, only if the key has no object (S3's
/// If-None-Match: *), or only if its current object has this ETag (If-Match).
/// A failed condition is FailedPrecondition (S3's PreconditionFailed),
/// except If-Match on a missing key, which is NotFound (S3's NoSuchKey), as
/// S3 answers it.
struct WriteCondition {
  bool if_absent = false;
  std::optional<std::string> if_match = std::nullopt;
};

struct WriteOptions {
  WriteCondition condition = {};
  std::string content_type = {};
};

/// Reads one object at any offset. The bytes are those of the object when
/// it was opened, even if it is replaced or deleted meanwhile.
///
/// Thread safety: ReadAt() is safe from several threads at once.
class ObjectReader {
 public:
  virtual ~ObjectReader() = default;
  virtual uint64_t size() const = 0;
  virtual const std::string& etag() const = 0;
  /// Reads up to out.size() bytes at `offset`; fewer only at the end.
  virtual Result<size_t> ReadAt(uint64_t offset, std::span<char> out) const = 0;
};

/// Writes one new object in pieces; nothing is visible until Commit(),
/// which publishes it whole. Destroying an uncommitted writer abandons it.
///
/// Thread safety: one thread at a time.
class ObjectWriter {
 public:
  virtual ~ObjectWriter() = default;
  virtual Status Append(std::string_view bytes) = 0;
  /// Publishes the object, honouring the write's condition.
  virtual Result<ObjectInfo> Commit() = 0;
};

/// One namespace of buckets and objects. Errors: NotFound for a missing
/// bucket or key, FailedPrecondition for a failed write condition,
/// InvalidArgument for a bad range; stores keep S3's error code in the
/// status's AWS type where they have one.
class ObjectStore {
 public:
  virtual ~ObjectStore() = default;

  virtual Result<ListPage> List(std::string_view bucket, const ListOptions& options) = 0;
  virtual Result<ObjectInfo> Head(std::string_view bucket, std::string_view key) = 0;
  /// Reads a whole object, or a range of it.
  virtual Result<std::string> Read(std::string_view bucket,
                                   std::string_view key,
                                   std::optional<ByteRange> range = std::nullopt) = 0;
  virtual Result<std::unique_ptr<ObjectReader>> Open(std::string_view bucket,
                                                     std::string_view key) = 0;
  virtual Result<std::unique_ptr<ObjectWriter>> Create(std::string_view bucket,
                                                       std::string_view key,
                                                       const WriteOptions& options) = 0;
  /// Writes a whole object at once.
  virtual Result<ObjectInfo> Write(std::string_view bucket,
                                   std::string_view key,
                                   std::string_view bytes,
                                   const WriteOptions& options);
  /// Deletes an object; deleting a missing one succeeds (as in S3).
  virtual Status Delete(std::string_view bucket, std::string_view key) = 0;
};

}  // namespace stratus::lake
