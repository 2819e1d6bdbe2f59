#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/json.h"
#include "base/result.h"
#include "s3/engine.h"

namespace stratus::s3::api {

class S3Service;

/// What x-amz-copy-source names: "bucket/key" or "/bucket/key", URL-encoded,
/// with an optional "?versionId=...".
struct CopySource {
  std::string bucket = {};
  std::string key = {};
  std::optional<std::string> version_id = std::nullopt;
};

/// Parses a CopySource member; InvalidArgument as S3 words it.
Result<CopySource> ParseCopySource(std::string_view header);

/// Finds the version a copy reads (with its inline bytes) and applies the
/// x-amz-copy-source-if-* conditions (412). A delete marker is NoSuchKey,
/// or InvalidRequest when named by version id.
Result<ObjectVersion> ResolveCopySource(S3Service& service,
                                        const CopySource& source,
                                        const Json& input);

}  // namespace stratus::s3::api
