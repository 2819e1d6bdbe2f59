// A partitioned table's partitions: from the catalog, or computed from its
// partition projection properties (projection.enabled=true), as Athena does.

#include <cstdlib>
#include <map>
#include <string>

#include "sql/binder/binder_internal.h"
#include "sql/catalog/catalog.h"
#include "sql/types/calendar.h"
#include "sql/types/sql_error.h"

namespace stratus::sql::binder {
namespace {

// Projection enumerates at most this many partitions.
constexpr size_t kMaxProjectedPartitions = 1'000'000;

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) {
      comma = text.size();
    }
    std::string item = text.substr(start, comma - start);
    while (!item.empty() && item.front() == ' ') {
      item.erase(item.begin());
    }
    while (!item.empty() && item.back() == ' ') {
      item.pop_back();
    }
    out.push_back(item);
    start = comma + 1;
  }
  return out;
}

const std::string* Property(const catalog::TableDescriptor& table, const std::string& key) {
  auto it = table.table_properties.find(key);
  return it == table.table_properties.end() ? nullptr : &it->second;
}

// Formats a date with a Java-style pattern's yyyy, MM and dd fields.
std::string FormatDatePattern(int64_t days, const std::string& pattern) {
  CivilDate date = CivilFromDays(days);
  auto pad = [](int64_t value, size_t width) {
    std::string text = std::to_string(value);
    while (text.size() < width) {
      text.insert(text.begin(), '0');
    }
    return text;
  };
  std::string out;
  for (size_t i = 0; i < pattern.size();) {
    if (pattern.compare(i, 4, "yyyy") == 0) {
      out += pad(date.year, 4);
      i += 4;
    } else if (pattern.compare(i, 2, "MM") == 0) {
      out += pad(date.month, 2);
      i += 2;
    } else if (pattern.compare(i, 2, "dd") == 0) {
      out += pad(date.day, 2);
      i += 2;
    } else {
      out.push_back(pattern[i++]);
    }
  }
  return out;
}

std::optional<int64_t> ParseIsoDate(const std::string& text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  int64_t year = std::strtoll(text.substr(0, 4).c_str(), nullptr, 10);
  int month = std::atoi(text.substr(5, 2).c_str());
  int day = std::atoi(text.substr(8, 2).c_str());
  if (!IsValidCivilDate(year, month, day)) {
    return std::nullopt;
  }
  return DaysFromCivil({.year = year, .month = month, .day = day});
}

Result<std::vector<std::string>> ProjectedValues(
    const catalog::TableDescriptor& table,
    const std::string& column,
    const std::map<std::string, std::vector<std::string>>& injected) {
  std::string prefix = "projection." + column + ".";
  const std::string* type = Property(table, prefix + "type");
  if (type == nullptr) {
    return SqlError(kInvalidTableProperty,
                    "Table " + table.name + " has no projection type for column " + column);
  }
  if (*type == "injected") {
    auto it = injected.find(column);
    if (it == injected.end()) {
      // AWS: Athena's CONSTRAINT_VIOLATION for an unconstrained injected column.
      return SqlError("CONSTRAINT_VIOLATION",
                      "For the injected projected partition column " + column +
                          ", the WHERE clause must contain only static equality conditions, and "
                          "at least one such condition must be present.");
    }
    return it->second;
  }
  if (*type == "enum") {
    const std::string* values = Property(table, prefix + "values");
    return values == nullptr ? std::vector<std::string>() : SplitList(*values);
  }
  const std::string* range = Property(table, prefix + "range");
  if (*type == "integer" && range != nullptr) {
    std::vector<std::string> bounds = SplitList(*range);
    if (bounds.size() != 2) {
      return SqlError(kInvalidTableProperty, "Invalid projection range: " + *range);
    }
    int64_t low = std::strtoll(bounds[0].c_str(), nullptr, 10);
    int64_t high = std::strtoll(bounds[1].c_str(), nullptr, 10);
    const std::string* interval = Property(table, prefix + "interval");
    int64_t step = interval == nullptr ? 1 : std::max<int64_t>(1, std::atoll(interval->c_str()));
    const std::string* digits = Property(table, prefix + "digits");
    size_t width = digits == nullptr ? 0 : static_cast<size_t>(std::atoi(digits->c_str()));
    std::vector<std::string> out;
    for (int64_t v = low; v <= high && out.size() < kMaxProjectedPartitions; v += step) {
      std::string text = std::to_string(v);
      while (text.size() < width) {
        text.insert(text.begin(), '0');
      }
      out.push_back(text);
    }
    return out;
  }
  if (*type == "date" && range != nullptr) {
    std::vector<std::string> bounds = SplitList(*range);
    const std::string* format = Property(table, prefix + "format");
    std::string pattern = format == nullptr ? "yyyy-MM-dd" : *format;
    if (bounds.size() != 2) {
      return SqlError(kInvalidTableProperty, "Invalid projection range: " + *range);
    }
    std::optional<int64_t> low = ParseIsoDate(bounds[0]);
    std::optional<int64_t> high = ParseIsoDate(bounds[1]);
    if (!low.has_value() || !high.has_value()) {
      return SqlError(kNotSupported,
                      "Partition projection date ranges must be yyyy-MM-dd dates: " + *range);
    }
    const std::string* interval = Property(table, prefix + "interval");
    int64_t step = interval == nullptr ? 1 : std::max<int64_t>(1, std::atoll(interval->c_str()));
    std::vector<std::string> out;
    for (int64_t d = *low; d <= *high && out.size() < kMaxProjectedPartitions; d += step) {
      out.push_back(FormatDatePattern(d, pattern));
    }
    return out;
  }
  return SqlError(kNotSupported, "Partition projection type '" + *type + "' of column " + column +
                                     " is not supported");
}

