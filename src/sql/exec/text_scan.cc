#include "sql/exec/text_scan.h"

#include <algorithm>
#include <utility>

#include "formats/text/text_format_options.h"
#include "lake/lake.h"
#include "sql/engine/engine.h"
#include "sql/planner/logical_plan.h"

namespace stratus::sql::exec {

using formats::text::TextCompression;

Result<std::shared_ptr<TextScanPlan>> PlanTextScan(const plan::ScanNode& node,
                                                   lake::Lake* lake,
                                                   uint64_t split_bytes,
                                                   const functions::FunctionContext& context,
                                                   QueryProgress* progress,
                                                   std::atomic<uint64_t>* bytes_scanned) {
  const catalog::TableDescriptor& table = *node.table;
  auto plan = std::make_shared<TextScanPlan>();
  plan->lake = lake;
  plan->progress = progress;
  plan->bytes_scanned = bytes_scanned;
  plan->limit = node.limit.value_or(UINT64_MAX);
  plan->split_bytes = split_bytes == 0 ? kTextSplitBytes : split_bytes;
  STRATUS_ASSIGN_OR_RETURN(
      plan->split_template.format,
      formats::text::TextFormatOptionsFromProperties(table.serde_library, table.serde_properties,
                                                     table.table_properties));
  for (const catalog::ColumnDescriptor& column : table.columns) {
    plan->split_template.columns.push_back({.name = column.name, .type = column.type});
  }
  const size_t num_data = table.columns.size();
  for (size_t i = 0; i < node.table_columns.size(); ++i) {
    const size_t column = node.table_columns[i];
    ScanColumnSource source;
    if (column == plan::kScanPathColumn) {
      source.kind = ScanColumnSource::Kind::kPath;
      plan->output_types.push_back(node.columns[i].type);
    } else if (column < num_data) {
      std::vector<size_t>& projection = plan->split_template.projection;
      auto it = std::find(projection.begin(), projection.end(), column);
      source.index = static_cast<size_t>(it - projection.begin());
      if (it == projection.end()) {
        projection.push_back(column);
      }
      plan->output_types.push_back(table.columns[column].type);
    } else {
      source.kind = ScanColumnSource::Kind::kPartitionKey;
      source.index = column - num_data;
      plan->output_types.push_back(table.partition_keys[column - num_data].type);
    }
    plan->outputs.push_back(source);
  }
  STRATUS_ASSIGN_OR_RETURN(HiveTableFiles files, ListHiveTableFiles(node, lake, context));
  plan->partition_values = std::move(files.partition_values);
  for (const HiveTableFile& file : files.files) {
    const TextCompression compression = formats::text::CompressionForKey(file.uri);
    const uint64_t step = compression == TextCompression::kNone ? plan->split_bytes : file.size;
    for (uint64_t start = 0; start < file.size; start += step) {
      plan->splits.push_back(TextScanSplit{.uri = file.uri,
                                           .start = start,
                                           .end = std::min(file.size, start + step),
                                           .compression = compression,
                                           .partition = file.partition});
    }
  }
  if (progress != nullptr) {
    progress->splits_total.fetch_add(plan->splits.size());
  }
  return plan;
}

TextScanSource::TextScanSource(std::shared_ptr<TextScanPlan> plan) : plan_(std::move(plan)) {}

TextScanSource::~TextScanSource() = default;

Status TextScanSource::OpenNextSplit(bool* opened) {
  const size_t index = plan_->next_split.fetch_add(1);
  if (index >= plan_->splits.size()) {
    *opened = false;
    return Status::Ok();
  }
  split_ = &plan_->splits[index];
  STRATUS_ASSIGN_OR_RETURN(object_, plan_->lake->OpenReader(split_->uri));
  formats::text::TextSplit split = plan_->split_template;
  split.start = split_->start;
  split.end = split_->end;
  split.compression = split_->compression;
  STRATUS_ASSIGN_OR_RETURN(reader_, formats::text::TextSplitReader::Open(*object_, split));
  bytes_counted_ = 0;
  *opened = true;
  return Status::Ok();
}

void TextScanSource::CountBytes() {
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

Result<bool> TextScanSource::Next(Batch* out) {
  while (rows_ < plan_->limit) {
    if (reader_ == nullptr) {
      bool opened = false;
      STRATUS_RETURN_IF_ERROR(OpenNextSplit(&opened));
      if (!opened) {
        return false;
      }
    }
    Batch raw;
    STRATUS_ASSIGN_OR_RETURN(bool more, reader_->Next(&raw));
    CountBytes();
    if (!more) {
      reader_.reset();
      object_.reset();
      if (plan_->progress != nullptr) {
        plan_->progress->splits_done.fetch_add(1, std::memory_order_relaxed);
      }
      continue;
    }
    const size_t rows = raw.num_rows();
    if (rows == 0) {
      continue;
    }
    const std::vector<Value>& values = plan_->partition_values[split_->partition];
    std::vector<Vector> columns;
    columns.reserve(plan_->outputs.size());
    for (size_t c = 0; c < plan_->outputs.size(); ++c) {
      const ScanColumnSource& source = plan_->outputs[c];
      switch (source.kind) {
        case ScanColumnSource::Kind::kPartitionKey:
          columns.push_back(Vector::Constant(values[source.index], rows));
          break;
        case ScanColumnSource::Kind::kPath:
          columns.push_back(
              Vector::Constant(Value::FromString(plan_->output_types[c], split_->uri), rows));
          break;
        case ScanColumnSource::Kind::kData:
          columns.push_back(raw.column(source.index));
          break;
      }
    }
    *out = Batch(std::move(columns), rows);
    rows_ += rows;
    if (plan_->progress != nullptr) {
      plan_->progress->rows_scanned.fetch_add(rows, std::memory_order_relaxed);
    }
    return true;
  }
  return false;
}

}  // namespace stratus::sql::exec
