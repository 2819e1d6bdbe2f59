// Literals typed as Trino types them, and types as written.

#include <cerrno>
#include <cstdlib>
#include <string>

#include "sql/binder/binder_internal.h"
#include "sql/functions/function.h"
#include "sql/parser/to_sql.h"
#include "sql/types/calendar.h"
#include "sql/types/decimal.h"
#include "sql/types/sql_error.h"
#include "sql/types/type_names.h"

namespace stratus::sql::binder {
namespace {

size_t CountCodePoints(std::string_view text) {
  size_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++count;
    }
  }
  return count;
}

bool ParseDigits(std::string_view text, size_t* pos, size_t count, int64_t* value) {
  int64_t out = 0;
  for (size_t i = 0; i < count; ++i) {
    if (*pos >= text.size() || text[*pos] < '0' || text[*pos] > '9') {
      return false;
    }
    out = out * 10 + (text[*pos] - '0');
    ++*pos;
  }
  *value = out;
  return true;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') {
    text.remove_prefix(1);
  }
  while (!text.empty() && text.back() == ' ') {
    text.remove_suffix(1);
  }
  return text;
}

// Parses "YYYY-MM-DD" into days since the epoch.
bool ParseDateText(std::string_view text, size_t* pos, int64_t* days) {
  int64_t year = 0;
  int64_t month = 0;
  int64_t day = 0;
  size_t start = *pos;
  while (*pos < text.size() && text[*pos] >= '0' && text[*pos] <= '9') {
    ++*pos;
  }
  if (*pos - start < 1 || *pos - start > 6) {
    return false;
  }
  size_t year_pos = start;
  if (!ParseDigits(text, &year_pos, *pos - start, &year)) {
    return false;
  }
  if (*pos >= text.size() || text[*pos] != '-') {
    return false;
  }
  ++*pos;
  size_t month_start = *pos;
  while (*pos < text.size() && text[*pos] >= '0' && text[*pos] <= '9') {
    ++*pos;
  }
  size_t month_pos = month_start;
  if (*pos - month_start < 1 || *pos - month_start > 2 ||
      !ParseDigits(text, &month_pos, *pos - month_start, &month)) {
    return false;
  }
  if (*pos >= text.size() || text[*pos] != '-') {
    return false;
  }
  ++*pos;
  size_t day_start = *pos;
  while (*pos < text.size() && text[*pos] >= '0' && text[*pos] <= '9') {
    ++*pos;
  }
  size_t day_pos = day_start;
  if (*pos - day_start < 1 || *pos - day_start > 2 ||
      !ParseDigits(text, &day_pos, *pos - day_start, &day)) {
    return false;
  }
  if (!IsValidCivilDate(year, static_cast<int>(month), static_cast<int>(day))) {
    return false;
  }
  *days =
      DaysFromCivil({.year = year, .month = static_cast<int>(month), .day = static_cast<int>(day)});
  return true;
}

// Parses "HH:MM[:SS[.fff]]" into milliseconds of the day.
bool ParseTimeText(std::string_view text, size_t* pos, int64_t* millis) {
  int64_t hour = 0;
  int64_t minute = 0;
  int64_t second = 0;
  int64_t fraction = 0;
  if (!ParseDigits(text, pos, 2, &hour) || *pos >= text.size() || text[*pos] != ':') {
    return false;
  }
  ++*pos;
  if (!ParseDigits(text, pos, 2, &minute)) {
    return false;
  }
  if (*pos < text.size() && text[*pos] == ':') {
    ++*pos;
    if (!ParseDigits(text, pos, 2, &second)) {
      return false;
    }
    if (*pos < text.size() && text[*pos] == '.') {
      ++*pos;
      int digits = 0;
      while (*pos < text.size() && text[*pos] >= '0' && text[*pos] <= '9') {
        if (digits < 3) {
          fraction = fraction * 10 + (text[*pos] - '0');
        }
        ++digits;
        ++*pos;
      }
      if (digits == 0) {
        return false;
      }
      for (int i = digits; i < 3; ++i) {
        fraction *= 10;
      }
    }
  }
  if (hour > 23 || minute > 59 || second > 59) {
    return false;
  }
  *millis = ((hour * 60 + minute) * 60 + second) * 1000 + fraction;
  return true;
}

