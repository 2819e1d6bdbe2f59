#include "lake/remote_s3_store.h"

#include <algorithm>
#include <charconv>
#include <utility>

#include "aws/protocol/timestamp_format.h"
#include "aws/protocol/xml_document.h"
#include "base/format.h"
#include "lake/continuation_tokens_internal.h"
#include "lake/listing_rules.h"
#include "lake/remote_s3_reader_internal.h"
#include "lake/remote_s3_writer_internal.h"
#include "lake/s3_client_internal.h"
#include "lake/s3_error_internal.h"

namespace stratus::lake {
namespace {

using internal::RetryPolicy;
using internal::S3Client;
using internal::S3Request;
using internal::S3Response;

// Continuation tokens remembered per store.
constexpr size_t kRememberedTokens = 256;

// S3 lists at most this many keys per page.
constexpr int kMaxKeysPerPage = 1000;

S3Request Request(std::string method, std::string_view bucket, std::string_view key) {
  return S3Request{.method = std::move(method),
                   .bucket = std::string(bucket),
                   .key = std::string(key),
                   .query = {},
                   .headers = {},
                   .body = {},
                   .retry = RetryPolicy::kIdempotent,
                   .body_into = {}};
}

Status CheckNames(std::string_view bucket, std::string_view key) {
  if (bucket.empty()) {
    return Status::InvalidArgument("an S3 request needs a bucket");
  }
  if (key.empty()) {
    return Status::InvalidArgument(Format("an object in bucket {} needs a non-empty key", bucket));
  }
  return Status::Ok();
}

Result<uint64_t> ParseSize(std::string_view text, std::string_view what) {
  uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    return Status::IoError(Format("{}: the server sent a bad size '{}'", what, text));
  }
  return value;
}

// Epoch millis of an ISO 8601 or HTTP date; 0 when unreadable.
int64_t MillisOf(std::string_view text) {
  Result<double> seconds = aws::ParseTimestamp(text);
  return seconds.ok() ? static_cast<int64_t>(*seconds * 1000) : 0;
}

// Decodes a key of a listing made with encoding-type=url ('+' is a space,
// as S3 encodes it).
std::string Decoded(const aws::XmlElement* element) {
  return element == nullptr ? "" : http::PercentDecode(element->text, /*plus_is_space=*/true);
}

// The page of a ListObjectsV2 answer, and the server's continuation token.
struct ServerPage {
  ListPage page = {};
  std::optional<std::string> token = std::nullopt;
  bool truncated = false;
  std::string last = {};  // The greatest key or common prefix the server sent.
};

Result<ServerPage> ParseListing(std::string_view body, const ListOptions& options) {
  STRATUS_ASSIGN_OR_RETURN(aws::XmlElement root, aws::ParseXml(body));
  ServerPage out;
  for (const aws::XmlElement& child : root.children) {
    const std::string_view name = child.LocalName();
    if (name == "Contents") {
      ObjectInfo info;
      info.key = Decoded(child.Child("Key"));
      if (const aws::XmlElement* size = child.Child("Size")) {
        STRATUS_ASSIGN_OR_RETURN(info.size, ParseSize(size->text, "ListObjectsV2"));
      }
      if (const aws::XmlElement* etag = child.Child("ETag")) {
        info.etag = etag->text;
      }
      if (const aws::XmlElement* modified = child.Child("LastModified")) {
        info.modified_millis = MillisOf(modified->text);
      }
      out.last = std::max(out.last, info.key);
      if (!KeyPassed(info.key, options.after, options.prefix, options.delimiter)) {
        out.page.objects.push_back(std::move(info));
      }
    } else if (name == "CommonPrefixes") {
      std::string prefix = Decoded(child.Child("Prefix"));
      out.last = std::max(out.last, prefix);
      if (!SubtreePassed(prefix, options.after, options.prefix, options.delimiter)) {
        out.page.common_prefixes.push_back(std::move(prefix));
      }
    } else if (name == "IsTruncated") {
      out.truncated = child.text == "true";
    } else if (name == "NextContinuationToken" && !child.text.empty()) {
      out.token = child.text;
    }
  }
  return out;
}

}  // namespace

