#pragma once

// VACUUM as Athena documents it (docs.aws.amazon.com/athena/latest/ug/vacuum-statement.html):
//  1. Expire snapshots older than vacuum_max_snapshot_age_seconds (default
//     432000, 5 days), but keep the vacuum_min_snapshots_to_keep (default 1)
//     newest ancestors of the current snapshot, and always the current one.
//  2. Delete the manifest lists, manifests and data/delete files that no kept
//     snapshot reaches any more; keep at most vacuum_max_metadata_files_to_keep
//     (default 100) previous metadata files in the metadata log, deleting the
//     older ones.
//  3. Delete orphan files: files under the table location that the table
//     state (kept metadata files, manifest lists, manifests, data and delete
//     files) does not reference and that are older than
//     vacuum_max_snapshot_age_seconds.
//
// PlanExpiration works on metadata only; the engine commits the returned
// metadata (CommitMetadata) and only then deletes the files, so a failed
// commit deletes nothing.
//
// Thread safety: free functions.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "formats/iceberg/table_io.h"
#include "formats/iceberg/table_metadata.h"

namespace stratus::formats::iceberg {

/// Athena's VACUUM properties and their defaults.
inline constexpr char kVacuumMaxSnapshotAgeSeconds[] = "vacuum_max_snapshot_age_seconds";
inline constexpr int64_t kDefaultVacuumMaxSnapshotAgeSeconds = 432000;
inline constexpr char kVacuumMinSnapshotsToKeep[] = "vacuum_min_snapshots_to_keep";
inline constexpr int64_t kDefaultVacuumMinSnapshotsToKeep = 1;
inline constexpr char kVacuumMaxMetadataFilesToKeep[] = "vacuum_max_metadata_files_to_keep";
inline constexpr int64_t kDefaultVacuumMaxMetadataFilesToKeep = 100;

struct ExpirationPlan {
  /// The metadata without the expired snapshots (and trimmed logs); commit it.
  TableMetadata metadata = {};
  std::vector<int64_t> expired_snapshot_ids = {};
  /// Files only expired snapshots reached (manifest lists, manifests, data
  /// and delete files) and metadata files dropped from the log: delete them
  /// after the commit.
  std::vector<std::string> files_to_delete = {};
};

/// Chooses the snapshots to expire at `now_ms` by the table's vacuum_*
/// properties and lists the files they alone reach.
Result<ExpirationPlan> PlanExpiration(TableIo& io, const TableMetadata& metadata, int64_t now_ms);

/// Lists the orphan files under the table location (see step 3 above).
/// `metadata_location` is the current metadata file; the files of
/// `metadata` (after expiration) and its metadata log are referenced.
Result<std::vector<std::string>> FindOrphanFiles(TableIo& io,
                                                 const TableMetadata& metadata,
                                                 std::string_view metadata_location,
                                                 int64_t now_ms);

}  // namespace stratus::formats::iceberg
