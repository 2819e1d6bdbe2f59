#include "sql/exec/hive_table_files.h"

#include <algorithm>
#include <utility>

#include "formats/text/text_value_parser.h"
#include "lake/lake.h"
#include "lake/object_uri.h"
#include "sql/exec/expression_evaluator.h"
#include "sql/planner/logical_plan.h"
#include "sql/types/decimal.h"

namespace stratus::sql::exec {
namespace {

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

Status ListFiles(lake::Lake* lake,
                 const std::string& location,
                 size_t partition,
                 std::vector<HiveTableFile>* files) {
  const std::string prefix = WithSlash(location);
  STRATUS_ASSIGN_OR_RETURN(lake::ObjectUri parsed, lake::ParseObjectUri(prefix));
  lake::ListOptions options;
  while (true) {
    Result<lake::ListPage> page = lake->List(prefix, options);
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
      files->push_back({.uri = uri.ToString(), .size = object.size, .partition = partition});
    }
    if (!page->next_after.has_value()) {
      return Status::Ok();
    }
    options.after = *page->next_after;
  }
}

// Returns the partition key a scan column reads, if it reads one.
std::optional<size_t> KeyOf(const plan::ScanNode& node, size_t column) {
  const size_t num_data = node.table->columns.size();
  if (column >= node.table_columns.size()) {
    return std::nullopt;
  }
  const size_t table_column = node.table_columns[column];
  if (table_column < num_data || table_column == plan::kScanPathColumn) {
    return std::nullopt;
  }
  return table_column - num_data;
}

// Returns true when every filter is TRUE on the partition's values (data
// columns NULL); filters that read data columns are not asked.
Result<bool> PartitionMatches(const plan::ScanNode& node,
                              const std::vector<Value>& values,
                              const functions::FunctionContext& context) {
  std::vector<Vector> columns;
  for (size_t i = 0; i < node.columns.size(); ++i) {
    const std::optional<size_t> key = KeyOf(node, i);
    columns.push_back(
        Vector::Constant(key.has_value() ? values[*key] : Value::Null(node.columns[i].type), 1));
  }
  const Batch row(std::move(columns), 1);
  for (const plan::ExprPtr& filter : node.filters) {
    std::vector<size_t> read;
    plan::CollectColumns(*filter, &read);
    const bool only_keys = std::all_of(
        read.begin(), read.end(), [&](size_t column) { return KeyOf(node, column).has_value(); });
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

Result<HiveTableFiles> ListHiveTableFiles(const plan::ScanNode& node,
                                          lake::Lake* lake,
                                          const functions::FunctionContext& context) {
  const catalog::TableDescriptor& table = *node.table;
  HiveTableFiles out;
  if (table.partition_keys.empty()) {
    out.partition_values.emplace_back();
    STRATUS_RETURN_IF_ERROR(ListFiles(lake, table.location, 0, &out.files));
    return out;
  }
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
    STRATUS_ASSIGN_OR_RETURN(bool matches, PartitionMatches(node, values, context));
    if (!matches) {
      continue;
    }
    out.partition_values.push_back(std::move(values));
    STRATUS_RETURN_IF_ERROR(ListFiles(lake, location, out.partition_values.size() - 1, &out.files));
  }
  return out;
}

}  // namespace stratus::sql::exec
