#include "slt_runner.h"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "base/digest.h"
#include "sql/types/decimal.h"
#include "sql/types/logical_type.h"
#include "sql/types/value.h"
#include "sql/types/value_format.h"

namespace stratus::sqllogictest {
namespace {

using sql::TypeKind;

// The value as a double (numbers, decimals, booleans, numeric text).
double AsDouble(const sql::Value& value) {
  const sql::LogicalType& type = value.type();
  switch (type.kind()) {
    case TypeKind::kBoolean:
      return value.boolean_value() ? 1 : 0;
    case TypeKind::kReal:
    case TypeKind::kDouble:
      return value.double_value();
    case TypeKind::kDecimal:
      return std::strtod(sql::FormatValue(value).c_str(), nullptr);
    case TypeKind::kTinyint:
    case TypeKind::kSmallint:
    case TypeKind::kInteger:
    case TypeKind::kBigint:
      return static_cast<double>(value.int64_value());
    default:
      return std::strtod(sql::FormatValue(value).c_str(), nullptr);
  }
}

std::string FormatInteger(const sql::Value& value) {
  const TypeKind kind = value.type().kind();
  if (kind == TypeKind::kTinyint || kind == TypeKind::kSmallint || kind == TypeKind::kInteger ||
      kind == TypeKind::kBigint) {
    return std::to_string(value.int64_value());
  }
  if (kind == TypeKind::kBoolean) {
    return value.boolean_value() ? "1" : "0";
  }
  const double number = AsDouble(value);
  if (!std::isfinite(number)) {
    return "0";
  }
  return std::to_string(static_cast<int64_t>(std::trunc(number)));
}

std::string FormatText(const sql::Value& value) {
  std::string text = sql::FormatValue(value);
  if (value.type().kind() == TypeKind::kBoolean) {
    text = value.boolean_value() ? "1" : "0";
  }
  if (text.empty()) {
    return "(empty)";
  }
  for (char& c : text) {
    if (c < 0x20 || c > 0x7E) {
      c = '@';
    }
  }
  return text;
}

}  // namespace

std::string FormatForType(const sql::Value& value, char letter) {
  if (value.is_null()) {
    return "NULL";
  }
  switch (letter) {
    case 'I':
      return FormatInteger(value);
    case 'R': {
      char buffer[64];
      std::snprintf(buffer, sizeof(buffer), "%.3f", AsDouble(value));
      return buffer;
    }
    default:
      return FormatText(value);
  }
}

std::string CompareValues(const Record& record,
                          size_t num_columns,
                          std::vector<std::string> values,
                          size_t hash_threshold) {
  if (num_columns != record.types.size()) {
    return "expected " + std::to_string(record.types.size()) + " columns, got " +
           std::to_string(num_columns);
  }
  if (record.sort == SortMode::kValueSort) {
    std::sort(values.begin(), values.end());
  } else if (record.sort == SortMode::kRowSort && num_columns > 0) {
    std::vector<std::vector<std::string>> rows;
    for (size_t i = 0; i + num_columns <= values.size(); i += num_columns) {
      rows.emplace_back(values.begin() + static_cast<std::ptrdiff_t>(i),
                        values.begin() + static_cast<std::ptrdiff_t>(i + num_columns));
    }
    std::sort(rows.begin(), rows.end());
    values.clear();
    for (const auto& row : rows) {
      values.insert(values.end(), row.begin(), row.end());
    }
  }
  std::string joined;
  for (const std::string& value : values) {
    joined += value;
    joined += '\n';
  }
  if (record.expected_count.has_value()) {
    const std::string hash = Md5Hex(joined);
    if (values.size() != *record.expected_count || hash != record.expected_hash) {
      return std::to_string(values.size()) + " values hashing to " + hash + ", expected " +
             std::to_string(*record.expected_count) + " values hashing to " + record.expected_hash;
    }
    return "";
  }
  if (hash_threshold > 0 && values.size() > hash_threshold &&
      record.expected.size() != values.size()) {
    return "got " + std::to_string(values.size()) + " values hashing to " + Md5Hex(joined);
  }
  if (values != record.expected) {
    std::string got;
    for (size_t i = 0; i < values.size() && i < 20; ++i) {
      got += (i == 0 ? "" : " | ") + values[i];
    }
    std::string want;
    for (size_t i = 0; i < record.expected.size() && i < 20; ++i) {
      want += (i == 0 ? "" : " | ") + record.expected[i];
    }
    return "got [" + got + "] (" + std::to_string(values.size()) + " values), expected [" + want +
           "] (" + std::to_string(record.expected.size()) + " values)";
  }
  return "";
}

}  // namespace stratus::sqllogictest
