#include "formats/iceberg/snapshot_producer.h"

#include <algorithm>
#include <cstdlib>
#include <set>
#include <unordered_set>

#include "base/clock.h"
#include "base/format.h"
#include "base/random.h"
#include "formats/iceberg/manifest.h"
#include "formats/iceberg/metadata_file_internal.h"
#include "formats/iceberg/partition_types_internal.h"
#include "formats/iceberg/scan_planner.h"

namespace stratus::formats::iceberg {
namespace {

// Counts for the snapshot summary, as Java's SnapshotSummary.UpdateMetrics.
struct SummaryCounts {
  int64_t data_files = 0;
  int64_t delete_files = 0;
  int64_t position_delete_files = 0;
  int64_t equality_delete_files = 0;
  int64_t records = 0;
  int64_t files_size = 0;
  int64_t position_deletes = 0;
  int64_t equality_deletes = 0;

  void Add(const DataFile& file) {
    files_size += file.file_size_in_bytes;
    switch (file.content) {
      case FileContent::kData:
        ++data_files;
        records += file.record_count;
        break;
      case FileContent::kPositionDeletes:
        ++delete_files;
        ++position_delete_files;
        position_deletes += file.record_count;
        break;
      case FileContent::kEqualityDeletes:
        ++delete_files;
        ++equality_delete_files;
        equality_deletes += file.record_count;
        break;
    }
  }
};

std::string PartitionKeyOf(const DataFile& file) {
  std::string key = std::to_string(file.spec_id);
  for (const sql::Value& value : file.partition) {
    key += '\x1f';
    key += value.is_null() ? std::string("\x01") : value.ToString();
  }
  return key;
}

int64_t NewSnapshotId(const TableMetadata& base, IdGenerator& ids) {
  while (true) {
    const auto id = static_cast<int64_t>(ids.Next() & 0x7fffffffffffffffULL);
    if (id != 0 && base.FindSnapshot(id) == nullptr) {
      return id;
    }
  }
}

std::optional<int64_t> SummaryNumber(const Snapshot* snapshot, std::string_view key) {
  if (snapshot == nullptr) {
    return int64_t{0};
  }
  const std::string* value = snapshot->FindSummary(key);
  if (value == nullptr) {
    return std::nullopt;
  }
  return std::atoll(value->c_str());
}

// The state of a commit being built.
struct Producer {
  const CommitEnv& env;
  const TableMetadata& base;
  const SnapshotUpdate& update;
  int64_t snapshot_id = 0;
  int64_t sequence_number = 0;
  std::string commit_uuid = {};
  int manifest_count = 0;
  std::vector<ManifestFile> manifests = {};
  std::vector<std::string> written = {};
  SummaryCounts added = {};
  SummaryCounts removed = {};
  std::set<std::string> changed_partitions = {};

  std::string NextManifestPath() {
    return fmt::format("{}{}-m{}.avro", MetadataDirectory(base), commit_uuid, manifest_count++);
  }

  Status WriteEntries(const PartitionSpec& spec,
                      ManifestContent content,
                      const std::vector<ManifestEntry>& entries) {
    STRATUS_ASSIGN_OR_RETURN(std::vector<NestedField> partition_type, PartitionTypeOf(base, spec));
    Schema partition_schema = AllFieldsSchema(base);
    STRATUS_ASSIGN_OR_RETURN(WrittenManifest manifest,
                             WriteManifest(partition_schema, spec, entries,
                                           ManifestWriteOptions{.snapshot_id = snapshot_id,
                                                                .sequence_number = sequence_number,
                                                                .content = content}));
    manifest.file.manifest_path = NextManifestPath();
    STRATUS_RETURN_IF_ERROR(env.io->Write(manifest.file.manifest_path, manifest.bytes));
    written.push_back(manifest.file.manifest_path);
    manifests.push_back(std::move(manifest.file));
    return Status::Ok();
  }

