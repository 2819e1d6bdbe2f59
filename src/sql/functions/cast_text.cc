// CASTs from and to varchar, char and varbinary, and the text forms of
// numbers, dates and timestamps they use.

#include <algorithm>
#include <charconv>
#include <cmath>
#include <concepts>
#include <limits>

#include "base/format.h"
#include "sql/functions/cast_internal.h"
#include "sql/functions/datetime_internal.h"
#include "sql/types/calendar.h"
#include "sql/types/decimal.h"
#include "sql/types/sql_error.h"
#include "sql/types/value.h"

namespace stratus::sql::functions {
namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// Parses [+-]digits into an int64; false on anything else or overflow.
bool ParseInteger(std::string_view text, int64_t* out) {
  text = TrimJava(text);
  if (text.empty()) {
    return false;
  }
  bool negative = false;
  if (text.front() == '+' || text.front() == '-') {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  if (text.empty()) {
    return false;
  }
  uint64_t magnitude = 0;
  for (char c : text) {
    if (!IsDigit(c)) {
      return false;
    }
    if (magnitude > (std::numeric_limits<uint64_t>::max() - 9) / 10) {
      return false;
    }
    magnitude = magnitude * 10 + static_cast<uint64_t>(c - '0');
  }
  const uint64_t limit = negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
  if (magnitude > limit) {
    return false;
  }
  *out = negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
  return true;
}

// Reads 1..max_digits digits at text[*pos].
bool ReadNumber(
    std::string_view text, size_t* pos, size_t min_digits, size_t max_digits, int64_t* out) {
  size_t digits = 0;
  int64_t value = 0;
  while (*pos < text.size() && IsDigit(text[*pos]) && digits < max_digits) {
    value = value * 10 + (text[*pos] - '0');
    ++*pos;
    ++digits;
  }
  *out = value;
  return digits >= min_digits;
}

// Parses the date at the start of `text`, leaving *pos after it.
std::optional<int64_t> ParseDatePrefix(std::string_view text, size_t* pos) {
  bool negative = false;
  if (*pos < text.size() && (text[*pos] == '+' || text[*pos] == '-')) {
    negative = text[*pos] == '-';
    ++*pos;
  }
  int64_t year = 0;
  int64_t month = 0;
  int64_t day = 0;
  if (!ReadNumber(text, pos, 4, 9, &year) || *pos >= text.size() || text[*pos] != '-') {
    return std::nullopt;
  }
  ++*pos;
  if (!ReadNumber(text, pos, 1, 2, &month) || *pos >= text.size() || text[*pos] != '-') {
    return std::nullopt;
  }
  ++*pos;
  if (!ReadNumber(text, pos, 1, 2, &day)) {
    return std::nullopt;
  }
  if (negative) {
    year = -year;
  }
  if (!IsValidCivilDate(year, static_cast<int>(month), static_cast<int>(day))) {
    return std::nullopt;
  }
  return DaysFromCivil(
      CivilDate{.year = year, .month = static_cast<int>(month), .day = static_cast<int>(day)});
}

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && text.front() == ' ') {
    text.remove_prefix(1);
  }
  while (!text.empty() && text.back() == ' ') {
    text.remove_suffix(1);
  }
  return text;
}

// Counts UTF-8 code points.
size_t CodePoints(std::string_view text) {
  size_t count = 0;
  for (char c : text) {
    count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }
  return count;
}

// Returns the prefix holding the first `limit` code points.
std::string_view TruncateCodePoints(std::string_view text, size_t limit) {
  size_t count = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (count == limit) {
        return text.substr(0, i);
      }
      ++count;
    }
  }
  return text;
}

std::string_view StripTrailingSpaces(std::string_view text) {
  while (!text.empty() && text.back() == ' ') {
    text.remove_suffix(1);
  }
  return text;
}

