// Date/time text: ISO 8601 (from_iso8601_*, to_iso8601), MySQL-style
// date_format/date_parse, and Joda-style format_datetime/parse_datetime.

#include <array>
#include <string>

#include "base/format.h"
#include "sql/functions/calendar_math_internal.h"
#include "sql/functions/cast_internal.h"
#include "sql/functions/datetime_internal.h"
#include "sql/functions/kernel_frame_internal.h"
#include "sql/types/calendar.h"
#include "sql/types/sql_error.h"

namespace stratus::sql::functions {
namespace {

constexpr std::string_view kTimestampTzName = "timestamp(3) with time zone";

constexpr std::array<std::string_view, 12> kMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 7> kDayNames = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

int64_t DaysOf(int64_t millis) {
  return FloorDivide(millis, kMillisPerDay);
}

std::string Pad(int64_t value, int width) {
  std::string text = std::to_string(value < 0 ? -value : value);
  if (static_cast<int>(text.size()) < width) {
    text.insert(0, static_cast<size_t>(width) - text.size(), '0');
  }
  return value < 0 ? "-" + text : text;
}

// Formats local millis with MySQL's specifiers (Trino's date_format).
Result<std::string> MySqlFormat(int64_t millis, std::string_view format) {
  const DateTimeParts p = PartsFromMillis(millis);
  const int64_t days = DaysOf(millis);
  const int dow = IsoDayOfWeek(days);
  const int hour12 = p.hour % 12 == 0 ? 12 : p.hour % 12;
  std::string out;
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%' || i + 1 >= format.size()) {
      out += format[i];
      continue;
    }
    const char c = format[++i];
    switch (c) {
      case 'a':
        out += kDayNames[static_cast<size_t>(dow - 1)].substr(0, 3);
        break;
      case 'b':
        out += kMonthNames[static_cast<size_t>(p.month - 1)].substr(0, 3);
        break;
      case 'c':
        out += std::to_string(p.month);
        break;
      case 'D': {
        const int d = p.day;
        const char* suffix = (d % 100 >= 11 && d % 100 <= 13) ? "th"
                             : d % 10 == 1                    ? "st"
                             : d % 10 == 2                    ? "nd"
                             : d % 10 == 3                    ? "rd"
                                                              : "th";
        out += std::to_string(d) + suffix;
        break;
      }
      case 'd':
        out += Pad(p.day, 2);
        break;
      case 'e':
        out += std::to_string(p.day);
        break;
      case 'f':
        out += Pad(p.millis * 1000LL, 6);
        break;
      case 'H':
        out += Pad(p.hour, 2);
        break;
      case 'h':
      case 'I':
        out += Pad(hour12, 2);
        break;
      case 'i':
        out += Pad(p.minute, 2);
        break;
      case 'j':
        out += Pad(DayOfYear(days), 3);
        break;
      case 'k':
        out += std::to_string(p.hour);
        break;
      case 'l':
        out += std::to_string(hour12);
        break;
      case 'M':
        out += kMonthNames[static_cast<size_t>(p.month - 1)];
        break;
      case 'm':
        out += Pad(p.month, 2);
        break;
      case 'p':
        out += p.hour < 12 ? "AM" : "PM";
        break;
      case 'r':
        out += Pad(hour12, 2) + ":" + Pad(p.minute, 2) + ":" + Pad(p.second, 2) +
               (p.hour < 12 ? " AM" : " PM");
        break;
      case 'S':
      case 's':
        out += Pad(p.second, 2);
        break;
      case 'T':
        out += Pad(p.hour, 2) + ":" + Pad(p.minute, 2) + ":" + Pad(p.second, 2);
        break;
      case 'v': {
        int64_t week_year = 0;
        out += Pad(IsoWeek(days, &week_year), 2);
        break;
      }
      case 'W':
        out += kDayNames[static_cast<size_t>(dow - 1)];
        break;
      case 'x': {
        int64_t week_year = 0;
        IsoWeek(days, &week_year);
        out += Pad(week_year, 4);
        break;
      }
      case 'Y':
        out += Pad(p.year, 4);
        break;
      case 'y':
        out += Pad(((p.year % 100) + 100) % 100, 2);
        break;
      case '%':
        out += '%';
        break;
      default:
        return SqlError(kInvalidFunctionArgument,
                        Format("Unsupported format specifier %{} in date_format", c));
    }
  }
  return out;
}

