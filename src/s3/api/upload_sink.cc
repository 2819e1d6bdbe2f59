#include "s3/api/upload_sink.h"

#include <array>
#include <utility>

#include "aws/request_fields.h"
#include "base/digest.h"
#include "base/format.h"
#include "s3/blob_store.h"
#include "s3/errors.h"

namespace stratus::s3::api {
namespace {

// Past this many bytes an upload's digests move to a thread of their own
// (MD5 runs near 0.6 GiB/s, as slow as receiving and writing together), with
// at most this many bytes queued for them.
constexpr uint64_t kBackgroundDigestAfterBytes = uint64_t{1024} * 1024;
constexpr size_t kMaxQueuedDigestBytes = size_t{8} * 1024 * 1024;

constexpr std::array<std::string_view, 5> kChecksumNames = {"crc32", "crc32c", "crc64nvme", "sha1",
                                                            "sha256"};

Result<std::optional<io::ChecksumAlgorithm>> DeclaredChecksum(const http::Request& head) {
  // A checksum header with a value names the algorithm.
  for (std::string_view name : kChecksumNames) {
    if (head.headers.Get("x-amz-checksum-" + std::string(name)).has_value()) {
      STRATUS_ASSIGN_OR_RETURN(io::ChecksumAlgorithm algorithm, io::ParseChecksumAlgorithm(name));
      return std::optional<io::ChecksumAlgorithm>(algorithm);
    }
  }
  // A trailer names one that arrives after the body.
  if (auto trailer = head.headers.Get("x-amz-trailer")) {
    std::string_view value = *trailer;
    while (!value.empty() && value.front() == ' ') {
      value.remove_prefix(1);
    }
    constexpr std::string_view kPrefix = "x-amz-checksum-";
    std::string lowered(value);
    for (char& c : lowered) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (lowered.starts_with(kPrefix)) {
      Result<io::ChecksumAlgorithm> algorithm =
          io::ParseChecksumAlgorithm(std::string_view(lowered).substr(kPrefix.size()));
      if (!algorithm.ok()) {
        return S3Error::InvalidRequest(
            Format("The value specified in the x-amz-trailer header is "
                   "not supported"));
      }
      return std::optional<io::ChecksumAlgorithm>(*algorithm);
    }
  }
  if (auto sdk = head.headers.Get("x-amz-sdk-checksum-algorithm")) {
    Result<io::ChecksumAlgorithm> algorithm = io::ParseChecksumAlgorithm(*sdk);
    if (!algorithm.ok()) {
      return S3Error::InvalidRequest(
          "Checksum algorithm provided is unsupported. Please try again with any of the valid "
          "types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]");
    }
    return std::optional<io::ChecksumAlgorithm>(*algorithm);
  }
  return std::optional<io::ChecksumAlgorithm>();
}

}  // namespace

Result<UploadPlan> PlanUpload(const http::Request& head) {
  UploadPlan plan;
  STRATUS_ASSIGN_OR_RETURN(plan.chunked, aws::AwsChunkedOptionsFor(head));
  STRATUS_ASSIGN_OR_RETURN(aws::PayloadHashKind kind, aws::ClassifyPayloadHash(head));
  if (kind == aws::PayloadHashKind::kSha256) {
    plan.expected_sha256_hex = std::string(*head.headers.Get("x-amz-content-sha256"));
  }
  STRATUS_ASSIGN_OR_RETURN(plan.checksum, DeclaredChecksum(head));
  return plan;
}

UploadSink::UploadSink(Engine& engine, UploadPlan plan)
    : engine_(engine), plan_(std::move(plan)), md5_(io::ChecksumAlgorithm::kMd5) {
  if (plan_.chunked.has_value()) {
    decoder_.emplace(*plan_.chunked);
  }
  if (plan_.expected_sha256_hex.has_value()) {
    sha256_.emplace(*plan_.expected_sha256_hex);
  }
  if (plan_.checksum.has_value()) {
    checksum_.emplace(*plan_.checksum);
  }
}

std::shared_ptr<UploadSink> UploadSink::ForHead(
    Engine& engine,
    const http::Request& head,
    std::optional<aws::ChunkSigningContext> signing,
    std::optional<io::ChecksumAlgorithm> default_checksum) {
  Result<UploadPlan> plan = PlanUpload(head);
  // An upload to a bucket that does not exist is refused before its bytes are stored.
  std::string_view path = head.path;
  path.remove_prefix(path.starts_with('/') ? 1 : 0);
  if (plan.ok()) {
    Status bucket = engine.FindBucket(http::PercentDecode(path.substr(0, path.find('/')))).status();
    if (!bucket.ok()) {
      plan = bucket;
    }
  }
  if (!plan.ok()) {
    auto sink = std::make_shared<UploadSink>(engine, UploadPlan{});
    sink->error_ = plan.status();
    return sink;
  }
  if (!plan->checksum.has_value()) {
    plan->checksum = default_checksum;
  }
  if (plan->chunked.has_value()) {
    plan->chunked->signing = std::move(signing);
  }
  return std::make_shared<UploadSink>(engine, *std::move(plan));
}

Status UploadSink::Consume(std::string_view data) {
  size_ += data.size();
  if (size_ > plan_.max_bytes) {
    return S3Error::EntityTooLarge(size_, plan_.max_bytes);
  }
  if (!tried_background_ && size_ > kBackgroundDigestAfterBytes) {
    tried_background_ = true;
    digests_ = BackgroundStream::TryStart([this](std::string_view piece) { Digest(piece); },
                                          kMaxQueuedDigestBytes);
  }
  if (digests_ != nullptr) {
    digests_->Push(data);
  } else {
    Digest(data);
  }
  if (blob_ == nullptr && bytes_.size() + data.size() <= engine_.max_inline_bytes()) {
    bytes_.append(data);
    return Status::Ok();
  }
  if (blob_ == nullptr) {
    STRATUS_ASSIGN_OR_RETURN(blob_, engine_.NewBlob());
    STRATUS_RETURN_IF_ERROR(blob_->Append(bytes_));
    bytes_ = std::string();
  }
  return blob_->Append(data);
}

void UploadSink::Digest(std::string_view data) {
  md5_.Update(data);
  if (checksum_.has_value()) {
    checksum_->Update(data);
  }
  if (sha256_.has_value()) {
    sha256_->Update(data);
  }
}

Status UploadSink::Append(std::string_view bytes) {
  if (!error_.ok()) {
    return error_;
  }
  Status status =
      decoder_.has_value()
          ? decoder_->Feed(bytes, [this](std::string_view data) { return Consume(data); })
          : Consume(bytes);
  if (!status.ok()) {
    error_ = status;
    digests_.reset();
    blob_.reset();  // Removes the partial blob.
  }
  return status;
}

Status UploadSink::Finish() {
  if (!error_.ok()) {
    return error_;
  }
  finished_ = true;
  if (decoder_.has_value()) {
    error_ = decoder_->Finish();
  }
  if (digests_ != nullptr) {
    digests_->Drain();
    digests_.reset();
  }
  if (error_.ok() && sha256_.has_value()) {
    error_ = sha256_->Finish();
  }
  if (!error_.ok()) {
    blob_.reset();
  }
  return error_;
}

Result<ReceivedBody> UploadSink::Take() {
  if (!error_.ok()) {
    return error_;
  }
  if (!finished_ || taken_) {
    return Status::Internal("the upload's body is incomplete");
  }
  taken_ = true;
  ReceivedBody received;
  received.size = size_;
  received.md5 = md5_.Finish();
  if (checksum_.has_value()) {
    received.checksum_algorithm = checksum_->algorithm();
    received.checksum_value = checksum_->FinishBase64();
  }
  if (decoder_.has_value()) {
    received.trailers = decoder_->trailers();
  }
  if (blob_ != nullptr) {
    received.body.blob = std::move(blob_);
  } else {
    received.body.bytes = std::move(bytes_);
  }
  return received;
}

Result<ReceivedBody> UploadSink::ReceiveAll(Engine& engine,
                                            UploadPlan plan,
                                            std::string_view bytes) {
  UploadSink sink(engine, std::move(plan));
  (void)sink.Append(bytes);
  if (sink.error_.ok()) {
    (void)sink.Finish();
  }
  return sink.Take();
}

}  // namespace stratus::s3::api

