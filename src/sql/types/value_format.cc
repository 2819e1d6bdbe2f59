#include "sql/types/value_format.h"

#include <cstdlib>

#include "base/format.h"
#include "sql/types/calendar.h"
#include "sql/types/decimal.h"
#include "sql/types/java_number_format.h"
#include "sql/types/time_zone.h"
#include "sql/types/value.h"

namespace stratus::sql {
namespace {

std::string FormatNested(const Value& value);

std::string FormatTimestamp(int64_t millis, int precision) {
  std::string text = FormatTimestampMillis(millis);  // "... HH:MM:SS.mmm"
  if (precision < 3) {
    text.resize(text.size() - static_cast<size_t>(3 - precision) - (precision == 0 ? 1 : 0));
  } else {
    text.append(static_cast<size_t>(precision - 3), '0');
  }
  return text;
}

std::string FormatIntervalDayToSecond(int64_t millis) {
  const bool negative = millis < 0;
  const uint64_t magnitude =
      negative ? 0 - static_cast<uint64_t>(millis) : static_cast<uint64_t>(millis);
  const uint64_t seconds = magnitude / 1000;
  return Format("{}{} {:02}:{:02}:{:02}.{:03}", negative ? "-" : "", seconds / 86400,
                seconds / 3600 % 24, seconds / 60 % 60, seconds % 60, magnitude % 1000);
}

std::string FormatIntervalYearToMonth(int64_t months) {
  const bool negative = months < 0;
  const int64_t magnitude = std::llabs(months);
  return Format("{}{}-{}", negative ? "-" : "", magnitude / 12, magnitude % 12);
}

std::string FormatHex(const std::string& bytes) {
  std::string out;
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i > 0) {
      out += ' ';
    }
    out += Format("{:02x}", static_cast<unsigned char>(bytes[i]));
  }
  return out;
}

std::string FormatScalar(const Value& value) {
  const LogicalType& type = value.type();
  switch (type.kind()) {
    case TypeKind::kUnknown:
      return "null";
    case TypeKind::kBoolean:
      return value.boolean_value() ? "true" : "false";
    case TypeKind::kTinyint:
    case TypeKind::kSmallint:
    case TypeKind::kInteger:
    case TypeKind::kBigint:
      return std::to_string(value.int64_value());
    case TypeKind::kReal:
      return FormatRealJava(static_cast<float>(value.double_value()));
    case TypeKind::kDouble:
      return FormatDoubleJava(value.double_value());
    case TypeKind::kDecimal:
      return DecimalToString(value.decimal_value(), type.scale());
    case TypeKind::kVarchar:
    case TypeKind::kJson:
      return value.string_value();
    case TypeKind::kChar: {
      std::string text = value.string_value();
      if (text.size() < static_cast<size_t>(type.length())) {
        text.append(static_cast<size_t>(type.length()) - text.size(), ' ');
      }
      return text;
    }
    case TypeKind::kVarbinary:
      return FormatHex(value.string_value());
    case TypeKind::kDate:
      return FormatDate(value.int64_value());
    case TypeKind::kTimestamp:
      return FormatTimestamp(value.int64_value(), type.precision());
    case TypeKind::kTimestampWithTimeZone:
      return FormatTimestamp(
                 value.int64_value() + TimeZoneOffsetMillis(value.zone_key(), value.int64_value()),
                 type.precision()) +
             " " + TimeZoneName(value.zone_key());
    case TypeKind::kIntervalDayToSecond:
      return FormatIntervalDayToSecond(value.int64_value());
    case TypeKind::kIntervalYearToMonth:
      return FormatIntervalYearToMonth(value.int64_value());
    case TypeKind::kArray:
    case TypeKind::kMap:
    case TypeKind::kRow:
      return FormatNested(value);
  }
  return "?";
}

std::string FormatInner(const Value& value) {
  return value.is_null() ? "null" : FormatScalar(value);
}

std::string FormatNested(const Value& value) {
  const std::vector<Value>& children = value.children();
  std::string out;
  switch (value.type().kind()) {
    case TypeKind::kArray:
      out = "[";
      for (size_t i = 0; i < children.size(); ++i) {
        out += i > 0 ? ", " : "";
        out += FormatInner(children[i]);
      }
      return out + "]";
    case TypeKind::kMap:
      out = "{";
      for (size_t i = 0; i + 1 < children.size(); i += 2) {
        out += i > 0 ? ", " : "";
        out += FormatInner(children[i]) + "=" + FormatInner(children[i + 1]);
      }
      return out + "}";
    default: {
      out = "{";
      const std::vector<RowField>& fields = value.type().children();
      for (size_t i = 0; i < children.size(); ++i) {
        out += i > 0 ? ", " : "";
        out += fields[i].name.empty() ? Format("field{}", i) : fields[i].name;
        out += "=" + FormatInner(children[i]);
      }
      return out + "}";
    }
  }
}

}  // namespace

std::string FormatValue(const Value& value) {
  return value.is_null() ? "NULL" : FormatScalar(value);
}

}  // namespace stratus::sql
