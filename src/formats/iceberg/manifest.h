#pragma once

// Manifests and manifest lists as Avro container files, read and written
// with the spec's v2 Avro schemas and field ids (docs/formats/iceberg.md).
// Manifests carry the metadata keys "schema", "schema-id",
// "partition-spec", "partition-spec-id", "format-version" and "content";
// manifest lists "snapshot-id", "parent-snapshot-id", "sequence-number"
// and "format-version". v1 files (no content or sequence numbers) read too.
//
// Thread safety: free functions.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "formats/iceberg/data_file.h"
#include "formats/iceberg/partition_spec.h"
#include "formats/iceberg/schema.h"

namespace stratus::formats::iceberg {

/// A manifest's bytes and its manifest-list record (manifest_path left for
/// the caller; manifest_length is the byte size).
struct WrittenManifest {
  std::string bytes = {};
  ManifestFile file = {};
};

struct ManifestWriteOptions {
  /// The snapshot the manifest is written for (added_snapshot_id).
  int64_t snapshot_id = 0;
  /// The snapshot's sequence number: ADDED entries without one get it in the
  /// list record (and are written as null, to inherit it).
  int64_t sequence_number = 0;
  ManifestContent content = ManifestContent::kData;
};

/// Writes entries (all of one spec and one content kind) as a manifest.
/// Also computes the manifest list record: counts, min sequence number and
/// partition summaries.
Result<WrittenManifest> WriteManifest(const Schema& schema,
                                      const PartitionSpec& spec,
                                      std::span<const ManifestEntry> entries,
                                      const ManifestWriteOptions& options);

/// Reads a manifest. Entries get snapshot_id and sequence numbers inherited
/// from `file` when null (spec "Sequence Number Inheritance"), spec_id from
/// it, and partition values typed through `spec` over `schema`.
Result<std::vector<ManifestEntry>> ReadManifest(std::string_view bytes,
                                                const ManifestFile& file,
                                                const PartitionSpec& spec,
                                                const Schema& schema);

struct ManifestListWriteOptions {
  int64_t snapshot_id = 0;
  std::optional<int64_t> parent_snapshot_id = std::nullopt;
  int64_t sequence_number = 0;
};

/// Writes a manifest list.
Result<std::string> WriteManifestList(std::span<const ManifestFile> manifests,
                                      const ManifestListWriteOptions& options);

/// Reads a manifest list (v1 lists get content data and sequence number 0).
Result<std::vector<ManifestFile>> ReadManifestList(std::string_view bytes);

/// The Avro schema JSON of a v2 manifest for a partition type (for tests and docs).
std::string ManifestAvroSchema(const std::vector<NestedField>& partition_type);
/// The Avro schema JSON of a v2 manifest list.
std::string ManifestListAvroSchema();

}  // namespace stratus::formats::iceberg
