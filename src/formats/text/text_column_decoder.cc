// Field → vector kernels for Hive text tables, one per type; the rules are in
// docs/sql/text_tables.md.

#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "formats/text/text_column_decoder_internal.h"
#include "formats/text/text_value_parser.h"
#include "sql/types/decimal.h"
#include "sql/types/int128.h"
#include "sql/types/value.h"
#include "sql/vector/string_heap.h"

namespace stratus::formats::text {
namespace {

using sql::Int128;
using sql::LogicalType;
using sql::TypeKind;
using sql::Vector;

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

std::string_view View(const FieldRef& field) {
  return std::string_view(field.data, field.length);
}

// Trino's StringEncoding.unescape: the escape byte is dropped and the byte
// after it kept as is, whatever it is.
std::string Unescape(std::string_view text, char escape) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == escape && i + 1 < text.size()) {
      ++i;
    }
    out += text[i];
  }
  return out;
}

// Returns the byte length of the first `max_chars` UTF-8 code points of text.
size_t Utf8Prefix(std::string_view text, int max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xc0) != 0x80) {
      if (chars == static_cast<size_t>(max_chars)) {
        return i;
      }
      ++chars;
    }
  }
  return text.size();
}

// Shapes string bytes for the column type: varchar(n) and char(n) truncate
// to n code points; char drops trailing spaces (Trino stores chars unpadded).
std::string_view FitString(const LogicalType& type, std::string_view text) {
  if ((type.kind() == TypeKind::kVarchar || type.kind() == TypeKind::kChar) &&
      type.length() != LogicalType::kUnboundedLength) {
    text = text.substr(0, Utf8Prefix(text, type.length()));
  }
  if (type.kind() == TypeKind::kChar) {
    while (!text.empty() && text.back() == ' ') {
      text.remove_suffix(1);
    }
  }
  return text;
}

class ColumnDecoder {
 public:
  ColumnDecoder(const TextFormatOptions& options,
                const std::vector<std::shared_ptr<const void>>& owners)
      : options_(options),
        owners_(owners),
        lazy_simple_(options.serde == TextSerde::kLazySimple),
        open_csv_(options.serde == TextSerde::kOpenCsv) {}

  Vector Decode(const LogicalType& type, const FieldRef* fields, size_t num_rows);

 private:
  // True when the field is NULL before any parsing: missing, or the null format.
  bool IsNullField(const FieldRef& field) const {
    if (field.flags & kFieldMissing) {
      return true;
    }
    return lazy_simple_ && field.length == options_.null_format.size() &&
           std::memcmp(field.data, options_.null_format.data(), field.length) == 0;
  }

  template <typename T, typename Parse>
  Vector DecodeFixed(const LogicalType& type, const FieldRef* fields, size_t n, Parse parse) {
    Vector vector(type, n);
    vector.set_size(n);
    T* values = vector.mutable_values<T>();
    for (size_t row = 0; row < n; ++row) {
      const FieldRef& field = fields[row];
      std::optional<T> value;
      if (!IsNullField(field)) {
        value = parse(View(field));
      }
      if (value.has_value()) {
        values[row] = *value;
      } else {
        values[row] = T{};
        vector.SetNull(row, true);
      }
    }
    return vector;
  }

  template <typename T>
  Vector DecodeInteger(
      const LogicalType& type, const FieldRef* fields, size_t n, int64_t low, int64_t high) {
    return DecodeFixed<T>(type, fields, n, [low, high](std::string_view text) -> std::optional<T> {
      int64_t plain = 0;
      const std::optional<int64_t> value =
          ParsePlainInteger(text, &plain) ? std::optional<int64_t>(plain) : ParseHiveInteger(text);
      if (!value.has_value() || *value < low || *value > high) {
        return std::nullopt;
      }
      return static_cast<T>(*value);
    });
  }

  Vector DecodeStrings(const LogicalType& type, const FieldRef* fields, size_t n);
  Vector DecodeNestedColumn(const LogicalType& type, const FieldRef* fields, size_t n);
  Vector DecodeScalar(const LogicalType& type, const FieldRef* fields, size_t n);