// Reads up to max_digits digits (at least one).
bool ReadDigits(std::string_view text, size_t* pos, int max_digits, int64_t* out) {
  int digits = 0;
  int64_t value = 0;
  while (*pos < text.size() && digits < max_digits && text[*pos] >= '0' && text[*pos] <= '9') {
    value = value * 10 + (text[(*pos)++] - '0');
    ++digits;
  }
  *out = value;
  return digits > 0;
}

bool ReadName(std::string_view text,
              size_t* pos,
              bool short_form,
              int* index,
              const std::string_view* names,
              size_t count) {
  for (size_t i = 0; i < count; ++i) {
    const std::string_view name = short_form ? names[i].substr(0, 3) : names[i];
    if (text.size() - *pos >= name.size()) {
      bool equal = true;
      for (size_t j = 0; j < name.size() && equal; ++j) {
        equal = std::tolower(static_cast<unsigned char>(text[*pos + j])) ==
                std::tolower(static_cast<unsigned char>(name[j]));
      }
      if (equal) {
        *pos += name.size();
        *index = static_cast<int>(i);
        return true;
      }
    }
  }
  return false;
}

// Reads the field of specifier %c at text[pos]; false when the text does not match
// (*unsupported when the specifier is not one date_parse knows).
bool ParseSpecifier(char c,
                    std::string_view text,
                    size_t& pos,
                    DateTimeParts& p,
                    bool& pm,
                    bool& has_ampm,
                    bool* unsupported) {
  int64_t value = 0;
  int index = 0;
  switch (c) {
    case 'Y':
      if (!ReadDigits(text, &pos, 4, &value)) {
        return false;
      }
      p.year = value;
      break;
    case 'y':
      if (!ReadDigits(text, &pos, 2, &value)) {
        return false;
      }
      p.year = value < 70 ? 2000 + value : 1900 + value;
      break;
    case 'm':
    case 'c':
      if (!ReadDigits(text, &pos, 2, &value)) {
        return false;
      }
      p.month = static_cast<int>(value);
      break;
    case 'd':
    case 'e':
      if (!ReadDigits(text, &pos, 2, &value)) {
        return false;
      }
      p.day = static_cast<int>(value);
      break;
    case 'H':
    case 'k':
    case 'h':
    case 'I':
    case 'l':
      if (!ReadDigits(text, &pos, 2, &value)) {
        return false;
      }
      p.hour = static_cast<int>(value);
      break;
    case 'i':
      if (!ReadDigits(text, &pos, 2, &value)) {
        return false;
      }
      p.minute = static_cast<int>(value);
      break;
    case 'S':
    case 's':
      if (!ReadDigits(text, &pos, 2, &value)) {
        return false;
      }
      p.second = static_cast<int>(value);
      break;
    case 'f': {
      const size_t start = pos;
      if (!ReadDigits(text, &pos, 9, &value)) {
        return false;
      }
      int64_t scale = 1;
      for (size_t d = start; d < pos; ++d) {
        scale *= 10;
      }
      p.millis = static_cast<int>(value * 1000 / scale);
      break;
    }
    case 'p':
      if (text.substr(pos, 2) == "AM" || text.substr(pos, 2) == "am") {
        pm = false;
      } else if (text.substr(pos, 2) == "PM" || text.substr(pos, 2) == "pm") {
        pm = true;
      } else {
        return false;
      }
      has_ampm = true;
      pos += 2;
      break;
    case 'b':
    case 'M':
      if (!ReadName(text, &pos, c == 'b', &index, kMonthNames.data(), kMonthNames.size())) {
        return false;
      }
      p.month = index + 1;
      break;
    case 'a':
    case 'W':
      if (!ReadName(text, &pos, c == 'a', &index, kDayNames.data(), kDayNames.size())) {
        return false;
      }
      break;
    case 'T': {
      int64_t h = 0;
      int64_t m = 0;
      int64_t s = 0;
      if (!ReadDigits(text, &pos, 2, &h) || pos >= text.size() || text[pos++] != ':' ||
          !ReadDigits(text, &pos, 2, &m) || pos >= text.size() || text[pos++] != ':' ||
          !ReadDigits(text, &pos, 2, &s)) {
        return false;
      }
      p.hour = static_cast<int>(h);
      p.minute = static_cast<int>(m);
      p.second = static_cast<int>(s);
      break;
    }
    case '%':
      if (pos >= text.size() || text[pos++] != '%') {
        return false;
      }
      break;
    default:
      *unsupported = true;
      return false;
  }
  return true;
}

