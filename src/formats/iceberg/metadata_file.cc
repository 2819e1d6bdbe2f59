#include <cstdlib>

#include "base/format.h"
#include "base/random.h"
#include "formats/iceberg/metadata_file_internal.h"

namespace stratus::formats::iceberg {

int64_t MetadataFileVersion(std::string_view location) {
  const size_t slash = location.rfind('/');
  std::string_view name = slash == std::string_view::npos ? location : location.substr(slash + 1);
  if (!name.ends_with(".metadata.json")) {
    return -1;
  }
  if (name.starts_with('v')) {
    name.remove_prefix(1);
  }
  int64_t version = 0;
  size_t digits = 0;
  while (digits < name.size() && digits < 18 && name[digits] >= '0' && name[digits] <= '9') {
    version = version * 10 + (name[digits] - '0');
    ++digits;
  }
  return digits == 0 ? -1 : version;
}

std::string MetadataDirectory(const TableMetadata& metadata) {
  std::string_view location = metadata.location;
  while (location.ends_with('/')) {
    location.remove_suffix(1);
  }
  return std::string(location) + "/metadata/";
}

Result<CommitResult> WriteMetadataFile(const CommitEnv& env,
                                       TableMetadata metadata,
                                       int64_t version,
                                       std::vector<std::string> written_files) {
  CommitResult result;
  result.metadata_location = fmt::format("{}{:05}-{}.metadata.json", MetadataDirectory(metadata),
                                         version, env.ids->Uuid());
  STRATUS_RETURN_IF_ERROR(env.io->Write(result.metadata_location, SerializeTableMetadata(metadata),
                                        /*if_absent=*/true));
  written_files.push_back(result.metadata_location);
  result.metadata = std::move(metadata);
  result.written_files = std::move(written_files);
  return result;
}

void LogPreviousMetadata(const TableMetadata& base,
                         std::string_view base_location,
                         TableMetadata* metadata) {
  if (!base_location.empty()) {
    metadata->metadata_log.push_back(MetadataLogEntry{.timestamp_ms = base.last_updated_ms,
                                                      .metadata_file = std::string(base_location)});
  }
  const std::string max_text = metadata->Property("write.metadata.previous-versions-max", "100");
  const int64_t max = std::max<int64_t>(1, std::atoll(max_text.c_str()));
  if (static_cast<int64_t>(metadata->metadata_log.size()) > max) {
    metadata->metadata_log.erase(metadata->metadata_log.begin(),
                                 metadata->metadata_log.end() - static_cast<std::ptrdiff_t>(max));
  }
}

}  // namespace stratus::formats::iceberg
