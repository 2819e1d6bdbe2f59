#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "lake/object_store.h"
#include "lake/remote_s3_options.h"

namespace stratus {
class Clock;
}  // namespace stratus

namespace stratus::lake {

namespace internal {
class ContinuationTokens;
class S3Client;
}  // namespace internal

/// The lake over any S3-compatible HTTP endpoint (AWS S3, MinIO, moto, a
/// second stratus), spoken with libcurl:
///   - Every request is signed with SigV4 in the Authorization header, over
///     the payload's SHA-256 (bodies are at most one part, in memory
///     anyway; the hash lets the server reject a corrupted body). With no
///     access key configured, requests go unsigned.
///   - List is ListObjectsV2 with encoding-type=url. Continuing after a
///     page's `next_after` (the page's last key or common prefix) sends the
///     server's own continuation token for that page, remembered by this
///     store; continuing after any other key sends StartAfter. Entries that
///     `after` has passed are dropped, for servers that do not skip the keys
///     under a common prefix given as StartAfter.
///   - Read is a GET, with a Range for a range; a range past the end is
///     InvalidArgument (S3's InvalidRange).
///   - Open() HEADs the object, then reads by ranged GETs pinned to its ETag
///     with If-Match. Unlike the stores in this process, a reader does not
///     keep the old bytes of an object replaced or deleted meanwhile: its
///     next fetch fails (FailedPrecondition, or NotFound), so it never mixes
///     bytes of two objects. Bytes already read ahead are still served.
///   - Create() buffers up to part_size and publishes with one PutObject;
///     bigger objects become multipart uploads completed by Commit(). The
///     condition travels as If-None-Match: * / If-Match on the publishing
///     request, so exactly one of racing conditional writers wins.
///   - Delete is a DELETE (a missing key is no error, as in S3).
/// Errors carry S3's code as the AWS type (see s3_error_internal.h for the
/// mapping). Requests safe to repeat are retried with backoff after
/// connection failures, 5xx and 429; a conditional write only when the
/// server surely did not act, so a lost answer to an applied conditional
/// write comes back as IoError or Timeout (the caller may Head() to learn
/// the outcome).
///
/// Ownership: readers and writers borrow the store's client: the store must
/// outlive them.
/// Thread safety: safe from any thread.
class RemoteS3Store final : public ObjectStore {
 public:
  /// Checks the options and sets up the client; makes no request. Errors:
  /// InvalidArgument for a malformed endpoint or option.
  static Result<std::unique_ptr<RemoteS3Store>> Open(const RemoteS3Options& options,
                                                     const Clock& clock);

  RemoteS3Store(const RemoteS3Store&) = delete;
  RemoteS3Store& operator=(const RemoteS3Store&) = delete;
  ~RemoteS3Store() override;

  Result<ListPage> List(std::string_view bucket, const ListOptions& options) override;
  Result<ObjectInfo> Head(std::string_view bucket, std::string_view key) override;
  Result<std::string> Read(std::string_view bucket,
                           std::string_view key,
                           std::optional<ByteRange> range = std::nullopt) override;
  Result<std::unique_ptr<ObjectReader>> Open(std::string_view bucket,
                                             std::string_view key) override;
  Result<std::unique_ptr<ObjectWriter>> Create(std::string_view bucket,
                                               std::string_view key,
                                               const WriteOptions& options) override;
  Status Delete(std::string_view bucket, std::string_view key) override;

  /// Creates `bucket` in the configured region; Ok when this account owns it
  /// already. The lake has no buckets, but tools and tests need them.
  Status CreateBucket(std::string_view bucket);

 private:
  explicit RemoteS3Store(std::unique_ptr<internal::S3Client> client);

  std::unique_ptr<internal::S3Client> client_;
  std::unique_ptr<internal::ContinuationTokens> tokens_;
};

}  // namespace stratus::lake
