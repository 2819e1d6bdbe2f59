#include "lake/object_uri.h"

#include <algorithm>
#include <cctype>

#include "base/format.h"

namespace stratus::lake {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

Status Malformed(std::string_view uri, std::string_view why) {
  return Status::InvalidArgument(Format("malformed lake URI '{}': {}", uri, why));
}

// Bucket names are DNS-like; legacy ones may also hold capitals and '_'.
bool IsBucketName(std::string_view bucket) {
  return !bucket.empty() && std::all_of(bucket.begin(), bucket.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '.' || c == '-' || c == '_';
  });
}

Result<ObjectUri> ParseS3(std::string_view uri, std::string_view rest) {
  const size_t slash = rest.find('/');
  const std::string_view bucket = rest.substr(0, slash);
  if (bucket.empty()) {
    return Malformed(uri, "no bucket (expected s3://bucket/key)");
  }
  if (!IsBucketName(bucket)) {
    return Malformed(uri, Format("'{}' is not a bucket name", bucket));
  }
  ObjectUri out;
  out.scheme = UriScheme::kS3;
  out.bucket = std::string(bucket);
  if (slash != std::string_view::npos) {
    out.key = std::string(rest.substr(slash + 1));
  }
  return out;
}

Result<ObjectUri> ParseFile(std::string_view uri, std::string_view rest, bool has_authority) {
  std::string_view path = rest;
  if (has_authority) {
    const size_t slash = rest.find('/');
    const std::string_view host = rest.substr(0, slash);
    if (!host.empty() && Lower(host) != "localhost") {
      return Malformed(uri,
                       Format("a file URI names no host ('{}'); write file:///abs/path", host));
    }
    if (slash == std::string_view::npos) {
      return Malformed(uri, "no path (expected file:///abs/path)");
    }
    path = rest.substr(slash);
  }
  if (!path.starts_with('/')) {
    return Malformed(uri, "a file URI needs an absolute path (file:///abs/path)");
  }
  return ObjectUri{.scheme = UriScheme::kFile, .bucket = {}, .key = std::string(path)};
}

}  // namespace

std::string ObjectUri::ToString() const {
  if (scheme == UriScheme::kFile) {
    return "file://" + key;
  }
  return "s3://" + bucket + "/" + key;
}

Result<ObjectUri> ParseObjectUri(std::string_view uri) {
  const size_t colon = uri.find(':');
  if (colon == std::string_view::npos || colon == 0) {
    return Malformed(uri, "no scheme (expected s3://bucket/key or file:///abs/path)");
  }
  const std::string scheme = Lower(uri.substr(0, colon));
  std::string_view rest = uri.substr(colon + 1);
  const bool has_authority = rest.starts_with("//");
  if (has_authority) {
    rest.remove_prefix(2);
  }
  if (scheme == "s3" || scheme == "s3a") {
    if (!has_authority) {
      return Malformed(uri, "expected s3://bucket/key");
    }
    return ParseS3(uri, rest);
  }
  if (scheme == "file") {
    return ParseFile(uri, rest, has_authority);
  }
  return Malformed(uri, Format("unknown scheme '{}' (the lake knows s3, s3a and file)", scheme));
}

}  // namespace stratus::lake
