#include "connectors/mysql/mysql_column_type.h"

#include <charconv>
#include <cstring>

#include <mysql.h>

#include "base/format.h"
#include "sql/types/calendar.h"
#include "sql/types/decimal.h"
#include "sql/vector/string_heap.h"
#include "sql/vector/vector.h"

namespace stratus::connectors::mysql {
namespace {

constexpr unsigned kBinaryCharset = 63;

bool IsUnsigned(const MySqlColumnInfo& column) {
  return (column.flags & UNSIGNED_FLAG) != 0;
}

ExtractColumnType Bytes(const MySqlColumnInfo& column) {
  if (column.charset == kBinaryCharset) {
    return {.type = sql::LogicalType::Varbinary(), .kind = TextValueKind::kBytes};
  }
  return {.type = sql::LogicalType::Varchar(), .kind = TextValueKind::kBytes};
}

Status Unreadable(std::string_view text, std::string_view as) {
  return Status::InvalidArgument(Format("cannot read '{}' as {}", text, as));
}

// Reads exactly `width` digits at `text[*at]`, advancing *at.
bool Digits(std::string_view text, size_t* at, size_t width, int* out) {
  if (*at + width > text.size()) {
    return false;
  }
  int value = 0;
  for (size_t i = 0; i < width; ++i) {
    const char c = text[*at + i];
    if (c < '0' || c > '9') {
      return false;
    }
    value = value * 10 + (c - '0');
  }
  *at += width;
  *out = value;
  return true;
}

bool Expect(std::string_view text, size_t* at, char c) {
  if (*at >= text.size() || text[*at] != c) {
    return false;
  }
  ++*at;
  return true;
}

// "YYYY-MM-DD": nullopt-like false when malformed; *zero for MySQL's zero
// date (a zero month or day).
bool ReadDate(std::string_view text, size_t* at, sql::CivilDate* date, bool* zero) {
  int year = 0;
  int month = 0;
  int day = 0;
  if (!Digits(text, at, 4, &year) || !Expect(text, at, '-') || !Digits(text, at, 2, &month) ||
      !Expect(text, at, '-') || !Digits(text, at, 2, &day)) {
    return false;
  }
  *zero = year == 0 || month == 0 || day == 0;
  if (*zero) {
    return true;
  }
  if (!sql::IsValidCivilDate(year, month, day)) {
    return false;
  }
  *date = sql::CivilDate{.year = year, .month = month, .day = day};
  return true;
}

template <typename T>
Status SetInteger(std::string_view text, sql::Vector& out, size_t row) {
  T value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    return Unreadable(text, out.type().ToString());
  }
  out.mutable_values<T>()[row] = value;
  return Status::Ok();
}

}  // namespace

ExtractColumnType ExtractColumnTypeOf(const MySqlColumnInfo& column) {
  using sql::LogicalType;
  const bool is_unsigned = IsUnsigned(column);
  switch (column.field_type) {
    case MYSQL_TYPE_TINY:
      return {.type = is_unsigned ? LogicalType::Smallint() : LogicalType::Tinyint(),
              .kind = TextValueKind::kSignedInteger};
    case MYSQL_TYPE_SHORT:
      return {.type = is_unsigned ? LogicalType::Integer() : LogicalType::Smallint(),
              .kind = TextValueKind::kSignedInteger};
    case MYSQL_TYPE_INT24:
      return {.type = LogicalType::Integer(), .kind = TextValueKind::kSignedInteger};
    case MYSQL_TYPE_LONG:
      return {.type = is_unsigned ? LogicalType::Bigint() : LogicalType::Integer(),
              .kind = TextValueKind::kSignedInteger};
    case MYSQL_TYPE_LONGLONG:
      if (is_unsigned) {
        return {.type = LogicalType::Decimal(20, 0), .kind = TextValueKind::kUnsignedBigint};
      }
      return {.type = LogicalType::Bigint(), .kind = TextValueKind::kSignedInteger};
    case MYSQL_TYPE_YEAR:
      return {.type = LogicalType::Smallint(), .kind = TextValueKind::kSignedInteger};
    case MYSQL_TYPE_BIT:
      if (column.length == 1) {
        return {.type = LogicalType::Boolean(), .kind = TextValueKind::kBoolean};
      }
      return {.type = LogicalType::Bigint(), .kind = TextValueKind::kBit};
    case MYSQL_TYPE_FLOAT:
      return {.type = LogicalType::Real(), .kind = TextValueKind::kFloat};
    case MYSQL_TYPE_DOUBLE:
      return {.type = LogicalType::Double(), .kind = TextValueKind::kDouble};
    case MYSQL_TYPE_DECIMAL:
    case MYSQL_TYPE_NEWDECIMAL: {
      // The display length counts a point when there is a scale and a sign
      // unless UNSIGNED (MySQL's my_decimal_length_to_precision).
      const int64_t scale = column.decimals;
      const int64_t precision = static_cast<int64_t>(column.length) - (scale > 0 ? 1 : 0) -
                                (is_unsigned || column.length == 0 ? 0 : 1);
      if (precision < 1 || precision > LogicalType::kMaxDecimalPrecision || scale > precision) {
        return {.type = LogicalType::Varchar(), .kind = TextValueKind::kBytes};
      }
      return {.type = LogicalType::Decimal(static_cast<int>(precision), static_cast<int>(scale)),
              .kind = TextValueKind::kDecimal};
    }
    case MYSQL_TYPE_DATE:
    case MYSQL_TYPE_NEWDATE:
      return {.type = LogicalType::Date(), .kind = TextValueKind::kDate};
    case MYSQL_TYPE_DATETIME:
    case MYSQL_TYPE_TIMESTAMP:
    case MYSQL_TYPE_DATETIME2:
    case MYSQL_TYPE_TIMESTAMP2:
      return {.type = LogicalType::Timestamp(6), .kind = TextValueKind::kTimestamp};
    case MYSQL_TYPE_GEOMETRY:
      return {.type = LogicalType::Varbinary(), .kind = TextValueKind::kBytes};
    case MYSQL_TYPE_TIME:
    case MYSQL_TYPE_TIME2:
    case MYSQL_TYPE_JSON:
    case MYSQL_TYPE_ENUM:
    case MYSQL_TYPE_SET:
    case MYSQL_TYPE_NULL:
      return {.type = LogicalType::Varchar(), .kind = TextValueKind::kBytes};
    default:  // CHAR, VARCHAR, TEXT and BLOB kinds: binary by their collation.
      return Bytes(column);
  }
}

