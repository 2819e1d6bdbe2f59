#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lake/object_store.h"

namespace stratus::lake::internal {

class S3Client;

/// Writes one remote object: buffers up to the part size, so that a small
/// object is one PutObject; past it, starts a multipart upload and sends
/// each full part as it fills, then the rest and CompleteMultipartUpload on
/// Commit(). At most one part is in memory. The write's condition goes on
/// the request that publishes (If-None-Match: * or If-Match). A writer
/// destroyed uncommitted, or whose commit fails, aborts its upload (best
/// effort: a failed abort leaves parts for the bucket's lifecycle rules).
///
/// Ownership: borrows the client, which must outlive the writer.
/// Thread safety: one thread at a time.
class RemoteS3Writer final : public ObjectWriter {
 public:
  RemoteS3Writer(S3Client& client, std::string bucket, std::string key, WriteOptions options);
  ~RemoteS3Writer() override;

  Status Append(std::string_view bytes) override;
  Result<ObjectInfo> Commit() override;

 private:
  // The conditional headers of the publishing request.
  std::vector<std::pair<std::string, std::string>> ConditionHeaders() const;
  Result<ObjectInfo> PutWhole();
  Status StartUpload();
  // Uploads buffer_ as the next part and empties it.
  Status UploadPart();
  Result<ObjectInfo> CompleteUpload();
  void AbortUpload();

  S3Client& client_;
  const std::string bucket_;
  const std::string key_;
  const WriteOptions options_;
  std::string buffer_;     // Bytes not yet sent.
  std::string upload_id_;  // Set once a multipart upload started.
  std::vector<std::string> part_etags_;
  uint64_t size_ = 0;
  bool done_ = false;  // Commit() was called.
};

}  // namespace stratus::lake::internal
