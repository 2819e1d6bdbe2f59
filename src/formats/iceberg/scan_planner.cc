#include "formats/iceberg/scan_planner.h"

#include <unordered_map>
#include <utility>

#include "base/format.h"
#include "formats/iceberg/manifest.h"
#include "formats/iceberg/partition_types_internal.h"
#include "formats/iceberg/single_value.h"
#include "formats/iceberg/table_loader.h"

namespace stratus::formats::iceberg {
namespace {

// A key identifying a partition of a spec, for grouping delete files.
std::string PartitionKey(int32_t spec_id, const std::vector<sql::Value>& partition) {
  std::string key = std::to_string(spec_id);
  for (const sql::Value& value : partition) {
    key += '\x1f';
    key += value.is_null() ? std::string("\x01") : value.ToString();
  }
  return key;
}

Result<FileStatsView> ManifestView(const ManifestFile& manifest,
                                   const PartitionSpec& spec,
                                   const std::vector<NestedField>& partition_type) {
  FileStatsView view;
  view.is_manifest = true;
  view.spec = &spec;
  for (size_t i = 0; i < spec.fields.size() && i < partition_type.size(); ++i) {
    PartitionFieldRange range;
    range.field = &spec.fields[i];
    range.result_type = partition_type[i].type;
    if (i < manifest.partitions.size()) {
      const PartitionFieldSummary& summary = manifest.partitions[i];
      range.contains_null = summary.contains_null;
      if (summary.lower_bound.has_value()) {
        auto lower = DeserializeSingleValue(*summary.lower_bound, range.result_type);
        if (lower.ok()) {
          range.lower = std::move(*lower);
        }
      }
      if (summary.upper_bound.has_value()) {
        auto upper = DeserializeSingleValue(*summary.upper_bound, range.result_type);
        if (upper.ok()) {
          range.upper = std::move(*upper);
        }
      }
    } else {
      range.contains_null = true;  // No summary: assume anything.
    }
    view.partition.push_back(std::move(range));
  }
  return view;
}

FileStatsView FileView(const DataFile& file,
                       const PartitionSpec& spec,
                       const std::vector<NestedField>& partition_type,
                       const Schema& schema) {
  FileStatsView view;
  view.spec = &spec;
  for (size_t i = 0; i < spec.fields.size() && i < partition_type.size(); ++i) {
    PartitionFieldRange range;
    range.field = &spec.fields[i];
    range.result_type = partition_type[i].type;
    if (i < file.partition.size() && !file.partition[i].is_null()) {
      range.lower = file.partition[i];
      range.upper = file.partition[i];
    } else {
      range.contains_null = true;
    }
    view.partition.push_back(std::move(range));
  }
  view.columns = DecodeColumnStats(file, schema);
  view.record_count = file.record_count;
  return view;
}

// The data file a position delete file names in its file_path bounds, if it names only one.
std::optional<std::string> SingleReferencedFile(const DataFile& file) {
  auto lower = file.lower_bounds.find(kDeleteFilePathFieldId);
  auto upper = file.upper_bounds.find(kDeleteFilePathFieldId);
  if (lower != file.lower_bounds.end() && upper != file.upper_bounds.end() &&
      lower->second == upper->second) {
    return lower->second;
  }
  return std::nullopt;
}

struct ManifestContext {
  const PartitionSpec* spec = nullptr;
  std::vector<NestedField> partition_type;
};

Result<ManifestContext> ContextFor(const TableMetadata& metadata, const ManifestFile& manifest) {
  ManifestContext context;
  context.spec = metadata.FindSpec(manifest.partition_spec_id);
  if (context.spec == nullptr) {
    return Status::Corruption(fmt::format("iceberg: manifest {} names unknown spec {}",
                                          manifest.manifest_path, manifest.partition_spec_id));
  }
  STRATUS_ASSIGN_OR_RETURN(context.partition_type, PartitionTypeOf(metadata, *context.spec));
  return context;
}

Result<std::vector<ManifestEntry>> ReadEntries(TableIo& io,
                                               const TableMetadata& metadata,
                                               const ManifestFile& manifest,
                                               const ManifestContext& context) {
  STRATUS_ASSIGN_OR_RETURN(std::string bytes, io.Read(manifest.manifest_path));
  const Schema all_fields = AllFieldsSchema(metadata);
  return ReadManifest(bytes, manifest, *context.spec, all_fields);
}

}  // namespace

Schema AllFieldsSchema(const TableMetadata& metadata) {
  Schema out = metadata.current_schema();
  // Newest schemas first, so a reused name takes its latest type.
  for (size_t i = metadata.schemas.size(); i-- > 0;) {
    for (const NestedField& field : metadata.schemas[i].fields) {
      if (out.FindField(field.id) == nullptr) {
        out.fields.push_back(field);
      }
    }
  }
  return out;
}

Result<std::vector<NestedField>> PartitionTypeOf(const TableMetadata& metadata,
                                                 const PartitionSpec& spec) {
  return PartitionType(spec, AllFieldsSchema(metadata));
}

Result<ScanPlan> PlanScan(TableIo& io,
                          const TableMetadata& metadata,
                          const Snapshot* snapshot,
                          const ScanFilter* filter) {
  ScanPlan plan;
  if (snapshot == nullptr) {
    return plan;
  }
  const Schema& schema = SchemaForSnapshot(metadata, snapshot);
  STRATUS_ASSIGN_OR_RETURN(std::string list_bytes, io.Read(snapshot->manifest_list));
  STRATUS_ASSIGN_OR_RETURN(std::vector<ManifestFile> manifests, ReadManifestList(list_bytes));
  std::vector<ManifestEntry> deletes;
  for (const ManifestFile& manifest : manifests) {
    ++plan.manifests_total;
    STRATUS_ASSIGN_OR_RETURN(ManifestContext context, ContextFor(metadata, manifest));
    if (manifest.content == ManifestContent::kData && filter != nullptr) {
      STRATUS_ASSIGN_OR_RETURN(FileStatsView view,
                               ManifestView(manifest, *context.spec, context.partition_type));
      if (!filter->MayMatch(view)) {
        ++plan.manifests_skipped;
        continue;
      }
    }
    STRATUS_ASSIGN_OR_RETURN(std::vector<ManifestEntry> entries,
                             ReadEntries(io, metadata, manifest, context));
    for (ManifestEntry& entry : entries) {
      if (entry.status == EntryStatus::kDeleted) {
        continue;
      }
      if (entry.data_file.content != FileContent::kData) {
        deletes.push_back(std::move(entry));
        continue;
      }
      if (filter != nullptr && !filter->MayMatch(FileView(entry.data_file, *context.spec,
                                                          context.partition_type, schema))) {
        ++plan.data_files_skipped;
        continue;
      }
      plan.tasks.push_back(FileScanTask{.data = std::move(entry)});
    }
  }
  // Index the delete files by partition; global equality deletes apart.
  std::unordered_map<std::string, std::vector<const ManifestEntry*>> by_partition;
  std::vector<const ManifestEntry*> global_equality;
  for (const ManifestEntry& entry : deletes) {
    const PartitionSpec* spec = metadata.FindSpec(entry.data_file.spec_id);
    if (entry.data_file.content == FileContent::kEqualityDeletes && spec != nullptr &&
        spec->is_unpartitioned()) {
      global_equality.push_back(&entry);
    } else {
      by_partition[PartitionKey(entry.data_file.spec_id, entry.data_file.partition)].push_back(
          &entry);
    }
  }
  for (FileScanTask& task : plan.tasks) {
    const int64_t data_sequence = task.data.sequence_number.value_or(0);
    auto apply = [&](const ManifestEntry& del) {
      const int64_t delete_sequence = del.sequence_number.value_or(0);
      if (del.data_file.content == FileContent::kPositionDeletes) {
        if (data_sequence > delete_sequence) {
          return;
        }
        std::optional<std::string> only = SingleReferencedFile(del.data_file);
        if (only.has_value() && *only != task.data.data_file.file_path) {
          return;
        }
        task.position_deletes.push_back(del);
      } else if (data_sequence < delete_sequence) {
        task.equality_deletes.push_back(del);
      }
    };
    auto it =
        by_partition.find(PartitionKey(task.data.data_file.spec_id, task.data.data_file.partition));
    if (it != by_partition.end()) {
      for (const ManifestEntry* del : it->second) {
        apply(*del);
      }
    }
    for (const ManifestEntry* del : global_equality) {
      apply(*del);
    }
  }
  return plan;
}

Result<std::vector<ManifestEntry>> ReadLiveEntries(TableIo& io,
                                                   const TableMetadata& metadata,
                                                   const Snapshot& snapshot) {
  STRATUS_ASSIGN_OR_RETURN(std::string list_bytes, io.Read(snapshot.manifest_list));
  STRATUS_ASSIGN_OR_RETURN(std::vector<ManifestFile> manifests, ReadManifestList(list_bytes));
  std::vector<ManifestEntry> out;
  for (const ManifestFile& manifest : manifests) {
    STRATUS_ASSIGN_OR_RETURN(ManifestContext context, ContextFor(metadata, manifest));
    STRATUS_ASSIGN_OR_RETURN(std::vector<ManifestEntry> entries,
                             ReadEntries(io, metadata, manifest, context));
    for (ManifestEntry& entry : entries) {
      if (entry.status != EntryStatus::kDeleted) {
        out.push_back(std::move(entry));
      }
    }
  }
  return out;
}

}  // namespace stratus::formats::iceberg
