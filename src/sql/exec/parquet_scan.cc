#include "sql/exec/parquet_scan.h"

#include <algorithm>
#include <cctype>
#include <mutex>
#include <utility>

#include "formats/parquet/parquet_split_reader.h"
#include "lake/lake.h"
#include "sql/engine/engine.h"
#include "sql/exec/executor.h"
#include "sql/exec/hive_table_files.h"
#include "sql/exec/statistics_pruning.h"
#include "sql/planner/logical_plan.h"
#include "sql/types/sql_error.h"
#include "sql/vector/batch.h"

namespace stratus::sql::exec {
namespace {

using formats::parquet::ColumnStatistics;
using formats::parquet::FileMetaData;
using formats::parquet::RowGroupInfo;

// The footer read ReadParquetFooter does: the last 64 KiB (or the file).
constexpr uint64_t kFooterReadBytes = 64 * 1024;

bool SameName(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool ContainsIgnoringCase(std::string_view text, std::string_view word) {
  if (word.size() > text.size()) {
    return false;
  }
  for (size_t i = 0; i + word.size() <= text.size(); ++i) {
    if (SameName(text.substr(i, word.size()), word)) {
      return true;
    }
  }
  return false;
}

// AWS: Athena reports a file it cannot read as HIVE_CANNOT_OPEN_SPLIT and a
// column it cannot read as the table's type as HIVE_BAD_DATA, naming the file.
Status FileError(const Status& status, const std::string& uri) {
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
      return SqlError(kHiveBadData, status.message() + " (" + uri + ")");
    case StatusCode::kCorruption:
      return SqlError(kHiveCannotOpenSplit,
                      "Error opening Hive split " + uri + ": " + status.message());
    case StatusCode::kNotImplemented:
      return SqlError(kNotSupported, status.message() + " (" + uri + ")");
    default:
      return status;
  }
}

// Per output column, the statistics entry of a row group that describes it.
std::vector<std::optional<size_t>> StatisticsColumns(const ParquetScanSpec& spec,
                                                     const RowGroupInfo& group) {
  std::vector<std::optional<size_t>> out(spec.columns.size());
  for (size_t c = 0; c < spec.columns.size(); ++c) {
    const FileScanColumn& column = spec.columns[c];
    if (column.kind != FileColumnKind::kFile) {
      continue;
    }
    for (size_t s = 0; s < group.columns.size(); ++s) {
      const ColumnStatistics& statistics = group.columns[s];
      const bool match = column.field_id.has_value() ? statistics.field_id == column.field_id
                                                     : SameName(statistics.name, column.name);
      if (match) {
        out[c] = s;
        break;
      }
    }
  }
  return out;
}

// What the statistics say about each output column of one row group.
std::vector<ColumnRange> RangesOf(const ParquetScanSpec& spec,
                                  const ParquetFileTask& task,
                                  const RowGroupInfo& group,
                                  const std::vector<std::optional<size_t>>& statistics_columns,
                                  int64_t first_row) {
  std::vector<ColumnRange> ranges(spec.columns.size());
  for (size_t c = 0; c < spec.columns.size(); ++c) {
    const FileScanColumn& column = spec.columns[c];
    ColumnRange& range = ranges[c];
    switch (column.kind) {
      case FileColumnKind::kFile:
        if (statistics_columns[c].has_value()) {
          const ColumnStatistics& statistics = group.columns[*statistics_columns[c]];
          range.min = statistics.min;
          range.max = statistics.max;
          range.null_count = statistics.null_count;
        } else {
          range.null_count = group.num_rows;  // Not in the file: all NULL.
        }
        break;
      case FileColumnKind::kConstant:
        if (column.constant_index < task.constants.size()) {
          const Value& value = task.constants[column.constant_index];
          range.null_count = value.is_null() ? group.num_rows : 0;
          if (!value.is_null()) {
            range.min = value;
            range.max = value;
          }
        }
        break;
      case FileColumnKind::kFilePath:
        range.min = Value::Varchar(task.uri);
        range.max = range.min;
        range.null_count = 0;
        break;
      case FileColumnKind::kRowPosition:
        range.min = Value::Bigint(first_row);
        range.max = Value::Bigint(first_row + std::max<int64_t>(group.num_rows, 1) - 1);
        range.null_count = 0;
        break;
    }
  }
  return ranges;
}

uint64_t CompressedBytes(const formats::parquet::RowGroup& group) {
  uint64_t bytes = 0;
  for (const formats::parquet::ColumnChunk& chunk : group.columns) {
    if (chunk.meta_data.has_value() && chunk.meta_data->total_compressed_size > 0) {
      bytes += static_cast<uint64_t>(chunk.meta_data->total_compressed_size);
    }
  }
  return bytes;
}

// What planning one file produced.
struct PlannedFile {
  std::shared_ptr<const FileMetaData> footer;
  std::vector<int64_t> starts;
  std::vector<ParquetScanSplit> splits;
  uint64_t row_groups_total = 0;
  uint64_t row_groups_skipped = 0;
  uint64_t footer_bytes = 0;
};

Result<PlannedFile> PlanFile(lake::Lake* lake,
                             const ParquetScanSpec& spec,
                             size_t file_index,
                             uint64_t split_bytes) {
  const ParquetFileTask& task = spec.files[file_index];
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<lake::ObjectReader> object, lake->OpenReader(task.uri));
  Result<FileMetaData> footer = formats::parquet::ReadParquetFooter(*object);
  if (!footer.ok()) {
    return FileError(footer.status(), task.uri);
  }
  PlannedFile planned;
  planned.footer_bytes = std::min(object->size(), kFooterReadBytes);
  planned.footer = std::make_shared<const FileMetaData>(std::move(*footer));
  const FileMetaData& metadata = *planned.footer;
  int64_t start = 0;
  for (const formats::parquet::RowGroup& group : metadata.row_groups) {
    planned.starts.push_back(start);
    start += group.num_rows;
  }
  std::vector<RowGroupInfo> groups;
  if (!spec.filters.empty()) {
    STRATUS_ASSIGN_OR_RETURN(groups, formats::parquet::ListRowGroups(metadata));
  }
  std::vector<size_t> wanted;
  if (task.row_groups.has_value()) {
    for (size_t group : *task.row_groups) {
      if (group >= metadata.row_groups.size()) {
        return Status::InvalidArgument("parquet: " + task.uri + " has no row group " +
                                       std::to_string(group));
      }
      wanted.push_back(group);
    }
  } else {
    for (size_t group = 0; group < metadata.row_groups.size(); ++group) {
      wanted.push_back(group);
    }
  }
  std::vector<std::optional<size_t>> statistics_columns;
  ParquetScanSplit split{.file = file_index, .row_groups = {}, .compressed_bytes = 0};
  for (size_t group : wanted) {
    ++planned.row_groups_total;
    if (!groups.empty()) {
      // Per group: a group whose chunk lacks metadata lists fewer columns.
      statistics_columns = StatisticsColumns(spec, groups[group]);
      const std::vector<ColumnRange> ranges =
          RangesOf(spec, task, groups[group], statistics_columns, planned.starts[group]);
      if (!MayMatch(spec.filters, ranges, groups[group].num_rows)) {
        ++planned.row_groups_skipped;
        continue;
      }
    }
    split.row_groups.push_back(group);
    split.compressed_bytes += CompressedBytes(metadata.row_groups[group]);
    if (split.compressed_bytes >= split_bytes) {
      planned.splits.push_back(std::move(split));
      split = ParquetScanSplit{.file = file_index, .row_groups = {}, .compressed_bytes = 0};
    }
  }
  if (!split.row_groups.empty()) {
    planned.splits.push_back(std::move(split));
  }
  return planned;
}

}  // namespace

