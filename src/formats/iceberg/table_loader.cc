#include "formats/iceberg/table_loader.h"

#include <algorithm>
#include <cstdlib>

#include "base/format.h"

namespace stratus::formats::iceberg {
namespace {

// Returns the version number of a metadata file name ("00003-<uuid>.metadata.json"
// or "v3.metadata.json"), or -1.
int64_t MetadataVersion(std::string_view key) {
  const size_t slash = key.rfind('/');
  std::string_view name = slash == std::string_view::npos ? key : key.substr(slash + 1);
  if (!name.ends_with(".metadata.json")) {
    return -1;
  }
  if (name.starts_with('v')) {
    name.remove_prefix(1);
  }
  int64_t version = 0;
  size_t digits = 0;
  while (digits < name.size() && name[digits] >= '0' && name[digits] <= '9' && digits < 18) {
    version = version * 10 + (name[digits] - '0');
    ++digits;
  }
  return digits == 0 ? -1 : version;
}

std::string TrimSlash(std::string_view location) {
  while (location.ends_with('/')) {
    location.remove_suffix(1);
  }
  return std::string(location);
}

}  // namespace

Result<TableMetadata> LoadTableMetadata(TableIo& io, std::string_view metadata_location) {
  STRATUS_ASSIGN_OR_RETURN(std::string text, io.Read(metadata_location));
  return ParseTableMetadata(text);
}

Result<std::string> FindLatestMetadata(TableIo& io, std::string_view table_location) {
  const std::string metadata_dir = TrimSlash(table_location) + "/metadata/";
  auto hint = io.Read(metadata_dir + "version-hint.text");
  if (hint.ok()) {
    std::string text = *hint;
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\r')) {
      text.pop_back();
    }
    const std::string candidate = metadata_dir + "v" + text + ".metadata.json";
    if (io.Read(candidate).ok()) {
      return candidate;
    }
  }
  STRATUS_ASSIGN_OR_RETURN(std::vector<lake::ObjectInfo> objects, io.ListAll(metadata_dir));
  int64_t best = -1;
  std::string best_uri;
  for (const lake::ObjectInfo& object : objects) {
    const int64_t version = MetadataVersion(object.key);
    if (version > best) {
      best = version;
      best_uri = object.key;
    }
  }
  if (best < 0) {
    return Status::NotFound(fmt::format("iceberg: no metadata file under {}", metadata_dir));
  }
  return best_uri;
}

Result<const Snapshot*> ResolveSnapshot(const TableMetadata& metadata,
                                        const SnapshotSelector& selector) {
  switch (selector.kind) {
    case SnapshotSelector::Kind::kCurrent:
      return metadata.current_snapshot();
    case SnapshotSelector::Kind::kById: {
      const Snapshot* snapshot = metadata.FindSnapshot(selector.snapshot_id);
      if (snapshot == nullptr) {
        return Status::NotFound(
            fmt::format("Iceberg snapshot ID does not exist: {}", selector.snapshot_id));
      }
      return snapshot;
    }
    case SnapshotSelector::Kind::kAsOfTimestamp: {
      // Trino: the last snapshot-log entry at or before the time.
      const Snapshot* found = nullptr;
      int64_t found_at = 0;
      for (const SnapshotLogEntry& entry : metadata.snapshot_log) {
        if (entry.timestamp_ms <= selector.timestamp_ms &&
            (found == nullptr || entry.timestamp_ms >= found_at)) {
          if (const Snapshot* snapshot = metadata.FindSnapshot(entry.snapshot_id)) {
            found = snapshot;
            found_at = entry.timestamp_ms;
          }
        }
      }
      if (found == nullptr && metadata.snapshot_log.empty()) {
        // Tables without a snapshot log: the snapshots' own times.
        for (const Snapshot& snapshot : metadata.snapshots) {
          if (snapshot.timestamp_ms <= selector.timestamp_ms &&
              (found == nullptr || snapshot.timestamp_ms >= found_at)) {
            found = &snapshot;
            found_at = snapshot.timestamp_ms;
          }
        }
      }
      if (found == nullptr) {
        return Status::InvalidArgument(fmt::format("No version history table {} at or before {}",
                                                   metadata.location, selector.timestamp_ms));
      }
      return found;
    }
  }
  return Status::Internal("iceberg: unknown snapshot selector");
}

const Schema& SchemaForSnapshot(const TableMetadata& metadata, const Snapshot* snapshot) {
  if (snapshot != nullptr && snapshot->schema_id.has_value()) {
    if (const Schema* schema = metadata.FindSchema(*snapshot->schema_id)) {
      return *schema;
    }
  }
  return metadata.current_schema();
}

}  // namespace stratus::formats::iceberg
