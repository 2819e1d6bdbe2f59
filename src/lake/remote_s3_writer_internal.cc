#include "lake/remote_s3_writer_internal.h"

#include <algorithm>

#include "aws/protocol/timestamp_format.h"
#include "aws/protocol/xml_document.h"
#include "base/format.h"
#include "lake/log.h"
#include "lake/s3_client_internal.h"
#include "lake/s3_error_internal.h"

namespace stratus::lake::internal {
namespace {

// S3 numbers parts 1 to 10,000.
constexpr size_t kMaxParts = 10'000;

// Returns `etag` in quotes, as If-Match wants it ("*" stays bare).
std::string Quoted(const std::string& etag) {
  if (etag == "*" || (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"')) {
    return etag;
  }
  return "\"" + etag + "\"";
}

// The server's time of a write: its Date header, else 0.
int64_t ModifiedMillis(const S3Response& response) {
  if (std::optional<std::string_view> date = response.headers.Get("date")) {
    Result<double> seconds = aws::ParseTimestamp(*date);
    if (seconds.ok()) {
      return static_cast<int64_t>(*seconds * 1000);
    }
  }
  return 0;
}

}  // namespace

RemoteS3Writer::RemoteS3Writer(S3Client& client,
                               std::string bucket,
                               std::string key,
                               WriteOptions options)
    : client_(client),
      bucket_(std::move(bucket)),
      key_(std::move(key)),
      options_(std::move(options)) {}

RemoteS3Writer::~RemoteS3Writer() {
  if (!upload_id_.empty()) {
    AbortUpload();
  }
}

Status RemoteS3Writer::Append(std::string_view bytes) {
  if (done_) {
    return Status::FailedPrecondition(Format("append to committed writer of {}/{}", bucket_, key_));
  }
  const auto part_size = static_cast<size_t>(client_.options().part_size);
  while (!bytes.empty()) {
    // A full buffer is sent only when more bytes follow, so that an object
    // of exactly one part is still one PutObject.
    if (buffer_.size() == part_size) {
      if (upload_id_.empty()) {
        STRATUS_RETURN_IF_ERROR(StartUpload());
      }
      STRATUS_RETURN_IF_ERROR(UploadPart());
    }
    const size_t take = std::min(bytes.size(), part_size - buffer_.size());
    buffer_.append(bytes.substr(0, take));
    bytes.remove_prefix(take);
    size_ += take;
  }
  return Status::Ok();
}

Result<ObjectInfo> RemoteS3Writer::Commit() {
  if (done_) {
    return Status::FailedPrecondition(Format("second commit of {}/{}", bucket_, key_));
  }
  done_ = true;
  if (upload_id_.empty()) {
    return PutWhole();
  }
  Result<ObjectInfo> completed = CompleteUpload();
  if (!completed.ok()) {
    AbortUpload();
  }
  upload_id_.clear();
  return completed;
}

std::vector<std::pair<std::string, std::string>> RemoteS3Writer::ConditionHeaders() const {
  std::vector<std::pair<std::string, std::string>> headers;
  if (options_.condition.if_absent) {
    headers.emplace_back("if-none-match", "*");
  }
  if (options_.condition.if_match.has_value()) {
    headers.emplace_back("if-match", Quoted(*options_.condition.if_match));
  }
  return headers;
}

Result<ObjectInfo> RemoteS3Writer::PutWhole() {
  S3Request request{.method = "PUT",
                    .bucket = bucket_,
                    .key = key_,
                    .query = {},
                    .headers = ConditionHeaders(),
                    .body = buffer_,
                    .retry = RetryPolicy::kIdempotent,
                    .body_into = {}};
  if (!request.headers.empty()) {
    request.retry = RetryPolicy::kWhenNotApplied;
  }
  if (!options_.content_type.empty()) {
    request.headers.emplace_back("content-type", options_.content_type);
  }
  STRATUS_ASSIGN_OR_RETURN(S3Response response, client_.Send(request));
  if (response.status != 200) {
    return S3ErrorStatus(S3Client::Describe(request), response);
  }
  buffer_.clear();
  return ObjectInfo{.key = key_,
                    .size = size_,
                    .etag = std::string(response.headers.Get("etag").value_or("")),
                    .modified_millis = ModifiedMillis(response)};
}

Status RemoteS3Writer::StartUpload() {
  S3Request request{.method = "POST",
                    .bucket = bucket_,
                    .key = key_,
                    .query = {{"uploads", ""}},
                    .headers = {},
                    .body = {},
                    .retry = RetryPolicy::kIdempotent,
                    .body_into = {}};
  if (!options_.content_type.empty()) {
    request.headers.emplace_back("content-type", options_.content_type);
  }
  STRATUS_ASSIGN_OR_RETURN(S3Response response, client_.Send(request));
  if (response.status != 200) {
    return S3ErrorStatus(S3Client::Describe(request), response);
  }
  STRATUS_ASSIGN_OR_RETURN(aws::XmlElement root, aws::ParseXml(response.body));
  const aws::XmlElement* upload_id = root.Child("UploadId");
  if (upload_id == nullptr || upload_id->text.empty()) {
    return Status::IoError(
        Format("{}: no UploadId in the server's answer", S3Client::Describe(request)));
  }
  upload_id_ = upload_id->text;
  return Status::Ok();
}

Status RemoteS3Writer::UploadPart() {
  if (part_etags_.size() == kMaxParts) {
    return Status::ResourceExhausted(Format("{}/{}: more than {} parts of {} bytes", bucket_, key_,
                                            kMaxParts, client_.options().part_size));
  }
  const S3Request request{
      .method = "PUT",
      .bucket = bucket_,
      .key = key_,
      .query = {{"partNumber", std::to_string(part_etags_.size() + 1)}, {"uploadId", upload_id_}},
      .headers = {},
      .body = buffer_,
      .retry = RetryPolicy::kIdempotent,
      .body_into = {}};
  STRATUS_ASSIGN_OR_RETURN(S3Response response, client_.Send(request));
  if (response.status != 200) {
    return S3ErrorStatus(S3Client::Describe(request), response);
  }
  part_etags_.emplace_back(response.headers.Get("etag").value_or(""));
  buffer_.clear();
  return Status::Ok();
}

Result<ObjectInfo> RemoteS3Writer::CompleteUpload() {
  STRATUS_RETURN_IF_ERROR(UploadPart());
  std::string body = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">";
  for (size_t i = 0; i < part_etags_.size(); ++i) {
    body +=
        Format("<Part><PartNumber>{}</PartNumber><ETag>{}</ETag></Part>", i + 1, part_etags_[i]);
  }
  body += "</CompleteMultipartUpload>";
  S3Request request{.method = "POST",
                    .bucket = bucket_,
                    .key = key_,
                    .query = {{"uploadId", upload_id_}},
                    .headers = ConditionHeaders(),
                    .body = body,
                    .retry = RetryPolicy::kIdempotent,
                    .body_into = {}};
  if (!request.headers.empty()) {
    request.retry = RetryPolicy::kWhenNotApplied;
  }
  request.headers.emplace_back("content-type", "application/xml");
  STRATUS_ASSIGN_OR_RETURN(S3Response response, client_.Send(request));
  const std::string what = S3Client::Describe(request);
  if (response.status != 200) {
    return S3ErrorStatus(what, response);
  }
  STRATUS_RETURN_IF_ERROR(ErrorInBody(what, response));
  STRATUS_ASSIGN_OR_RETURN(aws::XmlElement root, aws::ParseXml(response.body));
  const aws::XmlElement* etag = root.Child("ETag");
  return ObjectInfo{.key = key_,
                    .size = size_,
                    .etag = etag != nullptr ? etag->text : "",
                    .modified_millis = ModifiedMillis(response)};
}

void RemoteS3Writer::AbortUpload() {
  const S3Request request{.method = "DELETE",
                          .bucket = bucket_,
                          .key = key_,
                          .query = {{"uploadId", upload_id_}},
                          .headers = {},
                          .body = {},
                          .retry = RetryPolicy::kIdempotent,
                          .body_into = {}};
  upload_id_.clear();
  Result<S3Response> response = client_.Send(request);
  if (!response.ok() || (response->status != 204 && response->status != 404)) {
    kLakeLog.Warn("multipart upload not aborted request={} error={}", S3Client::Describe(request),
                  response.ok() ? S3ErrorStatus(S3Client::Describe(request), *response).ToString()
                                : response.status().ToString());
  }
}

}  // namespace stratus::lake::internal