  // Writes one manifest per spec for the added files of one content kind.
  Status WriteAdded(const std::vector<DataFile>& files, ManifestContent content) {
    std::map<int32_t, std::vector<ManifestEntry>> by_spec;
    for (const DataFile& file : files) {
      if (base.FindSpec(file.spec_id) == nullptr) {
        return Status::InvalidArgument(fmt::format("iceberg: {} names unknown partition spec {}",
                                                   file.file_path, file.spec_id));
      }
      added.Add(file);
      changed_partitions.insert(PartitionKeyOf(file));
      by_spec[file.spec_id].push_back(ManifestEntry{.status = EntryStatus::kAdded,
                                                    .snapshot_id = snapshot_id,
                                                    .sequence_number = std::nullopt,
                                                    .file_sequence_number = std::nullopt,
                                                    .data_file = file});
    }
    for (auto& [spec_id, entries] : by_spec) {
      STRATUS_RETURN_IF_ERROR(WriteEntries(*base.FindSpec(spec_id), content, entries));
    }
    return Status::Ok();
  }

  // Carries the parent's manifests over, rewriting those that lose files.
  Status CarryOver(const Snapshot* parent) {
    if (parent == nullptr) {
      return Status::Ok();
    }
    STRATUS_ASSIGN_OR_RETURN(std::string list_bytes, env.io->Read(parent->manifest_list));
    STRATUS_ASSIGN_OR_RETURN(std::vector<ManifestFile> parent_manifests,
                             ReadManifestList(list_bytes));
    std::unordered_set<std::string> remove(update.removed_data_files.begin(),
                                           update.removed_data_files.end());
    remove.insert(update.removed_delete_files.begin(), update.removed_delete_files.end());
    const size_t to_find = remove.size();
    size_t found = 0;
    const Schema all_fields = AllFieldsSchema(base);
    for (const ManifestFile& manifest : parent_manifests) {
      const bool live = manifest.added_files_count > 0 || manifest.existing_files_count > 0;
      if (remove.empty() || !live) {
        if (live) {
          manifests.push_back(manifest);
        }
        continue;
      }
      const PartitionSpec* spec = base.FindSpec(manifest.partition_spec_id);
      if (spec == nullptr) {
        return Status::Corruption("iceberg: manifest names an unknown partition spec");
      }
      STRATUS_ASSIGN_OR_RETURN(std::string bytes, env.io->Read(manifest.manifest_path));
      STRATUS_ASSIGN_OR_RETURN(std::vector<ManifestEntry> entries,
                               ReadManifest(bytes, manifest, *spec, all_fields));
      bool touched = false;
      std::vector<ManifestEntry> rewritten;
      for (ManifestEntry& entry : entries) {
        if (entry.status == EntryStatus::kDeleted) {
          continue;  // Deletions are kept only in the snapshot that made them.
        }
        if (remove.erase(entry.data_file.file_path) > 0) {
          touched = true;
          ++found;
          removed.Add(entry.data_file);
          changed_partitions.insert(PartitionKeyOf(entry.data_file));
          entry.status = EntryStatus::kDeleted;
          entry.snapshot_id = snapshot_id;
        } else {
          entry.status = EntryStatus::kExisting;
        }
        rewritten.push_back(std::move(entry));
      }
      if (!touched) {
        manifests.push_back(manifest);
        continue;
      }
      STRATUS_RETURN_IF_ERROR(WriteEntries(*spec, manifest.content, rewritten));
    }
    if (found != to_find) {
      return Status::FailedPrecondition(fmt::format(
          "iceberg: {} file(s) to remove are not live in the table (removed concurrently?)",
          to_find - found));
    }
    return Status::Ok();
  }

