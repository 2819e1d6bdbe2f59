#pragma once

#include <cstdint>
#include <mutex>
#include <span>
#include <string>

#include "lake/object_store.h"

namespace stratus::lake::internal {

class S3Client;

/// Reads one remote object by ranged GETs pinned to the ETag it was opened
/// with (If-Match), so that a replaced object fails the read
/// (FailedPrecondition; a deleted one NotFound) instead of mixing bytes of
/// two objects. A read smaller than the read-ahead fetches read_ahead_bytes
/// and keeps them for the reads that follow; a larger one goes straight into
/// the caller's buffer.
///
/// Ownership: borrows the client, which must outlive the reader.
/// Thread safety: ReadAt() is safe from several threads at once; fetches run
/// outside the lock, so concurrent reads overlap.
class RemoteS3Reader final : public ObjectReader {
 public:
  RemoteS3Reader(
      S3Client& client, std::string bucket, std::string key, uint64_t size, std::string etag);

  uint64_t size() const override { return size_; }

  const std::string& etag() const override { return etag_; }

  Result<size_t> ReadAt(uint64_t offset, std::span<char> out) const override;

 private:
  // Fills all of `out` with the bytes at `offset`. REQUIRES: within the object.
  Status Fetch(uint64_t offset, std::span<char> out) const;

  S3Client& client_;
  const std::string bucket_;
  const std::string key_;
  const uint64_t size_;
  const std::string etag_;
  mutable std::mutex mu_;
  // Guarded by mu_.
  mutable std::string buffer_;          // Bytes read ahead,
  mutable uint64_t buffer_offset_ = 0;  // from this offset.
};

}  // namespace stratus::lake::internal