Status SetValueFromText(const ExtractColumnType& type,
                        std::string_view text,
                        sql::Vector& out,
                        size_t row) {
  switch (type.kind) {
    case TextValueKind::kSignedInteger:
      switch (type.type.kind()) {
        case sql::TypeKind::kTinyint:
          return SetInteger<int8_t>(text, out, row);
        case sql::TypeKind::kSmallint:
          return SetInteger<int16_t>(text, out, row);
        case sql::TypeKind::kInteger:
          return SetInteger<int32_t>(text, out, row);
        default:
          return SetInteger<int64_t>(text, out, row);
      }
    case TextValueKind::kUnsignedBigint: {
      uint64_t value = 0;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (error != std::errc() || end != text.data() + text.size()) {
        return Unreadable(text, "bigint unsigned");
      }
      out.mutable_values<sql::Int128>()[row] = static_cast<sql::Int128>(value);
      return Status::Ok();
    }
    case TextValueKind::kBit:
    case TextValueKind::kBoolean: {
      // The text protocol sends BIT(n) as its bytes, most significant first.
      if (text.size() > 8) {
        return Unreadable("0x...", "bit");
      }
      uint64_t bits = 0;
      for (char c : text) {
        bits = (bits << 8) | static_cast<unsigned char>(c);
      }
      if (type.kind == TextValueKind::kBoolean) {
        out.mutable_values<uint8_t>()[row] = bits != 0 ? 1 : 0;
      } else {
        out.mutable_values<int64_t>()[row] = static_cast<int64_t>(bits);
      }
      return Status::Ok();
    }
    case TextValueKind::kFloat:
    case TextValueKind::kDouble: {
      double value = 0;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (error != std::errc() || end != text.data() + text.size()) {
        return Unreadable(text, "a floating point number");
      }
      if (type.kind == TextValueKind::kFloat) {
        float narrow = 0;
        std::from_chars(text.data(), text.data() + text.size(), narrow);
        out.mutable_values<float>()[row] = narrow;
      } else {
        out.mutable_values<double>()[row] = value;
      }
      return Status::Ok();
    }
    case TextValueKind::kDecimal: {
      std::optional<sql::Int128> unscaled =
          sql::ParseDecimal(text, type.type.precision(), type.type.scale());
      if (!unscaled.has_value()) {
        return Unreadable(text, type.type.ToString());
      }
      if (type.type.precision() <= sql::LogicalType::kMaxShortDecimalPrecision) {
        out.mutable_values<int64_t>()[row] = static_cast<int64_t>(*unscaled);
      } else {
        out.mutable_values<sql::Int128>()[row] = *unscaled;
      }
      return Status::Ok();
    }
    case TextValueKind::kDate: {
      size_t at = 0;
      sql::CivilDate date;
      bool zero = false;
      if (!ReadDate(text, &at, &date, &zero) || at != text.size()) {
        return Unreadable(text, "date");
      }
      if (zero) {
        out.SetNull(row, true);
        return Status::Ok();
      }
      out.mutable_values<int32_t>()[row] = static_cast<int32_t>(sql::DaysFromCivil(date));
      return Status::Ok();
    }
    case TextValueKind::kTimestamp: {
      size_t at = 0;
      sql::CivilDate date;
      bool zero = false;
      int hour = 0;
      int minute = 0;
      int second = 0;
      if (!ReadDate(text, &at, &date, &zero) || !Expect(text, &at, ' ') ||
          !Digits(text, &at, 2, &hour) || !Expect(text, &at, ':') ||
          !Digits(text, &at, 2, &minute) || !Expect(text, &at, ':') ||
          !Digits(text, &at, 2, &second) || hour > 23 || minute > 59 || second > 59) {
        return Unreadable(text, "timestamp");
      }
      int64_t millis = 0;
      if (at < text.size()) {
        // Fraction digits past the milliseconds are dropped (the engine
        // keeps milliseconds).
        if (!Expect(text, &at, '.') || at == text.size() || text.size() - at > 6) {
          return Unreadable(text, "timestamp");
        }
        int64_t scale = 100;
        for (; at < text.size(); ++at) {
          if (text[at] < '0' || text[at] > '9') {
            return Unreadable(text, "timestamp");
          }
          millis += (text[at] - '0') * scale;
          scale /= 10;
        }
      }
      if (zero) {
        out.SetNull(row, true);
        return Status::Ok();
      }
      out.mutable_values<int64_t>()[row] =
          sql::DaysFromCivil(date) * sql::kMillisPerDay +
          ((hour * 60 + minute) * 60 + second) * sql::kMillisPerSecond + millis;
      return Status::Ok();
    }
    case TextValueKind::kBytes:
      out.mutable_values<sql::StringView>()[row] = out.heap().Add(text);
      return Status::Ok();
  }
  return Status::Internal("unknown value kind");
}

}  // namespace stratus::connectors::mysql