Result<std::unique_ptr<RemoteS3Store>> RemoteS3Store::Open(const RemoteS3Options& options,
                                                           const Clock& clock) {
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<S3Client> client, S3Client::Open(options, clock));
  return std::unique_ptr<RemoteS3Store>(
      new RemoteS3Store(std::move(client)));  // STRATUS_LINT_ALLOW(private constructor)
}

RemoteS3Store::RemoteS3Store(std::unique_ptr<internal::S3Client> client)
    : client_(std::move(client)),
      tokens_(std::make_unique<internal::ContinuationTokens>(kRememberedTokens)) {}

RemoteS3Store::~RemoteS3Store() = default;

Result<ListPage> RemoteS3Store::List(std::string_view bucket, const ListOptions& options) {
  if (bucket.empty()) {
    return Status::InvalidArgument("an S3 listing needs a bucket");
  }
  if (options.max_keys <= 0) {
    return ListPage();
  }
  S3Request request = Request("GET", bucket, "");
  request.query = {{"list-type", "2"},
                   {"encoding-type", "url"},
                   {"max-keys", std::to_string(std::min(options.max_keys, kMaxKeysPerPage))}};
  if (!options.prefix.empty()) {
    request.query.emplace_back("prefix", options.prefix);
  }
  if (!options.delimiter.empty()) {
    request.query.emplace_back("delimiter", options.delimiter);
  }
  if (!options.after.empty()) {
    std::optional<std::string> token =
        tokens_->Find(bucket, options.prefix, options.delimiter, options.after);
    if (token.has_value()) {
      request.query.emplace_back("continuation-token", std::move(*token));
    } else {
      request.query.emplace_back("start-after", options.after);
    }
  }
  STRATUS_ASSIGN_OR_RETURN(S3Response response, client_->Send(request));
  if (response.status != 200) {
    return internal::S3ErrorStatus(S3Client::Describe(request), response);
  }
  STRATUS_ASSIGN_OR_RETURN(ServerPage server, ParseListing(response.body, options));
  if (server.truncated) {
    // The page's last entry is where the next one starts; with nothing new
    // sent, it is where this one started.
    std::string next_after = server.last.empty() ? options.after : std::move(server.last);
    if (server.token.has_value()) {
      tokens_->Remember(bucket, options.prefix, options.delimiter, next_after,
                        std::move(*server.token));
    }
    server.page.next_after = std::move(next_after);
  }
  return std::move(server.page);
}

Result<ObjectInfo> RemoteS3Store::Head(std::string_view bucket, std::string_view key) {
  STRATUS_RETURN_IF_ERROR(CheckNames(bucket, key));
  const S3Request request = Request("HEAD", bucket, key);
  STRATUS_ASSIGN_OR_RETURN(S3Response response, client_->Send(request));
  const std::string what = S3Client::Describe(request);
  if (response.status != 200) {
    return internal::S3ErrorStatus(what, response);
  }
  ObjectInfo info{.key = std::string(key), .size = 0, .etag = {}, .modified_millis = 0};
  if (std::optional<std::string_view> length = response.headers.Get("content-length")) {
    STRATUS_ASSIGN_OR_RETURN(info.size, ParseSize(*length, what));
  }
  info.etag = std::string(response.headers.Get("etag").value_or(""));
  if (std::optional<std::string_view> modified = response.headers.Get("last-modified")) {
    info.modified_millis = MillisOf(*modified);
  }
  return info;
}