// Formats a value of a scalar type as CAST(x AS varchar) does.
template <typename In>
std::string ToText(const LogicalType& from, In in) {
  if constexpr (std::is_same_v<In, StringView>) {
    return std::string(in.view());
  } else if constexpr (std::is_same_v<In, float>) {
    return FormatRealForCast(in);
  } else if constexpr (std::is_same_v<In, double>) {
    return FormatDoubleForCast(in);
  } else {
    switch (from.kind()) {
      case TypeKind::kBoolean:
        return in != 0 ? "true" : "false";
      case TypeKind::kDecimal:
        return DecimalToString(static_cast<Int128>(in), from.scale());
      case TypeKind::kDate:
        return FormatDate(static_cast<int64_t>(in));
      case TypeKind::kTimestamp:
        return FormatTimestampText(static_cast<int64_t>(in), from.precision());
      case TypeKind::kIntervalDayToSecond:
        return Value::IntervalDayToSecond(static_cast<int64_t>(in)).ToString();
      case TypeKind::kIntervalYearToMonth:
        return Value::IntervalYearToMonth(static_cast<int32_t>(in)).ToString();
      case TypeKind::kTimestampWithTimeZone:
        return FormatTimestampText(LocalMillisOf(static_cast<int64_t>(in)), from.precision()) +
               " " + ZoneName(ZoneKeyOfPacked(static_cast<int64_t>(in)));
      default:
        return Int128ToString(static_cast<Int128>(in));
    }
  }
}

template <typename In>
ScalarKernel ToVarcharKernel(const LogicalType& from, const LogicalType& to, bool try_cast) {
  return [from, to, try_cast](std::span<const Vector> arguments, size_t rows,
                              const FunctionContext& /*context*/, Vector* result) -> Status {
    const bool bounded = to.length() != LogicalType::kUnboundedLength;
    const bool truncates = from.is_string();
    const size_t pad = from.kind() == TypeKind::kChar ? static_cast<size_t>(from.length()) : 0;
    return CastLoop<In, StringView>(
        arguments[0], rows, to, try_cast, result,
        [&](In in, StringView* out) {
          std::string text = ToText<In>(from, in);
          if (pad > 0) {
            const size_t length = CodePoints(text);
            if (length < pad) {
              text.append(pad - length, ' ');
            }
          }
          if (bounded && CodePoints(text) > static_cast<size_t>(to.length())) {
            if (!truncates) {
              return false;
            }
            text = std::string(TruncateCodePoints(text, static_cast<size_t>(to.length())));
          }
          *out = AddString(result, text);
          return true;
        },
        [&](In in) {
          return SqlError(kInvalidCastArgument, Format("Value {} cannot be represented as {}",
                                                       ToText<In>(from, in), to.ToString()));
        });
  };
}

ScalarKernel ToVarcharFrom(const LogicalType& from, const LogicalType& to, bool try_cast) {
  switch (from.physical_type()) {
    case PhysicalType::kBool:
      return ToVarcharKernel<uint8_t>(from, to, try_cast);
    case PhysicalType::kInt8:
      return ToVarcharKernel<int8_t>(from, to, try_cast);
    case PhysicalType::kInt16:
      return ToVarcharKernel<int16_t>(from, to, try_cast);
    case PhysicalType::kInt32:
      return ToVarcharKernel<int32_t>(from, to, try_cast);
    case PhysicalType::kInt64:
      return ToVarcharKernel<int64_t>(from, to, try_cast);
    case PhysicalType::kInt128:
      return ToVarcharKernel<Int128>(from, to, try_cast);
    case PhysicalType::kFloat:
      return ToVarcharKernel<float>(from, to, try_cast);
    case PhysicalType::kDouble:
      return ToVarcharKernel<double>(from, to, try_cast);
    case PhysicalType::kString:
      return ToVarcharKernel<StringView>(from, to, try_cast);
    default:
      return nullptr;
  }
}

std::string TypeWord(TypeKind kind) {
  switch (kind) {
    case TypeKind::kBoolean:
      return "BOOLEAN";
    case TypeKind::kTinyint:
      return "TINYINT";
    case TypeKind::kSmallint:
      return "SMALLINT";
    case TypeKind::kInteger:
      return "INT";
    case TypeKind::kBigint:
      return "BIGINT";
    case TypeKind::kReal:
      return "REAL";
    default:
      return "DOUBLE";
  }
}