  Result<std::vector<std::pair<std::string, std::string>>> Summary(const Snapshot* parent) {
    std::vector<std::pair<std::string, std::string>> out = update.extra_summary;
    auto set_if = [&](bool condition, const char* key, int64_t value) {
      if (condition) {
        out.emplace_back(key, std::to_string(value));
      }
    };
    set_if(added.data_files > 0, "added-data-files", added.data_files);
    set_if(removed.data_files > 0, "deleted-data-files", removed.data_files);
    set_if(added.equality_delete_files > 0, "added-equality-delete-files",
           added.equality_delete_files);
    set_if(removed.equality_delete_files > 0, "removed-equality-delete-files",
           removed.equality_delete_files);
    set_if(added.position_delete_files > 0, "added-position-delete-files",
           added.position_delete_files);
    set_if(removed.position_delete_files > 0, "removed-position-delete-files",
           removed.position_delete_files);
    set_if(added.delete_files > 0, "added-delete-files", added.delete_files);
    set_if(removed.delete_files > 0, "removed-delete-files", removed.delete_files);
    set_if(added.records > 0, "added-records", added.records);
    set_if(removed.records > 0, "deleted-records", removed.records);
    set_if(added.files_size > 0, "added-files-size", added.files_size);
    set_if(removed.files_size > 0, "removed-files-size", removed.files_size);
    set_if(added.position_deletes > 0, "added-position-deletes", added.position_deletes);
    set_if(removed.position_deletes > 0, "removed-position-deletes", removed.position_deletes);
    set_if(added.equality_deletes > 0, "added-equality-deletes", added.equality_deletes);
    set_if(removed.equality_deletes > 0, "removed-equality-deletes", removed.equality_deletes);
    out.emplace_back("changed-partition-count", std::to_string(changed_partitions.size()));
    STRATUS_ASSIGN_OR_RETURN(SummaryCounts totals, Totals(parent));
    out.emplace_back("total-records", std::to_string(totals.records));
    out.emplace_back("total-files-size", std::to_string(totals.files_size));
    out.emplace_back("total-data-files", std::to_string(totals.data_files));
    out.emplace_back("total-delete-files", std::to_string(totals.delete_files));
    out.emplace_back("total-position-deletes", std::to_string(totals.position_deletes));
    out.emplace_back("total-equality-deletes", std::to_string(totals.equality_deletes));
    return out;
  }

