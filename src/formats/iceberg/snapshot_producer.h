#pragma once

// Commits, minus the catalog: from a base TableMetadata, writes the files of
// a new snapshot (manifests, manifest list) and the new metadata file, and
// returns the new metadata and its location. The engine then swaps the
// catalog's pointer (Glue's metadata_location) from the base location to the
// new one with compare-and-swap; when that fails it reloads and either
// re-applies the update on the newer base (appends always can; row deltas and
// rewrites after ValidateNoConflicts) or gives up.
//
// What we write (docs/formats/iceberg.md, "Commits"): untouched manifests
// are carried over unchanged; a manifest that loses files is rewritten with
// DELETED entries for them (EXISTING for the rest); added files go to one
// new data manifest and one new delete manifest; the manifest list is
// `<location>/metadata/snap-<id>-1-<uuid>.avro`; the metadata file
// `<location>/metadata/<NNNNN>-<uuid>.metadata.json`, NNNNN one more than
// the base's. The summary has Java's keys (added-data-files, added-records,
// ..., total-*, changed-partition-count).
//
// Thread safety: free functions; the environment's objects are thread-safe.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "formats/iceberg/data_file.h"
#include "formats/iceberg/partition_spec.h"
#include "formats/iceberg/schema.h"
#include "formats/iceberg/table_io.h"
#include "formats/iceberg/table_metadata.h"

namespace stratus {
class Clock;
class IdGenerator;
}  // namespace stratus

namespace stratus::formats::iceberg {

/// Where commits write and how they get time and ids. All borrowed.
struct CommitEnv {
  TableIo* io = nullptr;
  const Clock* clock = nullptr;
  IdGenerator* ids = nullptr;
};

/// What a new snapshot changes.
struct SnapshotUpdate {
  enum class Kind : uint8_t {
    kAppend,       // INSERT: add data files. Operation "append".
    kRowDelta,     // UPDATE/DELETE/MERGE: add data and/or delete files. Operation
                   // "overwrite"; "delete" when only deletes are added, "append"
                   // when only data files are (Java's BaseRowDelta).
    kRewrite,      // OPTIMIZE: remove data and delete files, add new ones. Operation "replace".
    kDeleteFiles,  // DELETE of whole files (metadata only). Operation "delete".
  };
  Kind kind = Kind::kAppend;
  /// Files to add; their spec_id must name a spec of the table.
  std::vector<DataFile> added_data_files = {};
  std::vector<DataFile> added_delete_files = {};
  /// Live files to remove, by path (as in the manifests). A path not live in
  /// the base snapshot is FailedPrecondition (a concurrent commit removed it).
  std::vector<std::string> removed_data_files = {};
  std::vector<std::string> removed_delete_files = {};
  /// Row deltas: the data files the new delete files refer to (for conflict checks).
  std::vector<std::string> referenced_data_files = {};
  /// Serializable row deltas (MERGE, whose inserts depend on what it read):
  /// any data file another writer added since the read conflicts, so two
  /// concurrent MERGEs cannot both insert the same new key.
  bool fail_on_concurrent_data_files = false;
  /// Extra summary entries (e.g. {"trino_query_id", ...}), written right after
  /// "operation", as Trino writes trino_query_id.
  std::vector<std::pair<std::string, std::string>> extra_summary = {};
};

struct CommitResult {
  TableMetadata metadata = {};
  /// The new metadata file's URI (as the table's location spells it).
  std::string metadata_location = {};
  /// The new snapshot, or unset for metadata-only commits.
  std::optional<int64_t> snapshot_id = std::nullopt;
  /// Every file this commit wrote (delete them if the catalog swap fails).
  std::vector<std::string> written_files = {};
};

/// Writes a new snapshot on top of `base` (whose file is `base_location`,
/// empty for a table never committed) and its metadata file.
Result<CommitResult> CommitSnapshot(const CommitEnv& env,
                                    const TableMetadata& base,
                                    std::string_view base_location,
                                    const SnapshotUpdate& update);

/// Writes `updated` (schema, properties ... changed from `base`) as the next
/// metadata file: bumps last-updated-ms, logs `base_location` in the
/// metadata log (trimmed to write.metadata.previous-versions-max, default 100).
Result<CommitResult> CommitMetadata(const CommitEnv& env,
                                    const TableMetadata& base,
                                    std::string_view base_location,
                                    TableMetadata updated);

/// Checks whether `update`, prepared while reading snapshot `read_snapshot_id`
/// (unset: the table was empty), still applies to `current` after another
/// writer committed: FailedPrecondition when a file it removes is no longer
/// live, or a later snapshot removed a data file it deletes from or rewrites,
/// or added delete files to such a data file, or (fail_on_concurrent_data_files)
/// added any data file. Appends never conflict.
Status ValidateNoConflicts(TableIo& io,
                           const TableMetadata& current,
                           std::optional<int64_t> read_snapshot_id,
                           const SnapshotUpdate& update);

/// Returns a new data file URI as Athena lays them out:
/// `<write.data.path or location/data>/<partition path>/<uuid>.parquet`,
/// with a 6-hex-digit hash directory first when write.object-storage.enabled.
std::string NewDataFilePath(const TableMetadata& metadata,
                            std::string_view partition_path,
                            IdGenerator& ids,
                            std::string_view suffix = ".parquet");

}  // namespace stratus::formats::iceberg