  // Nested values (LazySimpleSerDe only): writes `text` into row `row` of
  // `vector`, splitting with the separator of nesting `level`.
  void SetNested(Vector& vector, size_t row, std::string_view text, int level);
  void SetElement(Vector& vector, size_t row, std::string_view text, int level);
  std::vector<std::string_view> Split(std::string_view text, char separator) const;

  // JsonSerDe: the value of `type` a JSON value holds (NULL when it does not fit).
  sql::Value JsonValue(const LogicalType& type, const nlohmann::json& json);
  sql::Value JsonScalar(const LogicalType& type, const nlohmann::json& json);
  const nlohmann::json* JsonMember(const nlohmann::json& object, const std::string& name) const;

  const TextFormatOptions& options_;
  const std::vector<std::shared_ptr<const void>>& owners_;
  bool lazy_simple_;
  bool open_csv_;  // Dates and timestamps only in numeric form.
};

Vector ColumnDecoder::DecodeStrings(const LogicalType& type, const FieldRef* fields, size_t n) {
  Vector vector(type, n);
  vector.set_size(n);
  for (const std::shared_ptr<const void>& owner : owners_) {
    vector.KeepAlive(owner);
  }
  sql::StringView* values = vector.mutable_values<sql::StringView>();
  for (size_t row = 0; row < n; ++row) {
    const FieldRef& field = fields[row];
    if (IsNullField(field)) {
      values[row] = sql::StringView();
      vector.SetNull(row, true);
      continue;
    }
    if ((field.flags & kFieldEscaped) != 0 && options_.escape.has_value()) {
      const std::string unescaped = Unescape(View(field), *options_.escape);
      values[row] = vector.heap().Add(FitString(type, unescaped));
    } else {
      const std::string_view text = FitString(type, View(field));
      values[row] = sql::StringView(text.data(), static_cast<uint32_t>(text.size()));
    }
  }
  return vector;
}

std::vector<std::string_view> ColumnDecoder::Split(std::string_view text, char separator) const {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (options_.escape.has_value() && text[i] == *options_.escape) {
      ++i;
    } else if (text[i] == separator) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.push_back(text.substr(start));
  return parts;
}

void ColumnDecoder::SetElement(Vector& vector, size_t row, std::string_view text, int level) {
  const LogicalType& type = vector.type();
  if (text == options_.null_format) {
    vector.SetValue(row, sql::Value::Null(type));
    return;
  }
  if (type.is_nested()) {
    SetNested(vector, row, text, level);
    return;
  }
  std::string unescaped;
  if (options_.escape.has_value() && text.find(*options_.escape) != std::string_view::npos) {
    unescaped = Unescape(text, *options_.escape);
    text = unescaped;
  }
  const FieldRef field{
      .data = text.data(), .length = static_cast<uint32_t>(text.size()), .flags = 0};
  // Decode one value through the column kernels, then copy it in (slow path).
  const Vector one =
      type.is_string() ? DecodeStrings(type, &field, 1) : DecodeScalar(type, &field, 1);
  vector.SetValue(row, one.GetValue(0));
}

void ColumnDecoder::SetNested(Vector& vector, size_t row, std::string_view text, int level) {
  const LogicalType& type = vector.type();
  vector.SetNull(row, false);
  if (type.kind() == TypeKind::kRow) {
    const std::vector<std::string_view> parts = Split(text, NestingSeparator(options_, level));
    for (size_t i = 0; i < vector.num_children(); ++i) {
      if (i < parts.size()) {
        SetElement(vector.child(i), row, parts[i], level + 1);
      } else {
        vector.child(i).SetValue(row, sql::Value::Null(type.child(i)));
      }
    }
    return;
  }
  const bool is_map = type.kind() == TypeKind::kMap;
  std::vector<std::string_view> parts;
  if (!text.empty()) {
    parts = Split(text, NestingSeparator(options_, level));
  }
  Vector& first = vector.child(0);
  const size_t offset = first.size();
  for (size_t c = 0; c < vector.num_children(); ++c) {
    vector.child(c).Reserve(offset + parts.size());
    vector.child(c).set_size(offset + parts.size());
  }
  for (size_t i = 0; i < parts.size(); ++i) {
    if (!is_map) {
      SetElement(first, offset + i, parts[i], level + 1);
      continue;
    }
    const std::vector<std::string_view> key_value =
        Split(parts[i], NestingSeparator(options_, level + 1));
    SetElement(first, offset + i, key_value[0], level + 2);
    if (key_value.size() > 1) {
      SetElement(vector.child(1), offset + i, key_value[1], level + 2);
    } else {
      vector.child(1).SetValue(offset + i, sql::Value::Null(type.child(1)));
    }
  }
  vector.mutable_values<sql::ListEntry>()[row] = sql::ListEntry{
      .offset = static_cast<uint32_t>(offset), .length = static_cast<uint32_t>(parts.size())};
}