bool IsParquetTable(const std::string& serde_library, const std::string& input_format) {
  return ContainsIgnoringCase(serde_library, "parquet") ||
         ContainsIgnoringCase(input_format, "parquet");
}

Result<std::shared_ptr<ParquetScanPlan>> PlanParquetFileScan(ParquetScanSpec spec,
                                                             lake::Lake* lake,
                                                             const ParallelRunner& parallel_for,
                                                             QueryProgress* progress,
                                                             std::atomic<uint64_t>* bytes_scanned,
                                                             ScanCounters* counters) {
  auto plan = std::make_shared<ParquetScanPlan>();
  plan->lake = lake;
  plan->progress = progress;
  plan->bytes_scanned = bytes_scanned;
  plan->spec = std::move(spec);
  const ParquetScanSpec& planned_spec = plan->spec;
  const uint64_t split_bytes =
      planned_spec.split_bytes == 0 ? kParquetSplitBytes : planned_spec.split_bytes;
  const size_t num_files = planned_spec.files.size();
  std::vector<PlannedFile> files(num_files);
  STRATUS_RETURN_IF_ERROR(parallel_for(num_files, [&](size_t i) -> Status {
    STRATUS_ASSIGN_OR_RETURN(files[i], PlanFile(lake, planned_spec, i, split_bytes));
    return Status::Ok();
  }));
  uint64_t footer_bytes = 0;
  for (PlannedFile& file : files) {
    plan->footers.push_back(file.splits.empty() ? nullptr : std::move(file.footer));
    plan->row_group_starts.push_back(std::move(file.starts));
    for (ParquetScanSplit& split : file.splits) {
      plan->splits.push_back(std::move(split));
    }
    plan->row_groups_total += file.row_groups_total;
    plan->row_groups_skipped += file.row_groups_skipped;
    footer_bytes += file.footer_bytes;
  }
  if (bytes_scanned != nullptr) {
    bytes_scanned->fetch_add(footer_bytes, std::memory_order_relaxed);
  }
  if (progress != nullptr) {
    progress->bytes_scanned.fetch_add(footer_bytes, std::memory_order_relaxed);
    progress->splits_total.fetch_add(plan->splits.size());
  }
  if (counters != nullptr) {
    counters->files.fetch_add(num_files, std::memory_order_relaxed);
    counters->row_groups_read.fetch_add(plan->row_groups_total - plan->row_groups_skipped,
                                        std::memory_order_relaxed);
    counters->row_groups_skipped.fetch_add(plan->row_groups_skipped, std::memory_order_relaxed);
  }
  return plan;
}