// Parses text with MySQL's specifiers into local millis (Trino's date_parse).
Result<int64_t> MySqlParse(std::string_view text, std::string_view format) {
  DateTimeParts p;
  bool pm = false;
  bool has_ampm = false;
  size_t pos = 0;
  const Status bad = SqlError(kInvalidFunctionArgument, Format("Invalid format: \"{}\"", text));
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%' || i + 1 >= format.size()) {
      if (pos >= text.size() || text[pos] != format[i]) {
        return bad;
      }
      ++pos;
      continue;
    }
    const char c = format[++i];
    bool unsupported = false;
    if (!ParseSpecifier(c, text, pos, p, pm, has_ampm, &unsupported)) {
      if (unsupported) {
        return SqlError(kInvalidFunctionArgument,
                        Format("Unsupported format specifier %{} in date_parse", c));
      }
      return bad;
    }
  }
  if (pos != text.size()) {
    return bad;
  }
  if (has_ampm) {
    p.hour = p.hour % 12 + (pm ? 12 : 0);
  }
  if (!IsValidCivilDate(p.year, p.month, p.day) || p.hour > 23 || p.minute > 59 || p.second > 59) {
    return bad;
  }
  return MillisFromParts(p);
}

// Formats local millis with Joda-Time's pattern letters (Trino's format_datetime).
Result<std::string> JodaFormat(int64_t millis, int16_t zone_key, std::string_view pattern) {
  const DateTimeParts p = PartsFromMillis(millis);
  const int64_t days = DaysOf(millis);
  std::string out;
  for (size_t i = 0; i < pattern.size();) {
    const char c = pattern[i];
    if (c == '\'') {
      const size_t close = pattern.find('\'', i + 1);
      if (close == i + 1) {
        out += '\'';
        i += 2;
        continue;
      }
      const size_t end = close == std::string_view::npos ? pattern.size() : close;
      out += pattern.substr(i + 1, end - i - 1);
      i = end + 1;
      continue;
    }
    if (!std::isalpha(static_cast<unsigned char>(c))) {
      out += c;
      ++i;
      continue;
    }
    size_t count = 1;
    while (i + count < pattern.size() && pattern[i + count] == c) {
      ++count;
    }
    i += count;
    const auto width = static_cast<int>(count);
    switch (c) {
      case 'y':
      case 'Y':
      case 'x':
        out += count == 2 ? Pad(((p.year % 100) + 100) % 100, 2) : Pad(p.year, width);
        break;
      case 'M':
        if (count >= 4) {
          out += kMonthNames[static_cast<size_t>(p.month - 1)];
        } else if (count == 3) {
          out += kMonthNames[static_cast<size_t>(p.month - 1)].substr(0, 3);
        } else {
          out += Pad(p.month, width);
        }
        break;
      case 'd':
        out += Pad(p.day, width);
        break;
      case 'D':
        out += Pad(DayOfYear(days), width);
        break;
      case 'E': {
        const std::string_view name = kDayNames[static_cast<size_t>(IsoDayOfWeek(days) - 1)];
        out += count >= 4 ? name : name.substr(0, 3);
        break;
      }
      case 'e':
        out += Pad(IsoDayOfWeek(days), width);
        break;
      case 'H':
        out += Pad(p.hour, width);
        break;
      case 'k':
        out += Pad(p.hour == 0 ? 24 : p.hour, width);
        break;
      case 'h':
        out += Pad(p.hour % 12 == 0 ? 12 : p.hour % 12, width);
        break;
      case 'K':
        out += Pad(p.hour % 12, width);
        break;
      case 'm':
        out += Pad(p.minute, width);
        break;
      case 's':
        out += Pad(p.second, width);
        break;
      case 'S': {
        std::string fraction = Pad(p.millis, 3);
        fraction.resize(count, '0');
        out += fraction;
        break;
      }
      case 'a':
        out += p.hour < 12 ? "AM" : "PM";
        break;
      case 'Z': {
        const auto offset = static_cast<int>(
            ZoneOffsetMillis(zone_key, UtcMillisFromLocal(zone_key, millis)) / 60'000);
        const int magnitude = offset < 0 ? -offset : offset;
        if (count == 1) {
          out += Format("{}{:02}{:02}", offset < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
        } else if (count == 2) {
          out += Format("{}{:02}:{:02}", offset < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
        } else {
          out += ZoneName(zone_key);
        }
        break;
      }
      case 'z':
        out += ZoneName(zone_key);
        break;
      case 'G':
        out += p.year > 0 ? "AD" : "BC";
        break;
      case 'C':
        out += Pad(p.year / 100, width);
        break;
      default:
        return SqlError(kInvalidFunctionArgument,
                        Format("Unsupported pattern letter '{}' in format_datetime", c));
    }
  }
  return out;
}

// Translates a Joda pattern to MySQL specifiers for parsing (the common letters).
Result<std::string> JodaToMySql(std::string_view pattern) {
  std::string out;
  for (size_t i = 0; i < pattern.size();) {
    const char c = pattern[i];
    if (c == '\'') {
      const size_t close = pattern.find('\'', i + 1);
      const size_t end = close == std::string_view::npos ? pattern.size() : close;
      for (char literal : pattern.substr(i + 1, end - i - 1)) {
        out += literal == '%' ? std::string("%%") : std::string(1, literal);
      }
      i = end + 1;
      continue;
    }
    size_t count = 1;
    while (i + count < pattern.size() && pattern[i + count] == c) {
      ++count;
    }
    i += count;
    switch (c) {
      case 'y':
      case 'Y':
        out += count == 2 ? "%y" : "%Y";
        break;
      case 'M':
        out += count >= 4 ? "%M" : count == 3 ? "%b" : "%m";
        break;
      case 'd':
        out += "%d";
        break;
      case 'H':
        out += "%H";
        break;
      case 'h':
        out += "%h";
        break;
      case 'm':
        out += "%i";
        break;
      case 's':
        out += "%s";
        break;
      case 'S':
        out += "%f";
        break;
      case 'a':
        out += "%p";
        break;
      case 'E':
        out += count >= 4 ? "%W" : "%a";
        break;
      default:
        if (std::isalpha(static_cast<unsigned char>(c))) {
          return SqlError(kInvalidFunctionArgument,
                          Format("Unsupported pattern letter '{}' in parse_datetime", c));
        }
        out.append(count, c);
        if (c == '%') {
          out.append(count, c);
        }
        break;
    }
  }
  return out;
}

// Parses ISO 8601: date, optional 'T' time, optional 'Z' or offset.
Result<int64_t> ParseIso8601(std::string_view text, int16_t default_zone, bool* has_time) {
  const Status bad = SqlError(kInvalidFunctionArgument, Format("Invalid format: \"{}\"", text));
  std::string_view body = text;
  int16_t zone = default_zone;
  if (body.ends_with("Z")) {
    zone = 0;
    body.remove_suffix(1);
  } else {
    const size_t t = body.find('T');
    if (t != std::string_view::npos) {
      const size_t sign = body.find_first_of("+-", t);
      if (sign != std::string_view::npos) {
        Result<int16_t> key = ZoneKeyOf(body.substr(sign));
        if (!key.ok()) {
          return bad;
        }
        zone = *key;
        body = body.substr(0, sign);
      }
    }
  }
  *has_time = body.find('T') != std::string_view::npos;
  std::string normalized(body);
  if (*has_time) {
    normalized[normalized.find('T')] = ' ';
    // 'T03' alone means 03:00.
    if (normalized.size() - normalized.find(' ') == 3) {
      normalized += ":00";
    }
  }
  std::optional<int64_t> local = ParseTimestampText(normalized);
  if (!local.has_value()) {
    return bad;
  }
  return PackTimestampWithTimeZone(UtcMillisFromLocal(zone, *local), zone);
}

enum class TimeKind : uint8_t { kTimestamp, kTimestampTz };

}  // namespace

void RegisterIso8601Functions(FunctionRegistry::Impl& impl) {
  AddRowFunction(impl,
                 ScalarSpec{.name = "from_iso8601_timestamp",
                            .arguments = {"varchar"},
                            .returns = kTimestampTzName,
                            .description = "Parses an ISO 8601 timestamp"},
                 [](KernelFrame& frame, size_t row, const FunctionContext& context) -> Status {
                   Result<int16_t> session = ZoneKeyOf(context.session_time_zone);
                   bool has_time = false;
                   STRATUS_ASSIGN_OR_RETURN(
                       int64_t packed,
                       ParseIso8601(frame.String(0, row), session.ok() ? *session : 0, &has_time));
                   frame.out<int64_t>()[row] = packed;
                   return Status::Ok();
                 });
  AddRowFunction(impl,
                 ScalarSpec{.name = "from_iso8601_date",
                            .arguments = {"varchar"},
                            .returns = "date",
                            .description = "Parses an ISO 8601 date"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) -> Status {
                   std::optional<int32_t> days = ParseDateText(frame.String(0, row));
                   if (!days.has_value() || frame.String(0, row).find(' ') != std::string::npos) {
                     return SqlError(kInvalidFunctionArgument,
                                     Format("Invalid format: \"{}\"", frame.String(0, row)));
                   }
                   frame.out<int32_t>()[row] = *days;
                   return Status::Ok();
                 });
  AddRowFunction(impl,
                 ScalarSpec{.name = "to_iso8601",
                            .arguments = {"date"},
                            .returns = "varchar",
                            .description = "Formats x as ISO 8601"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) {
                   frame.SetString(row, FormatDate(frame.Get<int32_t>(0, row)));
                   return Status::Ok();
                 });
  AddRowFunction(impl,
                 ScalarSpec{.name = "to_iso8601",
                            .arguments = {"timestamp"},
                            .returns = "varchar",
                            .description = "Formats x as ISO 8601"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) {
                   std::string text = FormatTimestampMillis(frame.Get<int64_t>(0, row));
                   text[text.find(' ')] = 'T';
                   frame.SetString(row, text);
                   return Status::Ok();
                 });
  AddRowFunction(impl,
                 ScalarSpec{.name = "to_iso8601",
                            .arguments = {"timestamptz"},
                            .returns = "varchar",
                            .description = "Formats x as ISO 8601"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) {
                   const auto packed = frame.Get<int64_t>(0, row);
                   std::string text = FormatTimestampMillis(LocalMillisOf(packed));
                   text[text.find(' ')] = 'T';
                   const int16_t key = ZoneKeyOfPacked(packed);
                   text += key == 0 ? "Z" : ZoneName(key);
                   frame.SetString(row, text);
                   return Status::Ok();
                 });
}

void RegisterDatetimeFormatFunctions(FunctionRegistry::Impl& impl) {
  struct Kind {
    std::string_view type;
    TimeKind kind;
  };

  for (const Kind k :
       {Kind{"timestamp", TimeKind::kTimestamp}, Kind{"timestamptz", TimeKind::kTimestampTz}}) {
    const TimeKind kind = k.kind;
    auto local = [kind](const KernelFrame& frame, size_t row) {
      const auto value = frame.Get<int64_t>(0, row);
      return kind == TimeKind::kTimestampTz ? LocalMillisOf(value) : value;
    };
    AddRowFunction(impl,
                   ScalarSpec{.name = "date_format",
                              .arguments = {k.type, "varchar"},
                              .returns = "varchar",
                              .description = "Formats x with MySQL's date_format specifiers"},
                   [local](KernelFrame& frame, size_t row, const FunctionContext&) -> Status {
                     STRATUS_ASSIGN_OR_RETURN(std::string text,
                                              MySqlFormat(local(frame, row), frame.String(1, row)));
                     frame.SetString(row, text);
                     return Status::Ok();
                   });
    AddRowFunction(impl,
                   ScalarSpec{.name = "format_datetime",
                              .arguments = {k.type, "varchar"},
                              .returns = "varchar",
                              .description = "Formats x with a Joda-Time pattern"},
                   [local, kind](KernelFrame& frame, size_t row, const FunctionContext&) -> Status {
                     const int16_t zone = kind == TimeKind::kTimestampTz
                                              ? ZoneKeyOfPacked(frame.Get<int64_t>(0, row))
                                              : int16_t{0};
                     STRATUS_ASSIGN_OR_RETURN(std::string text, JodaFormat(local(frame, row), zone,
                                                                           frame.String(1, row)));
                     frame.SetString(row, text);
                     return Status::Ok();
                   });
  }
  AddRowFunction(
      impl,
      ScalarSpec{.name = "date_parse",
                 .arguments = {"varchar", "varchar"},
                 .returns = "timestamp(3)",
                 .description = "Parses a timestamp with MySQL's date_format specifiers"},
      [](KernelFrame& frame, size_t row, const FunctionContext&) -> Status {
        STRATUS_ASSIGN_OR_RETURN(int64_t millis,
                                 MySqlParse(frame.String(0, row), frame.String(1, row)));
        frame.out<int64_t>()[row] = millis;
        return Status::Ok();
      });
  AddRowFunction(impl,
                 ScalarSpec{.name = "parse_datetime",
                            .arguments = {"varchar", "varchar"},
                            .returns = kTimestampTzName,
                            .description = "Parses a timestamp with a Joda-Time pattern"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) -> Status {
                   STRATUS_ASSIGN_OR_RETURN(std::string format, JodaToMySql(frame.String(1, row)));
                   STRATUS_ASSIGN_OR_RETURN(int64_t millis,
                                            MySqlParse(frame.String(0, row), format));
                   frame.out<int64_t>()[row] = PackTimestampWithTimeZone(millis, 0);
                   return Status::Ok();
                 });
}

}  // namespace stratus::sql::functions