Result<plan::ExprPtr> BindDecimalText(std::string_view text, parser::SourcePosition position) {
  std::string digits;
  int scale = 0;
  bool negative = false;
  bool seen_point = false;
  for (char c : text) {
    if (c == '-') {
      negative = true;
    } else if (c == '+') {
      continue;
    } else if (c == '.') {
      seen_point = true;
    } else if (c >= '0' && c <= '9') {
      digits.push_back(c);
      scale += seen_point ? 1 : 0;
    } else {
      return ErrorAt(kInvalidLiteral, position,
                     "'" + std::string(text) + "' is not a valid decimal literal");
    }
  }
  size_t first = digits.find_first_not_of('0');
  std::string significant = first == std::string::npos ? "" : digits.substr(first);
  int precision = std::max<int>({static_cast<int>(significant.size()), scale, 1});
  if (precision > LogicalType::kMaxDecimalPrecision) {
    return ErrorAt(kInvalidLiteral, position,
                   "Decimal literal " + std::string(text) + " is out of range");
  }
  LogicalType type = LogicalType::Decimal(precision, scale);
  std::string unscaled = (negative ? "-" : "") + (significant.empty() ? "0" : significant);
  std::optional<Int128> value = ParseDecimal(unscaled, LogicalType::kMaxDecimalPrecision, 0);
  if (!value.has_value()) {
    return ErrorAt(kInvalidLiteral, position, "Invalid decimal literal " + std::string(text));
  }
  return plan::MakeConstant(Value::Decimal(type, *value));
}

Result<plan::ExprPtr> BindInterval(const parser::LiteralExpression& literal) {
  std::string_view text = Trim(literal.value);
  bool negative = literal.interval_negative;
  if (!text.empty() && text.front() == '-') {
    negative = !negative;
    text.remove_prefix(1);
  }
  const std::string& from = literal.interval_from;
  const std::string& to = literal.interval_to;
  Status invalid = ErrorAt(
      kInvalidLiteral, literal.position,
      "Invalid INTERVAL " + from + (to.empty() ? "" : " TO " + to) + " value: " + literal.value);
  if (from == "YEAR" || from == "MONTH") {
    int64_t years = 0;
    int64_t months = 0;
    size_t pos = 0;
    int64_t first = 0;
    size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      first = first * 10 + (text[pos++] - '0');
    }
    if (pos == start) {
      return invalid;
    }
    if (from == "YEAR") {
      years = first;
      if (to == "MONTH") {
        if (pos >= text.size() || text[pos] != '-') {
          return invalid;
        }
        ++pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
          months = months * 10 + (text[pos++] - '0');
        }
      }
    } else {
      months = first;
    }
    if (pos != text.size()) {
      return invalid;
    }
    int64_t total = years * 12 + months;
    return plan::MakeConstant(
        Value::IntervalYearToMonth(static_cast<int32_t>(negative ? -total : total)));
  }
  // Day-to-second intervals: "d", "d h:m:s", "h:m", "s.fff" by the leading field.
  int64_t millis = 0;
  char* end = nullptr;
  std::string owned(text);
  if (to.empty()) {
    double amount = std::strtod(owned.c_str(), &end);
    if (end == owned.c_str() || *end != '\0') {
      return invalid;
    }
    double unit = from == "DAY"      ? 86'400'000.0
                  : from == "HOUR"   ? 3'600'000.0
                  : from == "MINUTE" ? 60'000.0
                                     : 1000.0;
    millis = static_cast<int64_t>(amount * unit + (amount >= 0 ? 0.5 : -0.5));
  } else {
    int64_t days = 0;
    size_t pos = 0;
    if (from == "DAY") {
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        days = days * 10 + (text[pos++] - '0');
      }
      while (pos < text.size() && text[pos] == ' ') {
        ++pos;
      }
    }
    int64_t parts[3] = {0, 0, 0};
    int num_parts = 0;
    double seconds = 0;
    while (pos < text.size() && num_parts < 3) {
      size_t start = pos;
      while (pos < text.size() && text[pos] != ':') {
        ++pos;
      }
      std::string part(text.substr(start, pos - start));
      double value = std::strtod(part.c_str(), &end);
      if (part.empty() || *end != '\0') {
        return invalid;
      }
      parts[num_parts] = static_cast<int64_t>(value);
      seconds = value;
      ++num_parts;
      if (pos < text.size()) {
        ++pos;
      }
    }
    int64_t hours = 0;
    int64_t minutes = 0;
    double secs = 0;
    if (from == "DAY" || from == "HOUR") {
      hours = num_parts > 0 ? parts[0] : 0;
      minutes = num_parts > 1 ? parts[1] : 0;
      secs = num_parts > 2 ? seconds : 0;
    } else if (from == "MINUTE") {
      minutes = num_parts > 0 ? parts[0] : 0;
      secs = num_parts > 1 ? seconds : 0;
    }
    millis = days * 86'400'000 + hours * 3'600'000 + minutes * 60'000 +
             static_cast<int64_t>(secs * 1000.0 + 0.5);
  }
  return plan::MakeConstant(Value::IntervalDayToSecond(negative ? -millis : millis));
}

