#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "aws/aws_chunked.h"
#include "aws/payload_hash.h"
#include "base/background_stream.h"
#include "base/json.h"
#include "base/result.h"
#include "http/message.h"
#include "io/checksum.h"
#include "s3/engine.h"

namespace stratus::s3::api {

/// How to receive one object body, read from the request's headers.
struct UploadPlan {
  /// Set when the body is aws-chunked (x-amz-content-sha256: STREAMING-*).
  std::optional<aws::AwsChunkedOptions> chunked = std::nullopt;
  /// Set when x-amz-content-sha256 is the body's SHA-256 (hex).
  std::optional<std::string> expected_sha256_hex = std::nullopt;
  /// The checksum to compute: the one the request declares (a header, the
  /// SDK's algorithm or a trailer), if any.
  std::optional<io::ChecksumAlgorithm> checksum = std::nullopt;
  /// S3's largest body for the operation (5 GiB for PutObject and parts).
  uint64_t max_bytes = uint64_t{5} * 1024 * 1024 * 1024;
};

/// Reads the plan from a request head (or a whole request): aws-chunked
/// framing, payload hash, and the checksum the client declares through
/// x-amz-checksum-<algorithm>, x-amz-sdk-checksum-algorithm or x-amz-trailer.
/// Errors are S3's (InvalidRequest, InvalidArgument, MissingContentLength).
Result<UploadPlan> PlanUpload(const http::Request& head);

/// An object body as it was received, with what S3 computes over it.
struct ReceivedBody {
  ObjectBody body = {};  // Inline bytes, or a written (not yet synced) blob.
  uint64_t size = 0;
  std::string md5 = {};  // Raw 16 bytes.
  /// The computed checksum (base64) in the plan's algorithm, if any.
  std::optional<io::ChecksumAlgorithm> checksum_algorithm = std::nullopt;
  std::string checksum_value = {};
  aws::AwsChunkedTrailers trailers = {};
};

/// Receives an object body (PutObject, UploadPart): removes aws-chunked
/// framing, checks the payload hash, computes the MD5 and the declared
/// checksum, and keeps the bytes inline up to the engine's inline size, in a
/// new blob beyond it. Memory stays bounded by the inline size, plus the
/// bytes queued for digests: past the first MiB the digests run on a thread
/// of their own (when one is free) while the server receives and writes.
///
/// Thread safety: one thread at a time (the server's, then the handler's).
class UploadSink final : public http::BodySink {
 public:
  UploadSink(Engine& engine, UploadPlan plan);

  /// Creates the sink for a request head; errors are remembered and returned
  /// by Take(), so that the handler answers them.
  /// `default_checksum` is computed when the request declares none (S3
  /// gives every new object a CRC64NVME).
  static std::shared_ptr<UploadSink> ForHead(Engine& engine,
                                             const http::Request& head,
                                             std::optional<aws::ChunkSigningContext> signing,
                                             std::optional<io::ChecksumAlgorithm> default_checksum);

  Status Append(std::string_view bytes) override;
  Status Finish() override;

  /// Returns the body as received, or the first error. Call once, after
  /// Finish() (or after an Append() error).
  Result<ReceivedBody> Take();

  /// Receives a whole body held in memory (in-process calls, bodies the
  /// server buffered): Append() and Finish() in one go.
  static Result<ReceivedBody> ReceiveAll(Engine& engine, UploadPlan plan, std::string_view bytes);

 private:
  Status Consume(std::string_view data);
  // Updates the MD5, the checksum and the payload hash.
  void Digest(std::string_view data);

  Engine& engine_;
  UploadPlan plan_;
  std::optional<aws::AwsChunkedDecoder> decoder_;
  std::optional<aws::PayloadHashCheck> sha256_;
  io::Checksummer md5_;
  std::optional<io::Checksummer> checksum_;
  // Runs Digest() for the bytes past the first MiB, when started; declared
  // after what Digest() touches, so that it stops first.
  std::unique_ptr<BackgroundStream> digests_;
  bool tried_background_ = false;
  std::string bytes_;
  std::unique_ptr<BlobWriter> blob_;
  uint64_t size_ = 0;
  Status error_;
  bool finished_ = false;
  bool taken_ = false;
};

}  // namespace stratus::s3::api

namespace stratus::s3::api {

/// Compares what the request declared with what was received: Content-MD5
/// (InvalidDigest when malformed, BadDigest when different) and the
/// x-amz-checksum-* value from a header or a trailer (InvalidRequest when
/// malformed, BadDigest when different).
Status CheckDeclaredDigests(const Json& input, const ReceivedBody& received);

/// Returns the received body's checksum as the object keeps it:
/// the computed one, type FULL_OBJECT.
void RecordChecksum(const ReceivedBody& received, ObjectAttributes* attributes);

}  // namespace stratus::s3::api