Result<std::string> RemoteS3Store::Read(std::string_view bucket,
                                        std::string_view key,
                                        std::optional<ByteRange> range) {
  STRATUS_RETURN_IF_ERROR(CheckNames(bucket, key));
  S3Request request = Request("GET", bucket, key);
  if (range.has_value()) {
    if (range->first > range->last) {
      return Status::InvalidArgument(Format("range {}-{} of {}/{} ends before it starts",
                                            range->first, range->last, bucket, key))
          .WithAwsType("InvalidRange", 416);
    }
    request.headers.emplace_back("range", Format("bytes={}-{}", range->first, range->last));
  }
  STRATUS_ASSIGN_OR_RETURN(S3Response response, client_->Send(request));
  if (response.status == 206 || (response.status == 200 && !range.has_value())) {
    return std::move(response.body);
  }
  if (response.status == 200) {
    // The server ignored the range: cut it from the whole object.
    std::string& body = response.body;
    if (range->first >= body.size()) {
      return Status::InvalidArgument(Format("range {}-{} of {}/{} starts past its end",
                                            range->first, range->last, bucket, key))
          .WithAwsType("InvalidRange", 416);
    }
    const uint64_t last = std::min<uint64_t>(range->last, body.size() - 1);
    return body.substr(range->first, last - range->first + 1);
  }
  return internal::S3ErrorStatus(S3Client::Describe(request), response);
}

Result<std::unique_ptr<ObjectReader>> RemoteS3Store::Open(std::string_view bucket,
                                                          std::string_view key) {
  STRATUS_ASSIGN_OR_RETURN(ObjectInfo info, Head(bucket, key));
  return std::unique_ptr<ObjectReader>(std::make_unique<internal::RemoteS3Reader>(
      *client_, std::string(bucket), std::string(key), info.size, std::move(info.etag)));
}

Result<std::unique_ptr<ObjectWriter>> RemoteS3Store::Create(std::string_view bucket,
                                                            std::string_view key,
                                                            const WriteOptions& options) {
  STRATUS_RETURN_IF_ERROR(CheckNames(bucket, key));
  const auto in_header = [](std::string_view value) {
    return value.find_first_of("\r\n") == std::string_view::npos;
  };
  if (!in_header(options.content_type) ||
      !in_header(options.condition.if_match.value_or(std::string()))) {
    return Status::InvalidArgument("a content type or ETag must not hold line breaks");
  }
  return std::unique_ptr<ObjectWriter>(std::make_unique<internal::RemoteS3Writer>(
      *client_, std::string(bucket), std::string(key), options));
}

Status RemoteS3Store::Delete(std::string_view bucket, std::string_view key) {
  STRATUS_RETURN_IF_ERROR(CheckNames(bucket, key));
  const S3Request request = Request("DELETE", bucket, key);
  STRATUS_ASSIGN_OR_RETURN(S3Response response, client_->Send(request));
  if (response.status == 204 || response.status == 200) {
    return Status::Ok();
  }
  Status error = internal::S3ErrorStatus(S3Client::Describe(request), response);
  // AWS: deleting a missing key succeeds; a server that says NoSuchKey means the same.
  return error.aws_type() == "NoSuchKey" ? Status::Ok() : error;
}

Status RemoteS3Store::CreateBucket(std::string_view bucket) {
  if (bucket.empty()) {
    return Status::InvalidArgument("a bucket needs a name");
  }
  S3Request request = Request("PUT", bucket, "");
  std::string body;
  if (client_->options().region != "us-east-1") {
    body = Format(
        "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        "<LocationConstraint>{}</LocationConstraint></CreateBucketConfiguration>",
        client_->options().region);
    request.body = body;
    request.headers.emplace_back("content-type", "application/xml");
  }
  STRATUS_ASSIGN_OR_RETURN(S3Response response, client_->Send(request));
  if (response.status == 200) {
    return Status::Ok();
  }
  Status error = internal::S3ErrorStatus(S3Client::Describe(request), response);
  return error.aws_type() == "BucketAlreadyOwnedByYou" ? Status::Ok() : error;
}

}  // namespace stratus::lake
