#include "connectors/mysql/s3_uri.h"

#include <cctype>

#include "base/format.h"
#include "base/json.h"

namespace stratus::connectors::mysql {

Result<std::string> LakeUriOf(std::string_view aurora_uri) {
  const size_t scheme_end = aurora_uri.find("://");
  if (scheme_end == std::string_view::npos) {
    return Status::InvalidArgument(fmt::format(
        "'{}' is not an S3 URI (expected s3://bucket/key or s3-REGION://bucket/key)", aurora_uri));
  }
  std::string scheme(aurora_uri.substr(0, scheme_end));
  for (char& c : scheme) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (scheme != "s3" && scheme.rfind("s3-", 0) != 0) {
    return Status::InvalidArgument(fmt::format(
        "'{}' is not an S3 URI (expected s3://bucket/key or s3-REGION://bucket/key)", aurora_uri));
  }
  std::string_view rest = aurora_uri.substr(scheme_end + 3);
  const size_t slash = rest.find('/');
  if (rest.empty() || slash == 0) {
    return Status::InvalidArgument(fmt::format("'{}' names no bucket", aurora_uri));
  }
  return "s3://" + std::string(rest);
}

std::string PartUri(std::string_view uri, size_t n) {
  return fmt::format("{}.part_{:05d}", uri, n);
}

std::string ManifestUri(std::string_view uri) {
  return fmt::format("{}.manifest", uri);
}

std::string ManifestJson(const std::vector<std::string>& part_uris) {
  std::string out = "{\n  \"entries\": [\n";
  for (size_t i = 0; i < part_uris.size(); ++i) {
    out += fmt::format("    {{\n      \"url\":{}\n    }}{}\n", DumpJson(Json(part_uris[i])),
                       i + 1 < part_uris.size() ? "," : "");
  }
  out += "  ]\n}\n";
  return out;
}

Result<std::vector<std::string>> ParseManifest(std::string_view json) {
  STRATUS_ASSIGN_OR_RETURN(Json manifest, ParseJson(json));
  if (!manifest.is_object() || !manifest.contains("entries") || !manifest["entries"].is_array()) {
    return Status::InvalidArgument("the manifest has no \"entries\" array");
  }
  std::vector<std::string> urls;
  for (const Json& entry : manifest["entries"]) {
    if (!entry.is_object() || !entry.contains("url") || !entry["url"].is_string()) {
      return Status::InvalidArgument("a manifest entry has no \"url\" string");
    }
    urls.push_back(entry["url"].get<std::string>());
  }
  return urls;
}

}  // namespace stratus::connectors::mysql
