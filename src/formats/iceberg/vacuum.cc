#include "formats/iceberg/vacuum.h"

#include <algorithm>
#include <cstdlib>
#include <set>
#include <unordered_set>

#include "base/format.h"
#include "formats/iceberg/manifest.h"
#include "formats/iceberg/metadata_file_internal.h"
#include "formats/iceberg/partition_types_internal.h"
#include "lake/object_uri.h"

namespace stratus::formats::iceberg {
namespace {

int64_t IntProperty(const TableMetadata& metadata, std::string_view key, int64_t fallback) {
  const std::string text = metadata.Property(key);
  if (text.empty()) {
    return fallback;
  }
  char* end = nullptr;
  const long long value = std::strtoll(text.c_str(), &end, 10);
  return end != nullptr && *end == '\0' ? value : fallback;
}

// Every file a snapshot reaches: its manifest list, manifests, and their
// files (live entries only, unless `all_entries`).
Status CollectReachable(TableIo& io,
                        const TableMetadata& metadata,
                        const Snapshot& snapshot,
                        bool all_entries,
                        std::unordered_set<std::string>* out) {
  out->insert(snapshot.manifest_list);
  STRATUS_ASSIGN_OR_RETURN(std::string list_bytes, io.Read(snapshot.manifest_list));
  STRATUS_ASSIGN_OR_RETURN(std::vector<ManifestFile> manifests, ReadManifestList(list_bytes));
  const Schema all_fields = AllFieldsSchema(metadata);
  for (const ManifestFile& manifest : manifests) {
    out->insert(manifest.manifest_path);
    const PartitionSpec* spec = metadata.FindSpec(manifest.partition_spec_id);
    if (spec == nullptr) {
      return Status::Corruption("iceberg: manifest names an unknown partition spec");
    }
    STRATUS_ASSIGN_OR_RETURN(std::string bytes, io.Read(manifest.manifest_path));
    STRATUS_ASSIGN_OR_RETURN(std::vector<ManifestEntry> entries,
                             ReadManifest(bytes, manifest, *spec, all_fields));
    for (const ManifestEntry& entry : entries) {
      if (all_entries || entry.status != EntryStatus::kDeleted) {
        out->insert(entry.data_file.file_path);
      }
    }
  }
  return Status::Ok();
}

// The snapshots VACUUM keeps: the newest `min_keep` ancestors of the current
// one, every snapshot younger than the cutoff, and the heads of all refs.
std::set<int64_t> SnapshotsToKeep(const TableMetadata& metadata, int64_t cutoff_ms) {
  std::set<int64_t> keep;
  const int64_t min_keep =
      IntProperty(metadata, kVacuumMinSnapshotsToKeep, kDefaultVacuumMinSnapshotsToKeep);
  int64_t kept_ancestors = 0;
  for (const Snapshot* snapshot = metadata.current_snapshot(); snapshot != nullptr;
       snapshot = snapshot->parent_snapshot_id.has_value()
                      ? metadata.FindSnapshot(*snapshot->parent_snapshot_id)
                      : nullptr) {
    if (kept_ancestors < std::max<int64_t>(1, min_keep)) {
      keep.insert(snapshot->snapshot_id);
      ++kept_ancestors;
    }
  }
  for (const Snapshot& snapshot : metadata.snapshots) {
    if (snapshot.timestamp_ms >= cutoff_ms) {
      keep.insert(snapshot.snapshot_id);
    }
  }
  for (const auto& [name, ref] : metadata.refs) {
    keep.insert(ref.snapshot_id);
  }
  return keep;
}

std::string CanonicalUri(const std::string& uri) {
  auto parsed = lake::ParseObjectUri(uri);
  return parsed.ok() ? parsed->ToString() : uri;
}

}  // namespace

Result<ExpirationPlan> PlanExpiration(TableIo& io, const TableMetadata& metadata, int64_t now_ms) {
  const int64_t max_age_seconds =
      IntProperty(metadata, kVacuumMaxSnapshotAgeSeconds, kDefaultVacuumMaxSnapshotAgeSeconds);
  const std::set<int64_t> keep = SnapshotsToKeep(metadata, now_ms - max_age_seconds * 1000);
  ExpirationPlan plan;
  plan.metadata = metadata;
  plan.metadata.snapshots.clear();
  std::unordered_set<std::string> kept_files;
  std::unordered_set<std::string> expired_files;
  for (const Snapshot& snapshot : metadata.snapshots) {
    if (keep.count(snapshot.snapshot_id) > 0) {
      plan.metadata.snapshots.push_back(snapshot);
      STRATUS_RETURN_IF_ERROR(CollectReachable(io, metadata, snapshot, false, &kept_files));
    } else {
      plan.expired_snapshot_ids.push_back(snapshot.snapshot_id);
      STRATUS_RETURN_IF_ERROR(CollectReachable(io, metadata, snapshot, true, &expired_files));
    }
  }
  std::erase_if(plan.metadata.snapshot_log,
                [&](const SnapshotLogEntry& entry) { return keep.count(entry.snapshot_id) == 0; });
  for (const std::string& file : expired_files) {
    if (kept_files.count(file) == 0) {
      plan.files_to_delete.push_back(file);
    }
  }
  const int64_t max_metadata_files = std::max<int64_t>(
      0,
      IntProperty(metadata, kVacuumMaxMetadataFilesToKeep, kDefaultVacuumMaxMetadataFilesToKeep));
  auto& log = plan.metadata.metadata_log;
  if (static_cast<int64_t>(log.size()) > max_metadata_files) {
    const auto drop =
        static_cast<std::ptrdiff_t>(log.size()) - static_cast<std::ptrdiff_t>(max_metadata_files);
    for (auto it = log.begin(); it != log.begin() + drop; ++it) {
      plan.files_to_delete.push_back(it->metadata_file);
    }
    log.erase(log.begin(), log.begin() + drop);
  }
  std::sort(plan.files_to_delete.begin(), plan.files_to_delete.end());
  return plan;
}

Result<std::vector<std::string>> FindOrphanFiles(TableIo& io,
                                                 const TableMetadata& metadata,
                                                 std::string_view metadata_location,
                                                 int64_t now_ms) {
  std::unordered_set<std::string> referenced;
  for (const Snapshot& snapshot : metadata.snapshots) {
    STRATUS_RETURN_IF_ERROR(CollectReachable(io, metadata, snapshot, true, &referenced));
  }
  referenced.insert(std::string(metadata_location));
  for (const MetadataLogEntry& entry : metadata.metadata_log) {
    referenced.insert(entry.metadata_file);
  }
  // Compare canonical URIs: metadata may say s3a:// where listings say s3://.
  std::unordered_set<std::string> resolved;
  for (const std::string& path : referenced) {
    resolved.insert(CanonicalUri(io.Resolve(path)));
  }
  const int64_t max_age_seconds =
      IntProperty(metadata, kVacuumMaxSnapshotAgeSeconds, kDefaultVacuumMaxSnapshotAgeSeconds);
  const int64_t cutoff = now_ms - max_age_seconds * 1000;
  std::string prefix = metadata.location;
  if (!prefix.ends_with('/')) {
    prefix += '/';
  }
  STRATUS_ASSIGN_OR_RETURN(std::vector<lake::ObjectInfo> objects, io.ListAll(prefix));
  std::vector<std::string> orphans;
  for (const lake::ObjectInfo& object : objects) {
    if (resolved.count(CanonicalUri(object.key)) > 0 || object.modified_millis >= cutoff ||
        object.key.ends_with("/metadata/version-hint.text")) {
      continue;
    }
    orphans.push_back(object.key);
  }
  std::sort(orphans.begin(), orphans.end());
  return orphans;
}

}  // namespace stratus::formats::iceberg