Result<plan::ExprPtr> BindTyped(const parser::LiteralExpression& literal) {
  const std::string& type_name = literal.type_name;
  std::string_view text = Trim(literal.value);
  if (type_name == "date") {
    size_t pos = 0;
    int64_t days = 0;
    if (!ParseDateText(text, &pos, &days) || pos != text.size()) {
      return ErrorAt(kInvalidLiteral, literal.position,
                     "'" + literal.value + "' is not a valid DATE literal");
    }
    return plan::MakeConstant(Value::Date(static_cast<int32_t>(days)));
  }
  if (type_name == "timestamp") {
    size_t pos = 0;
    int64_t days = 0;
    int64_t millis = 0;
    bool ok = ParseDateText(text, &pos, &days);
    if (ok && pos < text.size()) {
      ok = (text[pos] == ' ' || text[pos] == 'T');
      ++pos;
      ok = ok && ParseTimeText(text, &pos, &millis);
    }
    if (ok && pos == text.size()) {
      return plan::MakeConstant(Value::Timestamp(days * kMillisPerDay + millis));
    }
    // With a zone: the cast from varchar decides.
    STRATUS_ASSIGN_OR_RETURN(auto cast,
                             functions::ResolveCast(LogicalType::Varchar(),
                                                    LogicalType::TimestampWithTimeZone(), false));
    return plan::MakeCast(std::move(cast), plan::MakeConstant(Value::Varchar(literal.value)),
                          false);
  }
  if (type_name == "decimal" || type_name == "numeric") {
    return BindDecimalText(text, literal.position);
  }
  if (type_name == "varchar" || type_name == "char" || type_name == "json" ||
      type_name == "varbinary" || type_name == "time") {
    if (type_name == "char") {
      return plan::MakeConstant(Value::Char(
          static_cast<int>(std::max<size_t>(CountCodePoints(literal.value), 1)), literal.value));
    }
    if (type_name == "json") {
      return plan::MakeConstant(Value::Json(literal.value));
    }
    if (type_name == "varchar") {
      return plan::MakeConstant(Value::Varchar(literal.value));
    }
  }
  auto type = ParseTrinoType(type_name);
  if (!type.ok()) {
    return ErrorAt(kTypeNotFound, literal.position, "Unknown type: " + type_name);
  }
  STRATUS_ASSIGN_OR_RETURN(auto cast, functions::ResolveCast(LogicalType::Varchar(), *type, false));
  return plan::MakeCast(std::move(cast), plan::MakeConstant(Value::Varchar(literal.value)), false);
}

}  // namespace

Result<plan::ExprPtr> BindLiteral(const parser::LiteralExpression& literal) {
  switch (literal.literal_kind) {
    case parser::LiteralKind::kNull:
      return plan::MakeConstant(Value::Null(LogicalType::Unknown()));
    case parser::LiteralKind::kBoolean:
      return plan::MakeConstant(Value::Boolean(literal.value == "true"));
    case parser::LiteralKind::kInteger: {
      errno = 0;
      char* end = nullptr;
      long long value = std::strtoll(literal.value.c_str(), &end, 10);
      if (errno == ERANGE || *end != '\0') {
        return ErrorAt(kInvalidLiteral, literal.position,
                       "Invalid numeric literal: " + literal.value);
      }
      if (value >= INT32_MIN && value <= INT32_MAX) {
        return plan::MakeConstant(Value::Integer(static_cast<int32_t>(value)));
      }
      return plan::MakeConstant(Value::Bigint(value));
    }
    case parser::LiteralKind::kDecimal:
      return BindDecimalText(literal.value, literal.position);
    case parser::LiteralKind::kDouble:
      return plan::MakeConstant(Value::Double(std::strtod(literal.value.c_str(), nullptr)));
    case parser::LiteralKind::kString:
      return plan::MakeConstant(Value::FromString(
          LogicalType::Varchar(static_cast<int>(CountCodePoints(literal.value))), literal.value));
    case parser::LiteralKind::kBinary: {
      std::string bytes;
      const std::string& hex = literal.value;
      auto digit = [](char c) {
        return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
      };
      for (size_t i = 0; i + 1 < hex.size(); i += 2) {
        bytes.push_back(static_cast<char>(digit(hex[i]) * 16 + digit(hex[i + 1])));
      }
      return plan::MakeConstant(Value::Varbinary(std::move(bytes)));
    }
    case parser::LiteralKind::kTyped:
      return BindTyped(literal);
    case parser::LiteralKind::kInterval:
      return BindInterval(literal);
  }
  return ErrorAt(kNotSupported, literal.position, "Unsupported literal");
}

Result<LogicalType> ResolveDataType(const parser::DataType& type) {
  std::string text = parser::ToSql(type);
  if (text == "text") {
    // SQLite's and PostgreSQL's TEXT (the sqllogictest corpus' DDL) is varchar.
    return LogicalType::Varchar();
  }
  if (type.syntax == parser::TypeSyntax::kAngleBrackets) {
    auto hive = ParseHiveType(text);
    if (hive.ok()) {
      return *hive;
    }
  }
  auto trino = ParseTrinoType(text);
  if (trino.ok()) {
    return *trino;
  }
  auto hive = ParseHiveType(text);
  if (hive.ok()) {
    return *hive;
  }
  return ErrorAt(kTypeNotFound, type.position, "Unknown type: " + text);
}

}  // namespace stratus::sql::binder
