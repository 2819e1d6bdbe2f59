#include "lake/remote_s3_reader_internal.h"

#include <algorithm>
#include <utility>

#include "base/format.h"
#include "lake/s3_client_internal.h"
#include "lake/s3_error_internal.h"

namespace stratus::lake::internal {

RemoteS3Reader::RemoteS3Reader(
    S3Client& client, std::string bucket, std::string key, uint64_t size, std::string etag)
    : client_(client),
      bucket_(std::move(bucket)),
      key_(std::move(key)),
      size_(size),
      etag_(std::move(etag)) {}

Result<size_t> RemoteS3Reader::ReadAt(uint64_t offset, std::span<char> out) const {
  if (offset >= size_ || out.empty()) {
    return size_t{0};
  }
  const size_t wanted = static_cast<size_t>(std::min<uint64_t>(out.size(), size_ - offset));
  out = out.first(wanted);
  {
    const std::lock_guard lock(mu_);
    if (offset >= buffer_offset_ && offset + wanted <= buffer_offset_ + buffer_.size()) {
      std::copy_n(buffer_.data() + (offset - buffer_offset_), wanted, out.data());
      return wanted;
    }
  }
  const uint64_t read_ahead = client_.options().read_ahead_bytes;
  if (wanted >= read_ahead) {
    STRATUS_RETURN_IF_ERROR(Fetch(offset, out));
    return wanted;
  }
  std::string ahead(static_cast<size_t>(std::min(read_ahead, size_ - offset)), '\0');
  STRATUS_RETURN_IF_ERROR(Fetch(offset, ahead));
  std::copy_n(ahead.data(), wanted, out.data());
  const std::lock_guard lock(mu_);
  buffer_ = std::move(ahead);
  buffer_offset_ = offset;
  return wanted;
}

Status RemoteS3Reader::Fetch(uint64_t offset, std::span<char> out) const {
  S3Request request{.method = "GET",
                    .bucket = bucket_,
                    .key = key_,
                    .query = {},
                    .headers = {{"if-match", etag_},
                                {"range", Format("bytes={}-{}", offset, offset + out.size() - 1)}},
                    .body = {},
                    .retry = RetryPolicy::kIdempotent,
                    .body_into = out};
  STRATUS_ASSIGN_OR_RETURN(S3Response response, client_.Send(request));
  if (response.status != 200 && response.status != 206) {
    Status error = S3ErrorStatus(S3Client::Describe(request), response);
    if (error.code() == StatusCode::kFailedPrecondition) {
      return Status(StatusCode::kFailedPrecondition,
                    Format("{}/{} changed since it was opened with ETag {}: {}", bucket_, key_,
                           etag_, error.message()))
          .WithAwsType(error.aws_type(), error.http_status());
    }
    return error;
  }
  if (response.body_into_size != out.size()) {
    return Status::IoError(Format("{}: {} bytes instead of {}", S3Client::Describe(request),
                                  response.body_into_size, out.size()));
  }
  return Status::Ok();
}

}  // namespace stratus::lake::internal