template <typename Out, typename Parse>
ScalarKernel FromTextKernel(const LogicalType& to, bool try_cast, Parse parse) {
  return [to, try_cast, parse](std::span<const Vector> arguments, size_t rows,
                               const FunctionContext& /*context*/, Vector* result) -> Status {
    return CastLoop<StringView, Out>(
        arguments[0], rows, to, try_cast, result,
        [&](StringView in, Out* out) { return parse(in.view(), out); },
        [&](StringView in) -> Status {
          switch (to.kind()) {
            case TypeKind::kDate:
              return SqlError(kInvalidCastArgument,
                              Format("Value cannot be cast to date: {}", in.view()));
            case TypeKind::kTimestamp:
            case TypeKind::kTimestampWithTimeZone:
              return SqlError(kInvalidCastArgument,
                              Format("Value cannot be cast to timestamp: {}", in.view()));
            case TypeKind::kDecimal: {
              const bool number = ParseDecimal(TrimJava(in.view()), 38, to.scale()).has_value();
              return SqlError(kInvalidCastArgument,
                              Format("Cannot cast VARCHAR '{}' to {}. Value {}.", in.view(),
                                     CastTypeName(to), number ? "too large" : "is not a number"));
            }
            default:
              return SqlError(kInvalidCastArgument,
                              Format("Cannot cast '{}' to {}", in.view(), TypeWord(to.kind())));
          }
        });
  };
}

// Casts text with `parse`, which returns a std::optional of a value that
// converts to Out; nullopt is a failed cast.
template <typename Out, typename ParseOptional>
ScalarKernel OptionalFromText(const LogicalType& to, bool try_cast, ParseOptional parse) {
  return FromTextKernel<Out>(to, try_cast, [parse](std::string_view text, Out* out) {
    const auto value = parse(text);
    *out = static_cast<Out>(value.value_or(0));
    return value.has_value();
  });
}

template <typename Out>
ScalarKernel IntegerFromText(const LogicalType& to, bool try_cast) {
  return FromTextKernel<Out>(to, try_cast, [](std::string_view text, Out* out) {
    int64_t value = 0;
    if (!ParseInteger(text, &value) || value < std::numeric_limits<Out>::min() ||
        value > std::numeric_limits<Out>::max()) {
      return false;
    }
    *out = static_cast<Out>(value);
    return true;
  });
}

ScalarKernel FromText(const LogicalType& to, bool try_cast) {
  switch (to.kind()) {
    case TypeKind::kBoolean:
      return FromTextKernel<uint8_t>(to, try_cast, [](std::string_view text, uint8_t* out) {
        text = TrimJava(text);
        auto equals = [&](std::string_view word) {
          return std::equal(text.begin(), text.end(), word.begin(), word.end(), [](char a, char b) {
            return std::tolower(static_cast<unsigned char>(a)) == b;
          });
        };
        if (equals("true") || equals("t") || equals("1")) {
          *out = 1;
          return true;
        }
        if (equals("false") || equals("f") || equals("0")) {
          *out = 0;
          return true;
        }
        return false;
      });
    case TypeKind::kTinyint:
      return IntegerFromText<int8_t>(to, try_cast);
    case TypeKind::kSmallint:
      return IntegerFromText<int16_t>(to, try_cast);
    case TypeKind::kInteger:
      return IntegerFromText<int32_t>(to, try_cast);
    case TypeKind::kBigint:
      return IntegerFromText<int64_t>(to, try_cast);
    case TypeKind::kDouble:
      return OptionalFromText<double>(to, try_cast,
                                      [](std::string_view text) { return ParseDoubleText(text); });
    case TypeKind::kReal:
      return OptionalFromText<float>(to, try_cast,
                                     [](std::string_view text) { return ParseDoubleText(text); });
    case TypeKind::kDecimal: {
      auto parse_decimal = [to](std::string_view text) {
        return ParseDecimal(TrimJava(text), to.precision(), to.scale());
      };
      if (to.is_short_decimal()) {
        return OptionalFromText<int64_t>(to, try_cast, parse_decimal);
      }
      return OptionalFromText<Int128>(to, try_cast, parse_decimal);
    }
    case TypeKind::kDate:
      return OptionalFromText<int32_t>(to, try_cast,
                                       [](std::string_view text) { return ParseDateText(text); });
    case TypeKind::kTimestamp:
      return OptionalFromText<int64_t>(
          to, try_cast, [](std::string_view text) { return ParseTimestampText(text); });
    case TypeKind::kTimestampWithTimeZone:
      // 'YYYY-MM-DD HH:MM:SS[.fff] [zone]'; without a zone the session's (UTC).
      return FromTextKernel<int64_t>(to, try_cast, [](std::string_view text, int64_t* out) {
        text = TrimSpaces(text);
        std::optional<int64_t> millis = ParseTimestampText(text);
        int16_t zone = 0;
        if (!millis.has_value()) {
          const size_t space = text.rfind(' ');
          if (space == std::string_view::npos) {
            return false;
          }
          Result<int16_t> key = ZoneKeyOf(text.substr(space + 1));
          millis = ParseTimestampText(text.substr(0, space));
          if (!key.ok() || !millis.has_value()) {
            return false;
          }
          zone = *key;
        }
        *out = PackTimestampWithTimeZone(UtcMillisFromLocal(zone, *millis), zone);
        return true;
      });
    default:
      return nullptr;
  }
}

