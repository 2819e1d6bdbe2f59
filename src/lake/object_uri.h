#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace stratus::lake {

/// Which store a URI names.
enum class UriScheme : uint8_t {
  kS3,    // s3://bucket/key, s3a://bucket/key
  kFile,  // file:///absolute/path
};

/// A parsed object (or prefix) URI.
struct ObjectUri {
  UriScheme scheme = UriScheme::kS3;
  /// The S3 bucket; "" for file:// URIs (FileStore has one nameless bucket).
  std::string bucket = {};
  /// The key, verbatim (not percent-decoded, as in the AWS CLI, Athena and
  /// Spark): "data/users/x.csv" for S3, "/tmp/t/x.csv" for files. May be
  /// empty for an S3 bucket as a whole.
  std::string key = {};

  /// Returns the URI in its canonical form: "s3://bucket/key", "file:///path".
  std::string ToString() const;
};

/// Parses "s3://bucket/key" (or s3a://), "file:///abs/path",
/// "file://localhost/abs/path" and "file:/abs/path" (as Hadoop writes it).
/// The scheme is case-insensitive. Errors (InvalidArgument, naming the URI
/// and what is wrong): no scheme or an unknown one, an S3 URI without a
/// bucket or with characters no bucket name has, a file URI with a host or
/// a relative path.
Result<ObjectUri> ParseObjectUri(std::string_view uri);

}  // namespace stratus::lake
