#include "s3/api/copy_source.h"

#include "http/message.h"
#include "s3/api/object_headers.h"
#include "s3/api/s3_service.h"
#include "s3/errors.h"

namespace stratus::s3::api {

Result<CopySource> ParseCopySource(std::string_view header) {
  std::string_view text = header;
  CopySource source;
  if (const size_t question = text.find('?'); question != std::string_view::npos) {
    for (const auto& [name, value] : http::ParseQueryString(text.substr(question + 1))) {
      if (name == "versionId") {
        source.version_id = value;
      }
    }
    text = text.substr(0, question);
  }
  std::string decoded = http::PercentDecode(text);
  std::string_view path = decoded;
  if (!path.empty() && path.front() == '/') {
    path.remove_prefix(1);
  }
  const size_t slash = path.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == path.size()) {
    return S3Error::InvalidArgument("Invalid copy source object key");
  }
  source.bucket = std::string(path.substr(0, slash));
  source.key = std::string(path.substr(slash + 1));
  return source;
}

Result<ObjectVersion> ResolveCopySource(S3Service& service,
                                        const CopySource& source,
                                        const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(
      ObjectVersion version,
      service.engine().GetObject(source.bucket, source.key,
                                 source.version_id.has_value()
                                     ? std::optional<std::string_view>(*source.version_id)
                                     : std::nullopt,
                                 /*with_bytes=*/true));
  if (version.delete_marker) {
    if (source.version_id.has_value()) {
      return S3Error::InvalidRequest(
          "The source of a copy request may not specifically refer to a delete marker by "
          "version id.");
    }
    return S3Error::NoSuchKey();
  }
  STRATUS_RETURN_IF_ERROR(CheckReadConditions(input, version, "CopySource"));
  return version;
}

}  // namespace stratus::s3::api