Result<std::shared_ptr<ParquetScanPlan>> PlanHiveParquetScan(
    const plan::ScanNode& node,
    lake::Lake* lake,
    uint64_t split_bytes,
    const functions::FunctionContext& context,
    const ParallelRunner& parallel_for,
    QueryProgress* progress,
    std::atomic<uint64_t>* bytes_scanned,
    ScanCounters* counters) {
  const catalog::TableDescriptor& table = *node.table;
  const size_t num_data = table.columns.size();
  ParquetScanSpec spec;
  spec.split_bytes = split_bytes;
  spec.limit = node.limit.value_or(UINT64_MAX);
  spec.filters = node.filters;
  for (size_t i = 0; i < node.table_columns.size(); ++i) {
    const size_t column = node.table_columns[i];
    FileScanColumn out{.kind = FileColumnKind::kFile,
                       .type = node.columns[i].type,
                       .name = {},
                       .field_id = std::nullopt,
                       .constant_index = 0};
    if (column == plan::kScanPathColumn) {
      out.kind = FileColumnKind::kFilePath;
    } else if (column < num_data) {
      out.name = table.columns[column].name;
      out.type = table.columns[column].type;
    } else {
      out.kind = FileColumnKind::kConstant;
      out.constant_index = column - num_data;
      out.type = table.partition_keys[column - num_data].type;
    }
    spec.columns.push_back(std::move(out));
  }
  STRATUS_ASSIGN_OR_RETURN(HiveTableFiles files, ListHiveTableFiles(node, lake, context));
  for (HiveTableFile& file : files.files) {
    spec.files.push_back({.uri = std::move(file.uri),
                          .size = file.size,
                          .constants = files.partition_values[file.partition],
                          .row_groups = std::nullopt,
                          .deleted_positions = nullptr});
  }
  return PlanParquetFileScan(std::move(spec), lake, parallel_for, progress, bytes_scanned,
                             counters);
}

ParquetScanSource::ParquetScanSource(std::shared_ptr<ParquetScanPlan> plan)
    : plan_(std::move(plan)) {
  size_t next = 0;
  for (const FileScanColumn& column : plan_->spec.columns) {
    file_column_index_.push_back(column.kind == FileColumnKind::kFile ? next++ : SIZE_MAX);
  }
}

ParquetScanSource::~ParquetScanSource() = default;