sql::Value ColumnDecoder::JsonScalar(const LogicalType& type, const nlohmann::json& json) {
  if (json.is_null() || ((json.is_object() || json.is_array()) && !type.is_string())) {
    return sql::Value::Null(type);
  }
  const std::string text = json.is_string() ? json.get<std::string>() : json.dump();
  const FieldRef field{
      .data = text.data(), .length = static_cast<uint32_t>(text.size()), .flags = 0};
  const Vector one =
      type.is_string() ? DecodeStrings(type, &field, 1) : DecodeScalar(type, &field, 1);
  return one.GetValue(0);
}

const nlohmann::json* ColumnDecoder::JsonMember(const nlohmann::json& object,
                                                const std::string& name) const {
  for (const auto& [key, value] : object.items()) {
    if (options_.json_case_insensitive ? Lower(key) == Lower(name) : key == name) {
      return &value;
    }
  }
  return nullptr;
}

sql::Value ColumnDecoder::JsonValue(const LogicalType& type, const nlohmann::json& json) {
  switch (type.kind()) {
    case TypeKind::kArray: {
      if (!json.is_array()) {
        return sql::Value::Null(type);
      }
      std::vector<sql::Value> elements;
      for (const nlohmann::json& element : json) {
        elements.push_back(JsonValue(type.child(0), element));
      }
      return sql::Value::Array(type.child(0), std::move(elements));
    }
    case TypeKind::kMap: {
      if (!json.is_object()) {
        return sql::Value::Null(type);
      }
      std::vector<sql::Value> keys;
      std::vector<sql::Value> values;
      for (const auto& [key, value] : json.items()) {
        sql::Value key_value = JsonScalar(type.child(0), nlohmann::json(key));
        if (!key_value.is_null()) {
          keys.push_back(std::move(key_value));
          values.push_back(JsonValue(type.child(1), value));
        }
      }
      return sql::Value::Map(type.child(0), type.child(1), std::move(keys), std::move(values));
    }
    case TypeKind::kRow: {
      if (!json.is_object()) {
        return sql::Value::Null(type);
      }
      std::vector<sql::Value> fields;
      for (const sql::RowField& field : type.children()) {
        const nlohmann::json* member = JsonMember(json, field.name);
        fields.push_back(member == nullptr ? sql::Value::Null(field.type)
                                           : JsonValue(field.type, *member));
      }
      return sql::Value::Row(type, std::move(fields));
    }
    default:
      return JsonScalar(type, json);
  }
}

Vector ColumnDecoder::DecodeNestedColumn(const LogicalType& type,
                                         const FieldRef* fields,
                                         size_t n) {
  Vector vector(type, n);
  vector.set_size(n);
  for (size_t row = 0; row < n; ++row) {
    const FieldRef& field = fields[row];
    // OpenCSVSerde has no collection delimiters: nested columns read as NULL.
    if (IsNullField(field) || options_.serde == TextSerde::kOpenCsv) {
      vector.SetValue(row, sql::Value::Null(type));
      continue;
    }
    if (options_.serde == TextSerde::kJson) {
      // The field is the member's JSON text (json_line_decoder_internal.h).
      const nlohmann::json json = nlohmann::json::parse(View(field), nullptr, false);
      vector.SetValue(row, json.is_discarded() ? sql::Value::Null(type) : JsonValue(type, json));
      continue;
    }
    SetNested(vector, row, View(field), 1);
  }
  return vector;
}