  // The parent's totals (from its summary, or counted) plus added minus removed.
  Result<SummaryCounts> Totals(const Snapshot* parent) {
    SummaryCounts totals;
    const auto records = SummaryNumber(parent, "total-records");
    const auto size = SummaryNumber(parent, "total-files-size");
    const auto data_files = SummaryNumber(parent, "total-data-files");
    const auto delete_files = SummaryNumber(parent, "total-delete-files");
    const auto position = SummaryNumber(parent, "total-position-deletes");
    const auto equality = SummaryNumber(parent, "total-equality-deletes");
    if (records && size && data_files && delete_files && position && equality) {
      totals.records = *records;
      totals.files_size = *size;
      totals.data_files = *data_files;
      totals.delete_files = *delete_files;
      totals.position_deletes = *position;
      totals.equality_deletes = *equality;
    } else {
      STRATUS_ASSIGN_OR_RETURN(std::vector<ManifestEntry> live,
                               ReadLiveEntries(*env.io, base, *parent));
      for (const ManifestEntry& entry : live) {
        totals.Add(entry.data_file);
      }
    }
    totals.records += added.records - removed.records;
    totals.files_size += added.files_size - removed.files_size;
    totals.data_files += added.data_files - removed.data_files;
    totals.delete_files += added.delete_files - removed.delete_files;
    totals.position_deletes += added.position_deletes - removed.position_deletes;
    totals.equality_deletes += added.equality_deletes - removed.equality_deletes;
    return totals;
  }
};

const char* OperationOf(const SnapshotUpdate& update) {
  switch (update.kind) {
    case SnapshotUpdate::Kind::kAppend:
      return kOperationAppend;
    case SnapshotUpdate::Kind::kRowDelta:
      // Java's BaseRowDelta: only data added is an append, only deletes a delete.
      if (update.added_delete_files.empty() && update.removed_data_files.empty() &&
          update.removed_delete_files.empty()) {
        return kOperationAppend;
      }
      return update.added_data_files.empty() && update.removed_data_files.empty()
                 ? kOperationDelete
                 : kOperationOverwrite;
    case SnapshotUpdate::Kind::kRewrite:
      return kOperationReplace;
    case SnapshotUpdate::Kind::kDeleteFiles:
      return kOperationDelete;
  }
  return kOperationOverwrite;
}

Status CheckUpdate(const SnapshotUpdate& update) {
  for (const DataFile& file : update.added_data_files) {
    if (file.content != FileContent::kData) {
      return Status::InvalidArgument("iceberg: a delete file among the added data files");
    }
  }
  for (const DataFile& file : update.added_delete_files) {
    if (file.content == FileContent::kData) {
      return Status::InvalidArgument("iceberg: a data file among the added delete files");
    }
  }
  if (update.kind == SnapshotUpdate::Kind::kAppend &&
      (!update.added_delete_files.empty() || !update.removed_data_files.empty() ||
       !update.removed_delete_files.empty())) {
    return Status::InvalidArgument("iceberg: an append only adds data files");
  }
  return Status::Ok();
}

}  // namespace

Result<CommitResult> CommitSnapshot(const CommitEnv& env,
                                    const TableMetadata& base,
                                    std::string_view base_location,
                                    const SnapshotUpdate& update) {
  STRATUS_RETURN_IF_ERROR(CheckUpdate(update));
  Producer producer{.env = env, .base = base, .update = update};
  producer.snapshot_id = NewSnapshotId(base, *env.ids);
  producer.sequence_number = base.last_sequence_number + 1;
  producer.commit_uuid = env.ids->Uuid();
  const Snapshot* parent = base.current_snapshot();
  STRATUS_RETURN_IF_ERROR(producer.WriteAdded(update.added_data_files, ManifestContent::kData));
  STRATUS_RETURN_IF_ERROR(
      producer.WriteAdded(update.added_delete_files, ManifestContent::kDeletes));
  STRATUS_RETURN_IF_ERROR(producer.CarryOver(parent));
  STRATUS_ASSIGN_OR_RETURN(auto summary, producer.Summary(parent));

  const int64_t now = env.clock->NowMillis();
  Snapshot snapshot;
  snapshot.snapshot_id = producer.snapshot_id;
  if (parent != nullptr) {
    snapshot.parent_snapshot_id = parent->snapshot_id;
  }
  snapshot.sequence_number = producer.sequence_number;
  snapshot.timestamp_ms = std::max(now, base.last_updated_ms);
  snapshot.operation = OperationOf(update);
  snapshot.summary = std::move(summary);
  snapshot.schema_id = base.current_schema_id;
  snapshot.manifest_list = fmt::format("{}snap-{}-1-{}.avro", MetadataDirectory(base),
                                       producer.snapshot_id, producer.commit_uuid);
  STRATUS_ASSIGN_OR_RETURN(
      std::string list_bytes,
      WriteManifestList(producer.manifests,
                        ManifestListWriteOptions{.snapshot_id = snapshot.snapshot_id,
                                                 .parent_snapshot_id = snapshot.parent_snapshot_id,
                                                 .sequence_number = snapshot.sequence_number}));
  STRATUS_RETURN_IF_ERROR(env.io->Write(snapshot.manifest_list, list_bytes));
  producer.written.push_back(snapshot.manifest_list);

  TableMetadata next = base;
  next.last_sequence_number = snapshot.sequence_number;
  next.last_updated_ms = snapshot.timestamp_ms;
  next.current_snapshot_id = snapshot.snapshot_id;
  next.refs["main"] = SnapshotRef{.snapshot_id = snapshot.snapshot_id};
  next.snapshot_log.push_back(
      SnapshotLogEntry{.timestamp_ms = snapshot.timestamp_ms, .snapshot_id = snapshot.snapshot_id});
  next.snapshots.push_back(std::move(snapshot));
  LogPreviousMetadata(base, base_location, &next);
  STRATUS_ASSIGN_OR_RETURN(
      CommitResult result,
      WriteMetadataFile(env, std::move(next), MetadataFileVersion(base_location) + 1,
                        std::move(producer.written)));
  result.snapshot_id = result.metadata.current_snapshot_id;
  return result;
}

Result<CommitResult> CommitMetadata(const CommitEnv& env,
                                    const TableMetadata& base,
                                    std::string_view base_location,
                                    TableMetadata updated) {
  updated.last_updated_ms = std::max(env.clock->NowMillis(), base.last_updated_ms);
  LogPreviousMetadata(base, base_location, &updated);
  return WriteMetadataFile(env, std::move(updated), MetadataFileVersion(base_location) + 1, {});
}

Status ValidateNoConflicts(TableIo& io,
                           const TableMetadata& current,
                           std::optional<int64_t> read_snapshot_id,
                           const SnapshotUpdate& update) {
  if (update.kind == SnapshotUpdate::Kind::kAppend) {
    return Status::Ok();
  }
  std::unordered_set<std::string> touched(update.removed_data_files.begin(),
                                          update.removed_data_files.end());
  touched.insert(update.referenced_data_files.begin(), update.referenced_data_files.end());
  // The snapshots committed since the read, newest first.
  std::vector<const Snapshot*> newer;
  for (const Snapshot* snapshot = current.current_snapshot();
       snapshot != nullptr &&
       (!read_snapshot_id.has_value() || snapshot->snapshot_id != *read_snapshot_id);
       snapshot = snapshot->parent_snapshot_id.has_value()
                      ? current.FindSnapshot(*snapshot->parent_snapshot_id)
                      : nullptr) {
    newer.push_back(snapshot);
  }
  if (read_snapshot_id.has_value() && current.FindSnapshot(*read_snapshot_id) == nullptr) {
    return Status::FailedPrecondition(
        "iceberg: the snapshot this update read is gone (expired); retry the statement");
  }
  const Schema all_fields = AllFieldsSchema(current);
  for (const Snapshot* snapshot : newer) {
    STRATUS_ASSIGN_OR_RETURN(std::string list_bytes, io.Read(snapshot->manifest_list));
    STRATUS_ASSIGN_OR_RETURN(std::vector<ManifestFile> manifests, ReadManifestList(list_bytes));
    for (const ManifestFile& manifest : manifests) {
      if (manifest.added_snapshot_id != snapshot->snapshot_id) {
        continue;
      }
      const PartitionSpec* spec = current.FindSpec(manifest.partition_spec_id);
      if (spec == nullptr) {
        return Status::Corruption("iceberg: manifest names an unknown partition spec");
      }
      STRATUS_ASSIGN_OR_RETURN(std::string bytes, io.Read(manifest.manifest_path));
      STRATUS_ASSIGN_OR_RETURN(std::vector<ManifestEntry> entries,
                               ReadManifest(bytes, manifest, *spec, all_fields));
      for (const ManifestEntry& entry : entries) {
        if (entry.snapshot_id != snapshot->snapshot_id) {
          continue;
        }
        const DataFile& file = entry.data_file;
        if (update.fail_on_concurrent_data_files && entry.status == EntryStatus::kAdded &&
            file.content == FileContent::kData) {
          return Status::FailedPrecondition(
              fmt::format("iceberg: conflict: snapshot {} added data file {}",
                          snapshot->snapshot_id, file.file_path));
        }
        if (entry.status == EntryStatus::kDeleted && touched.count(file.file_path) > 0) {
          return Status::FailedPrecondition(fmt::format("iceberg: conflict: snapshot {} removed {}",
                                                        snapshot->snapshot_id, file.file_path));
        }
        if (entry.status == EntryStatus::kAdded && file.content != FileContent::kData &&
            !touched.empty()) {
          auto lower = file.lower_bounds.find(kDeleteFilePathFieldId);
          auto upper = file.upper_bounds.find(kDeleteFilePathFieldId);
          const bool names_one = lower != file.lower_bounds.end() &&
                                 upper != file.upper_bounds.end() && lower->second == upper->second;
          if (file.content == FileContent::kEqualityDeletes || !names_one ||
              touched.count(lower->second) > 0) {
            return Status::FailedPrecondition(
                fmt::format("iceberg: conflict: snapshot {} added deletes to files this update "
                            "changes",
                            snapshot->snapshot_id));
          }
        }
      }
    }
  }
  return Status::Ok();
}

std::string NewDataFilePath(const TableMetadata& metadata,
                            std::string_view partition_path,
                            IdGenerator& ids,
                            std::string_view suffix) {
  std::string_view location = metadata.location;
  while (location.ends_with('/')) {
    location.remove_suffix(1);
  }
  const bool object_storage = metadata.Property("write.object-storage.enabled") == "true";
  std::string base = metadata.Property("write.data.path");
  if (base.empty() && object_storage) {
    base = metadata.Property("write.object-storage.path");
  }
  if (base.empty()) {
    base = std::string(location) + "/data";
  }
  while (base.ends_with('/')) {
    base.pop_back();
  }
  std::string path = base;
  if (object_storage) {
    // Athena spreads files over 6-character directories ("data/sNoYhg/...").
    static constexpr char kAlphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::string hash;
    for (int i = 0; i < 6; ++i) {
      hash.push_back(kAlphabet[ids.Uniform(sizeof(kAlphabet) - 1)]);
    }
    path += "/" + hash;
  }
  if (!partition_path.empty()) {
    path += "/" + std::string(partition_path);
  }
  return path + "/" + ids.Uuid() + std::string(suffix);
}

}  // namespace stratus::formats::iceberg