// varchar/char → char(n): truncate, and drop trailing spaces (char values are stored without).
ScalarKernel ToCharKernel(const LogicalType& to) {
  return [to](std::span<const Vector> arguments, size_t rows, const FunctionContext& /*context*/,
              Vector* result) -> Status {
    return CastLoop<StringView, StringView>(
        arguments[0], rows, to, false, result,
        [&](StringView in, StringView* out) {
          std::string_view text = TruncateCodePoints(in.view(), static_cast<size_t>(to.length()));
          *out = AddString(result, StripTrailingSpaces(text));
          return true;
        },
        [](StringView /*in*/) { return Status::Ok(); });
  };
}

// Reinterprets the bytes (varchar → varbinary, json text).
ScalarKernel CopyStringKernel(const LogicalType& to) {
  return [to](std::span<const Vector> arguments, size_t rows, const FunctionContext& /*context*/,
              Vector* result) -> Status {
    ArgumentData a(arguments[0]);
    NewResult(to, rows, result);
    PropagateNulls(a, rows, result);
    a.ShareStringsWith(result);
    const auto* in = a.values<StringView>();
    auto* out = result->mutable_values<StringView>();
    for (size_t i = 0; i < rows; ++i) {
      out[i] = in[a.Index(i)];
    }
    return Status::Ok();
  };
}

}  // namespace

std::string_view TrimJava(std::string_view text) {
  while (!text.empty() && static_cast<unsigned char>(text.front()) <= ' ') {
    text.remove_prefix(1);
  }
  while (!text.empty() && static_cast<unsigned char>(text.back()) <= ' ') {
    text.remove_suffix(1);
  }
  return text;
}

std::optional<int32_t> ParseDateText(std::string_view text) {
  text = TrimSpaces(text);
  size_t pos = 0;
  std::optional<int64_t> days = ParseDatePrefix(text, &pos);
  if (!days.has_value() || pos != text.size() || *days < std::numeric_limits<int32_t>::min() ||
      *days > std::numeric_limits<int32_t>::max()) {
    return std::nullopt;
  }
  return static_cast<int32_t>(*days);
}

std::optional<int64_t> ParseTimestampText(std::string_view text) {
  text = TrimSpaces(text);
  size_t pos = 0;
  std::optional<int64_t> days = ParseDatePrefix(text, &pos);
  if (!days.has_value()) {
    return std::nullopt;
  }
  int64_t millis = *days * kMillisPerDay;
  if (pos == text.size()) {
    return millis;
  }
  if (text[pos] != ' ' && text[pos] != 'T') {
    return std::nullopt;
  }
  ++pos;
  int64_t hour = 0;
  int64_t minute = 0;
  int64_t second = 0;
  if (!ReadNumber(text, &pos, 1, 2, &hour) || pos >= text.size() || text[pos] != ':') {
    return std::nullopt;
  }
  ++pos;
  if (!ReadNumber(text, &pos, 2, 2, &minute)) {
    return std::nullopt;
  }
  int64_t fraction_millis = 0;
  if (pos < text.size() && text[pos] == ':') {
    ++pos;
    if (!ReadNumber(text, &pos, 2, 2, &second)) {
      return std::nullopt;
    }
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      const size_t start = pos;
      int64_t digits = 0;
      int64_t scale = 1;
      while (pos < text.size() && IsDigit(text[pos]) && pos - start < 12) {
        digits = digits * 10 + (text[pos] - '0');
        scale *= 10;
        ++pos;
      }
      if (pos == start) {
        return std::nullopt;
      }
      // Round to milliseconds, half up.
      fraction_millis = (digits * 1000 * 2 + scale) / (scale * 2);
    }
  }
  if (pos != text.size() || hour > 23 || minute > 59 || second > 59) {
    return std::nullopt;
  }
  return millis + ((hour * 60 + minute) * 60 + second) * kMillisPerSecond + fraction_millis;
}