Vector ColumnDecoder::DecodeScalar(const LogicalType& type, const FieldRef* fields, size_t n) {
  const bool extended = options_.extended_boolean_literals;
  switch (type.kind()) {
    case TypeKind::kBoolean:
      return DecodeFixed<uint8_t>(type, fields, n, [extended](std::string_view text) {
        const std::optional<bool> value = ParseHiveBoolean(text, extended);
        return value.has_value() ? std::optional<uint8_t>(*value ? 1 : 0) : std::nullopt;
      });
    case TypeKind::kTinyint:
      return DecodeInteger<int8_t>(type, fields, n, INT8_MIN, INT8_MAX);
    case TypeKind::kSmallint:
      return DecodeInteger<int16_t>(type, fields, n, INT16_MIN, INT16_MAX);
    case TypeKind::kInteger:
      return DecodeInteger<int32_t>(type, fields, n, INT32_MIN, INT32_MAX);
    case TypeKind::kBigint:
      return DecodeInteger<int64_t>(type, fields, n, INT64_MIN, INT64_MAX);
    case TypeKind::kReal:
      return DecodeFixed<float>(type, fields, n, [](std::string_view text) {
        const std::optional<double> value = ParseHiveDouble(text);
        return value.has_value() ? std::optional<float>(static_cast<float>(*value)) : std::nullopt;
      });
    case TypeKind::kDouble:
      return DecodeFixed<double>(type, fields, n, [](std::string_view text) {
        double plain = 0;
        return ParsePlainDecimal(text, &plain) ? std::optional<double>(plain)
                                               : ParseHiveDouble(text);
      });
    case TypeKind::kDecimal: {
      const int precision = type.precision();
      const int scale = type.scale();
      if (type.is_short_decimal()) {
        return DecodeFixed<int64_t>(type, fields, n, [=](std::string_view text) {
          const std::optional<Int128> value = sql::ParseDecimal(text, precision, scale);
          return value.has_value() ? std::optional<int64_t>(static_cast<int64_t>(*value))
                                   : std::nullopt;
        });
      }
      return DecodeFixed<Int128>(type, fields, n, [=](std::string_view text) {
        return sql::ParseDecimal(text, precision, scale);
      });
    }
    case TypeKind::kDate:
      if (open_csv_) {
        // AWS: OpenCSVSerde reads DATE only in UNIX numeric form (days, e.g. 18276).
        return DecodeFixed<int32_t>(type, fields, n, [](std::string_view text) {
          const std::optional<int64_t> days = ParseHiveInteger(text);
          return days.has_value() && *days >= INT32_MIN && *days <= INT32_MAX
                     ? std::optional<int32_t>(static_cast<int32_t>(*days))
                     : std::nullopt;
        });
      }
      return DecodeFixed<int32_t>(type, fields, n, ParseHiveDate);
    case TypeKind::kTimestamp:
      // AWS: OpenCSVSerde reads TIMESTAMP only in UNIX numeric form (ms, e.g. 1579059880000).
      return DecodeFixed<int64_t>(type, fields, n,
                                  open_csv_ ? ParseHiveInteger : ParseHiveTimestamp);
    default:
      // Time zones and intervals have no Hive text form: NULL.
      return DecodeFixed<int64_t>(type, fields, n,
                                  [](std::string_view) { return std::optional<int64_t>(); });
  }
}

Vector ColumnDecoder::Decode(const LogicalType& type, const FieldRef* fields, size_t n) {
  if (type.is_string()) {
    return DecodeStrings(type, fields, n);
  }
  if (type.is_nested()) {
    return DecodeNestedColumn(type, fields, n);
  }
  return DecodeScalar(type, fields, n);
}

}  // namespace

sql::Vector DecodeColumn(const sql::LogicalType& type,
                         const FieldRef* fields,
                         size_t num_rows,
                         const TextFormatOptions& options,
                         const std::vector<std::shared_ptr<const void>>& owners) {
  return ColumnDecoder(options, owners).Decode(type, fields, num_rows);
}

}  // namespace stratus::formats::text
