#pragma once

// Naming and writing metadata files: `<location>/metadata/<NNNNN>-<uuid>.metadata.json`.

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"
#include "formats/iceberg/snapshot_producer.h"
#include "formats/iceberg/table_metadata.h"

namespace stratus::formats::iceberg {

/// Returns the version of a metadata file ("00003-<uuid>.metadata.json" → 3,
/// "v3.metadata.json" → 3), or -1.
int64_t MetadataFileVersion(std::string_view location);

/// Returns `<location>/metadata/`.
std::string MetadataDirectory(const TableMetadata& metadata);

/// Writes `metadata` as version `version` (if absent) and returns the result.
Result<CommitResult> WriteMetadataFile(const CommitEnv& env,
                                       TableMetadata metadata,
                                       int64_t version,
                                       std::vector<std::string> written_files);

/// Appends `base_location` to the metadata log (when set) and trims it to
/// write.metadata.previous-versions-max (default 100).
void LogPreviousMetadata(const TableMetadata& base,
                         std::string_view base_location,
                         TableMetadata* metadata);

}  // namespace stratus::formats::iceberg