std::string PartitionLocation(const catalog::TableDescriptor& table,
                              const std::vector<std::string>& values) {
  const std::string* templ = Property(table, "storage.location.template");
  if (templ != nullptr) {
    std::string out = *templ;
    for (size_t i = 0; i < table.partition_keys.size(); ++i) {
      std::string placeholder = "${" + table.partition_keys[i].name + "}";
      for (size_t at = out.find(placeholder); at != std::string::npos;
           at = out.find(placeholder, at + values[i].size())) {
        out.replace(at, placeholder.size(), values[i]);
      }
    }
    return out;
  }
  std::string out = table.location;
  if (!out.empty() && out.back() != '/') {
    out.push_back('/');
  }
  for (size_t i = 0; i < table.partition_keys.size(); ++i) {
    out += table.partition_keys[i].name + "=" + values[i] + "/";
  }
  return out;
}

bool HasPartitionProjection(const catalog::TableDescriptor& table) {
  const std::string* enabled = Property(table, "projection.enabled");
  return enabled != nullptr && (*enabled == "true" || *enabled == "TRUE");
}

}  // namespace

std::vector<std::string> InjectedProjectionColumns(const catalog::TableDescriptor& table) {
  std::vector<std::string> out;
  if (!HasPartitionProjection(table)) {
    return out;
  }
  for (const catalog::ColumnDescriptor& key : table.partition_keys) {
    const std::string* type = Property(table, "projection." + key.name + ".type");
    if (type != nullptr && *type == "injected") {
      out.push_back(key.name);
    }
  }
  return out;
}

Result<std::vector<catalog::PartitionDescriptor>> PartitionsOf(
    catalog::Catalog& catalog, const catalog::TableDescriptor& table) {
  if (!HasPartitionProjection(table)) {
    return catalog.ListPartitions(table.database, table.name);
  }
  if (!InjectedProjectionColumns(table).empty()) {
    // Computed by the optimizer from the WHERE clause's equalities.
    return std::vector<catalog::PartitionDescriptor>();
  }
  return ProjectPartitions(table, {});
}

Result<std::vector<catalog::PartitionDescriptor>> ProjectPartitions(
    const catalog::TableDescriptor& table,
    const std::map<std::string, std::vector<std::string>>& injected) {
  std::vector<std::vector<std::string>> combinations = {{}};
  for (const catalog::ColumnDescriptor& key : table.partition_keys) {
    STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> values,
                             ProjectedValues(table, key.name, injected));
    std::vector<std::vector<std::string>> next;
    for (const auto& prefix : combinations) {
      for (const std::string& value : values) {
        if (next.size() >= kMaxProjectedPartitions) {
          return SqlError(kGenericUserError,
                          "Partition projection of " + table.name + " yields too many partitions");
        }
        std::vector<std::string> combined = prefix;
        combined.push_back(value);
        next.push_back(std::move(combined));
      }
    }
    combinations = std::move(next);
  }
  std::vector<catalog::PartitionDescriptor> out;
  for (auto& values : combinations) {
    std::string location = PartitionLocation(table, values);
    out.push_back({.values = std::move(values), .location = std::move(location)});
  }
  return out;
}

}  // namespace stratus::sql::binder
