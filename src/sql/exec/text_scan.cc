#include "sql/exec/text_scan.h"

#include <algorithm>
#include <utility>

#include "formats/text/text_format_options.h"
#include "formats/text/text_value_parser.h"
#include "lake/lake.h"
#include "lake/object_uri.h"
#include "sql/engine/engine.h"
#include "sql/exec/expression_evaluator.h"
#include "sql/planner/logical_plan.h"
#include "sql/types/decimal.h"

namespace stratus::sql::exec {
namespace {

using formats::text::TextCompression;

constexpr std::string_view kDefaultPartition = "__HIVE_DEFAULT_PARTITION__";

// Returns true when some path component of `key` after `prefix` starts with
// '_' or '.' (Hive's hidden files: _SUCCESS, .crc, _temporary/...).
bool IsHidden(std::string_view key, size_t prefix_size) {
  std::string_view rest = key.substr(std::min(prefix_size, key.size()));
  while (!rest.empty()) {
    const size_t slash = rest.find('/');
    const std::string_view component = rest.substr(0, slash);
    if (!component.empty() && (component[0] == '_' || component[0] == '.')) {
      return true;
    }
    if (slash == std::string_view::npos) {
      break;
    }
    rest.remove_prefix(slash + 1);
  }
  return false;
}

std::string WithSlash(std::string location) {
  if (!location.empty() && location.back() != '/') {
    location.push_back('/');
  }
  return location;
}

Status ListSplits(TextScanPlan& plan, const std::string& location, size_t partition) {
  const std::string prefix = WithSlash(location);
  STRATUS_ASSIGN_OR_RETURN(lake::ObjectUri parsed, lake::ParseObjectUri(prefix));
  lake::ListOptions options;
  while (true) {
    Result<lake::ListPage> page = plan.lake->List(prefix, options);
    if (!page.ok()) {
      if (page.status().code() == StatusCode::kNotFound) {
        return Status::Ok();  // A missing location reads as empty, as in Athena.
      }
      return page.status();
    }
    for (const lake::ObjectInfo& object : page->objects) {
      if (object.size == 0 || object.key.ends_with('/') ||
          IsHidden(object.key, parsed.key.size())) {
        continue;
      }
      lake::ObjectUri uri = parsed;
      uri.key = object.key;
      const TextCompression compression = formats::text::CompressionForKey(object.key);
      const uint64_t step = compression == TextCompression::kNone ? plan.split_bytes : object.size;
      for (uint64_t start = 0; start < object.size; start += step) {
        plan.splits.push_back(TextScanSplit{.uri = uri.ToString(),
                                            .start = start,
                                            .end = std::min(object.size, start + step),
                                            .compression = compression,
                                            .partition = partition});
      }
    }
    if (!page->next_after.has_value()) {
      return Status::Ok();
    }
    options.after = *page->next_after;
  }
}

// Returns true when every filter is TRUE on the partition's values (data
// columns NULL); filters that read data columns are not asked.
Result<bool> PartitionMatches(const plan::ScanNode& node,
                              const TextScanPlan& plan,
                              const std::vector<Value>& values,
                              const functions::FunctionContext& context) {
  std::vector<Vector> columns;
  for (size_t i = 0; i < plan.outputs.size(); ++i) {
    const ScanColumnSource& source = plan.outputs[i];
    columns.push_back(Vector::Constant(
        source.is_partition_key ? values[source.index] : Value::Null(plan.output_types[i]), 1));
  }
  const Batch row(std::move(columns), 1);
  for (const plan::ExprPtr& filter : node.filters) {
    std::vector<size_t> read;
    plan::CollectColumns(*filter, &read);
    const bool only_keys = std::all_of(read.begin(), read.end(), [&](size_t column) {
      return column < plan.outputs.size() && plan.outputs[column].is_partition_key;
    });
    if (!only_keys) {
      continue;
    }
    Result<SelectionVector> kept = EvaluatePredicate(*filter, row, context);
    if (kept.ok() && kept->empty()) {
      return false;
    }
  }
  return true;
}

}  // namespace

Value ParsePartitionValue(const std::string& text, const LogicalType& type) {
  if (text == kDefaultPartition) {
    return Value::Null(type);
  }
  switch (type.kind()) {
    case TypeKind::kVarchar:
    case TypeKind::kChar:
    case TypeKind::kVarbinary:
    case TypeKind::kJson:
      return Value::FromString(type, text);
    case TypeKind::kTinyint:
    case TypeKind::kSmallint:
    case TypeKind::kInteger:
    case TypeKind::kBigint:
      if (std::optional<int64_t> value = formats::text::ParseHiveInteger(text)) {
        return Value::FromInt64(type, *value);
      }
      break;
    case TypeKind::kReal:
      if (std::optional<double> value = formats::text::ParseHiveDouble(text)) {
        return Value::Real(static_cast<float>(*value));
      }
      break;
    case TypeKind::kDouble:
      if (std::optional<double> value = formats::text::ParseHiveDouble(text)) {
        return Value::Double(*value);
      }
      break;
    case TypeKind::kBoolean:
      if (std::optional<bool> value = formats::text::ParseHiveBoolean(text, false)) {
        return Value::Boolean(*value);
      }
      break;
    case TypeKind::kDate:
      if (std::optional<int32_t> value = formats::text::ParseHiveDate(text)) {
        return Value::Date(*value);
      }
      break;
    case TypeKind::kTimestamp:
      if (std::optional<int64_t> value = formats::text::ParseHiveTimestamp(text)) {
        return Value::Timestamp(*value);
      }
      break;
    case TypeKind::kDecimal:
      if (std::optional<Int128> value = ParseDecimal(text, type.precision(), type.scale())) {
        return Value::Decimal(type, *value);
      }
      break;
    default:
      break;
  }
  return Value::Null(type);
}

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
    if (column < num_data) {
      std::vector<size_t>& projection = plan->split_template.projection;
      auto it = std::find(projection.begin(), projection.end(), column);
      source.index = static_cast<size_t>(it - projection.begin());
      if (it == projection.end()) {
        projection.push_back(column);
      }
      plan->output_types.push_back(table.columns[column].type);
    } else {
      source.is_partition_key = true;
      source.index = column - num_data;
      plan->output_types.push_back(table.partition_keys[column - num_data].type);
    }
    plan->outputs.push_back(source);
  }
  if (table.partition_keys.empty()) {
    plan->partition_values.emplace_back();
    STRATUS_RETURN_IF_ERROR(ListSplits(*plan, table.location, 0));
  } else {
    for (const catalog::PartitionDescriptor& partition : node.partitions) {
      std::vector<Value> values;
      std::string location = partition.location;
      const bool derive_location = location.empty();
      if (derive_location) {
        location = WithSlash(table.location);
      }
      for (size_t k = 0; k < table.partition_keys.size(); ++k) {
        const std::string text = k < partition.values.size() ? partition.values[k] : "";
        values.push_back(ParsePartitionValue(text, table.partition_keys[k].type));
        if (derive_location) {
          location += table.partition_keys[k].name + "=" + text + "/";
        }
      }
      STRATUS_ASSIGN_OR_RETURN(bool matches, PartitionMatches(node, *plan, values, context));
      if (!matches) {
        continue;
      }
      plan->partition_values.push_back(std::move(values));
      STRATUS_RETURN_IF_ERROR(ListSplits(*plan, location, plan->partition_values.size() - 1));
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
    for (const ScanColumnSource& source : plan_->outputs) {
      if (source.is_partition_key) {
        columns.push_back(Vector::Constant(values[source.index], rows));
      } else {
        columns.push_back(raw.column(source.index));
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