Status ParquetScanSource::OpenNextSplit(bool* opened) {
  const size_t index = plan_->next_split.fetch_add(1);
  if (index >= plan_->splits.size()) {
    *opened = false;
    return Status::Ok();
  }
  split_ = &plan_->splits[index];
  const ParquetFileTask& task = plan_->spec.files[split_->file];
  STRATUS_ASSIGN_OR_RETURN(object_, plan_->lake->OpenReader(task.uri));
  formats::parquet::ParquetSplit split;
  for (const FileScanColumn& column : plan_->spec.columns) {
    if (column.kind == FileColumnKind::kFile) {
      split.columns.push_back(
          {.name = column.name, .type = column.type, .field_id = column.field_id});
    }
  }
  split.row_groups = split_->row_groups;
  split.footer = plan_->footers[split_->file];
  Result<std::unique_ptr<formats::parquet::ParquetSplitReader>> reader =
      formats::parquet::ParquetSplitReader::Open(*object_, std::move(split));
  if (!reader.ok()) {
    return FileError(reader.status(), task.uri);
  }
  reader_ = std::move(*reader);
  bytes_counted_ = 0;
  *opened = true;
  return Status::Ok();
}

void ParquetScanSource::CountBytes() {
  const uint64_t read = reader_->bytes_read();
  const uint64_t delta = read - bytes_counted_;
  bytes_counted_ = read;
  if (plan_->bytes_scanned != nullptr) {
    plan_->bytes_scanned->fetch_add(delta, std::memory_order_relaxed);
  }
  if (plan_->progress != nullptr) {
    plan_->progress->bytes_scanned.fetch_add(delta, std::memory_order_relaxed);
  }
}

Batch ParquetScanSource::Assemble(Batch raw, int64_t first_position) {
  const size_t rows = raw.num_rows();
  const ParquetFileTask& task = plan_->spec.files[split_->file];
  std::vector<Vector> columns;
  columns.reserve(plan_->spec.columns.size());
  for (size_t c = 0; c < plan_->spec.columns.size(); ++c) {
    const FileScanColumn& column = plan_->spec.columns[c];
    switch (column.kind) {
      case FileColumnKind::kFile:
        columns.push_back(raw.column(file_column_index_[c]));
        break;
      case FileColumnKind::kConstant:
        columns.push_back(Vector::Constant(task.constants[column.constant_index], rows));
        break;
      case FileColumnKind::kFilePath:
        columns.push_back(Vector::Constant(Value::FromString(column.type, task.uri), rows));
        break;
      case FileColumnKind::kRowPosition: {
        Vector positions(LogicalType::Bigint(), rows);
        auto* values = positions.mutable_values<int64_t>();
        for (size_t i = 0; i < rows; ++i) {
          values[i] = first_position + static_cast<int64_t>(i);
        }
        positions.set_size(rows);
        columns.push_back(std::move(positions));
        break;
      }
    }
  }
  Batch batch(std::move(columns), rows);
  if (task.deleted_positions == nullptr || task.deleted_positions->empty()) {
    return batch;
  }
  const std::vector<int64_t>& deleted = *task.deleted_positions;
  auto it = std::lower_bound(deleted.begin(), deleted.end(), first_position);
  const int64_t end = first_position + static_cast<int64_t>(rows);
  if (it == deleted.end() || *it >= end) {
    return batch;
  }
  SelectionVector kept;
  for (size_t i = 0; i < rows; ++i) {
    const int64_t position = first_position + static_cast<int64_t>(i);
    while (it != deleted.end() && *it < position) {
      ++it;
    }
    if (it != deleted.end() && *it == position) {
      continue;
    }
    kept.Append(static_cast<uint32_t>(i));
  }
  return batch.Select(kept);
}

Result<bool> ParquetScanSource::Next(Batch* out) {
  while (rows_ < plan_->spec.limit) {
    if (reader_ == nullptr) {
      bool opened = false;
      STRATUS_RETURN_IF_ERROR(OpenNextSplit(&opened));
      if (!opened) {
        return false;
      }
    }
    Batch raw;
    Result<bool> more = reader_->Next(&raw);
    if (!more.ok()) {
      return FileError(more.status(), plan_->spec.files[split_->file].uri);
    }
    CountBytes();
    if (!*more) {
      reader_.reset();
      object_.reset();
      if (plan_->progress != nullptr) {
        plan_->progress->splits_done.fetch_add(1, std::memory_order_relaxed);
      }
      continue;
    }
    if (raw.num_rows() == 0) {
      continue;
    }
    const size_t read = raw.num_rows();
    Batch batch = Assemble(std::move(raw), reader_->batch_position());
    if (plan_->progress != nullptr) {
      plan_->progress->rows_scanned.fetch_add(read, std::memory_order_relaxed);
    }
    if (batch.num_rows() == 0) {
      continue;
    }
    rows_ += batch.num_rows();
    *out = std::move(batch);
    return true;
  }
  return false;
}

}  // namespace stratus::sql::exec