namespace stratus::s3::api {

Status CheckDeclaredDigests(const Json& input, const ReceivedBody& received) {
  if (const Json* md5 = aws::PresentMember(input, "ContentMD5"); md5 != nullptr) {
    std::string raw;
    if (!md5->is_string() || !Base64Decode(md5->get<std::string>(), &raw) || raw.size() != 16) {
      return S3Error::InvalidDigest();
    }
    if (raw != received.md5) {
      return S3Error::BadDigest("The Content-MD5 you specified did not match what we received.");
    }
  }
  if (!received.checksum_algorithm.has_value()) {
    return Status::Ok();
  }
  const std::string_view name = io::ChecksumAlgorithmName(*received.checksum_algorithm);
  std::string lowered(name);
  for (char& c : lowered) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  std::optional<std::string> declared;
  if (const Json* value = aws::PresentMember(input, "Checksum" + std::string(name));
      value != nullptr && value->is_string()) {
    declared = value->get<std::string>();
  } else if (auto it = received.trailers.find("x-amz-checksum-" + lowered);
             it != received.trailers.end()) {
    declared = it->second;
  }
  if (!declared.has_value()) {
    return Status::Ok();
  }
  std::string raw;
  if (!Base64Decode(*declared, &raw) ||
      raw.size() != io::ChecksumSize(*received.checksum_algorithm)) {
    return S3Error::InvalidRequest(
        Format("Value for x-amz-checksum-{} header is invalid.", lowered));
  }
  if (*declared != received.checksum_value) {
    return S3Error::BadDigest(
        Format("The {} you specified did not match the calculated checksum.", name));
  }
  return Status::Ok();
}

void RecordChecksum(const ReceivedBody& received, ObjectAttributes* attributes) {
  if (!received.checksum_algorithm.has_value()) {
    return;
  }
  attributes->checksum_algorithm =
      std::string(io::ChecksumAlgorithmName(*received.checksum_algorithm));
  attributes->checksum_value = received.checksum_value;
  attributes->checksum_type = "FULL_OBJECT";
}

}  // namespace stratus::s3::api