std::string FormatTimestampText(int64_t millis, int precision) {
  std::string text = FormatTimestampMillis(millis);
  if (precision == 3) {
    return text;
  }
  if (precision < 3) {
    text.resize(text.size() - static_cast<size_t>(3 - precision) - (precision == 0 ? 1 : 0));
    return text;
  }
  text.append(static_cast<size_t>(precision - 3), '0');
  return text;
}

namespace {

// Rewrites to_chars' shortest scientific form ("1.5e+00") as Java's "1.5E0".
std::string ScientificJava(const char* begin, const char* end) {
  std::string_view text(begin, static_cast<size_t>(end - begin));
  const size_t e = text.find('e');
  std::string mantissa(text.substr(0, e));
  if (mantissa.find('.') == std::string::npos) {
    mantissa += ".0";
  }
  const int exponent = std::stoi(std::string(text.substr(e + 1)));
  return mantissa + "E" + std::to_string(exponent);
}

// Formats a double or a real as Java's Double.toString and Float.toString do
// in scientific form, the shortest digits that read back as `value`.
template <std::floating_point T>
std::string FormatFloatingForCast(T value) {
  if (value == 0) {
    return std::signbit(value) ? "-0E0" : "0E0";
  }
  if (std::isnan(value)) {
    return "NaN";
  }
  if (std::isinf(value)) {
    return value > 0 ? "Infinity" : "-Infinity";
  }
  char buffer[64];
  std::to_chars_result end =
      std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
  return ScientificJava(buffer, end.ptr);
}

}  // namespace

std::string FormatDoubleForCast(double value) {
  return FormatFloatingForCast(value);
}

std::string FormatRealForCast(float value) {
  return FormatFloatingForCast(value);
}

std::optional<double> ParseDoubleText(std::string_view text) {
  text = TrimJava(text);
  bool negative = false;
  std::string_view body = text;
  if (!body.empty() && (body.front() == '+' || body.front() == '-')) {
    negative = body.front() == '-';
    body.remove_prefix(1);
  }
  if (body == "NaN") {
    return std::numeric_limits<double>::quiet_NaN();
  }
  if (body == "Infinity") {
    return negative ? -std::numeric_limits<double>::infinity()
                    : std::numeric_limits<double>::infinity();
  }
  if (!body.empty() &&
      (body.back() == 'd' || body.back() == 'D' || body.back() == 'f' || body.back() == 'F')) {
    body.remove_suffix(1);
  }
  if (body.empty() || body.front() == '+' || body.front() == '-') {
    return std::nullopt;
  }
  for (char c : body) {
    if (!IsDigit(c) && c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-') {
      return std::nullopt;
    }
  }
  double value = 0;
  std::from_chars_result parsed = std::from_chars(body.data(), body.data() + body.size(), value);
  if (parsed.ec == std::errc::result_out_of_range) {
    // Overflow to infinity or underflow to zero, as Java does.
    const bool has_negative_exponent =
        body.find("e-") != std::string_view::npos || body.find("E-") != std::string_view::npos;
    value = has_negative_exponent ? 0.0 : std::numeric_limits<double>::infinity();
  } else if (parsed.ec != std::errc() || parsed.ptr != body.data() + body.size()) {
    return std::nullopt;
  }
  return negative ? -value : value;
}

ScalarKernel TextCastKernel(const LogicalType& from, const LogicalType& to, bool try_cast) {
  const TypeKind f = from.kind();
  const TypeKind t = to.kind();
  if (t == TypeKind::kVarchar) {
    if (f == TypeKind::kVarbinary || f == TypeKind::kJson || from.is_nested()) {
      return nullptr;
    }
    return ToVarcharFrom(from, to, try_cast);
  }
  if (t == TypeKind::kChar) {
    if (f == TypeKind::kVarchar || f == TypeKind::kChar) {
      return ToCharKernel(to);
    }
    return nullptr;
  }
  if (t == TypeKind::kVarbinary) {
    return f == TypeKind::kVarchar ? CopyStringKernel(to) : nullptr;
  }
  if (f == TypeKind::kVarchar || f == TypeKind::kChar) {
    return FromText(to, try_cast);
  }
  return nullptr;
}

}  // namespace stratus::sql::functions
