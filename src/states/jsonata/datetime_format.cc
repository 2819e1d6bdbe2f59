#include <array>
#include <cmath>
#include <functional>
#include <map>
#include <vector>

#include "states/jsonata/datetime_format_internal.h"
#include "states/jsonata/error_internal.h"
#include "states/jsonata/integer_format_internal.h"
#include "states/jsonata/regex_internal.h"

namespace stratus::states::jsonata {
namespace {

constexpr double kMillisPerDay = 86400000;
constexpr std::array<const char*, 8> kDays = {"",         "Monday", "Tuesday",  "Wednesday",
                                              "Thursday", "Friday", "Saturday", "Sunday"};
constexpr std::array<const char*, 12> kMonths = {"January",   "February", "March",    "April",
                                                 "May",       "June",     "July",     "August",
                                                 "September", "October",  "November", "December"};

// Days since 1970-01-01 of a proleptic Gregorian date (month 1..12).
int64_t DaysFromCivil(int64_t year, int64_t month, int64_t day) {
  year -= month <= 2 ? 1 : 0;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t year_of_era = year - era * 400;
  const int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

struct Civil {
  int64_t year = 1970;
  int month = 1;  // 1..12
  int day = 1;
};

Civil CivilFromDays(int64_t days) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t day_of_era = days - era * 146097;
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t mp = (5 * day_of_year + 2) / 153;
  Civil civil;
  civil.day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
  civil.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  civil.year = year_of_era + era * 400 + (civil.month <= 2 ? 1 : 0);
  return civil;
}

// JavaScript's Date.UTC with month 0..11 (months may overflow).
double DateUtc(double year,
               double month,
               double day,
               double hours,
               double minutes,
               double seconds,
               double millis) {
  if (!std::isfinite(year + month + day + hours + minutes + seconds + millis)) {
    return std::nan("");
  }
  const double year_shift = std::floor(month / 12);
  const auto y = static_cast<int64_t>(year + year_shift);
  const auto m = static_cast<int64_t>(month - year_shift * 12);
  const double days = static_cast<double>(DaysFromCivil(y, m + 1, 1)) + day - 1;
  return days * kMillisPerDay + hours * 3600000 + minutes * 60000 + seconds * 1000 + millis;
}

// The broken-down UTC time of an epoch-millisecond instant.
struct DateTime {
  double millis = 0;
  int64_t year = 1970;
  int month = 0;  // 0..11
  int day = 1;
  int hours = 0;
  int minutes = 0;
  int seconds = 0;
  int milliseconds = 0;
  int weekday = 4;  // 0 = Sunday
};

DateTime BreakDown(double millis) {
  DateTime dt;
  dt.millis = millis;
  const double days = std::floor(millis / kMillisPerDay);
  const auto in_day = static_cast<int64_t>(millis - days * kMillisPerDay);
  const Civil civil = CivilFromDays(static_cast<int64_t>(days));
  dt.year = civil.year;
  dt.month = civil.month - 1;
  dt.day = civil.day;
  dt.hours = static_cast<int>(in_day / 3600000);
  dt.minutes = static_cast<int>(in_day / 60000 % 60);
  dt.seconds = static_cast<int>(in_day / 1000 % 60);
  dt.milliseconds = static_cast<int>(in_day % 1000);
  dt.weekday = static_cast<int>(((static_cast<int64_t>(days) % 7) + 11) % 7);
  return dt;
}

// ISO 8601: week 1 holds the first Thursday; weeks start on Monday.
double StartOfFirstWeek(double year, double month) {
  const double first = DateUtc(year, month, 1, 0, 0, 0, 0);
  int day = BreakDown(first).weekday;
  if (day == 0) {
    day = 7;
  }
  return day > 4 ? first + (8 - day) * kMillisPerDay : first - (day - 1) * kMillisPerDay;
}

double DeltaWeeks(double start, double end) {
  return (end - start) / (kMillisPerDay * 7) + 1;
}

// The value of one picture component; names ("am") for P, C and E.
struct Fragment {
  double number = 0;
  std::string text = {};
};

Fragment GetFragment(const DateTime& date, char component) {
  const auto year = static_cast<double>(date.year);
  const double today = DateUtc(year, date.month, date.day, 0, 0, 0, 0);
  switch (component) {
    case 'Y':
      return {year};
    case 'M':
      return {static_cast<double>(date.month + 1)};
    case 'D':
      return {static_cast<double>(date.day)};
    case 'd':
      return {(today - DateUtc(year, 0, 1, 0, 0, 0, 0)) / kMillisPerDay + 1};
    case 'F':
      return {static_cast<double>(date.weekday == 0 ? 7 : date.weekday)};
    case 'W': {
      double week = DeltaWeeks(StartOfFirstWeek(year, 0), today);
      if (week > 52) {
        if (today >= StartOfFirstWeek(year + 1, 0)) {
          week = 1;
        }
      } else if (week < 1) {
        week = DeltaWeeks(StartOfFirstWeek(year - 1, 0), today);
      }
      return {std::floor(week)};
    }
    case 'w': {
      double week = DeltaWeeks(StartOfFirstWeek(year, date.month), today);
      if (week > 4) {
        const double next_year = date.month == 11 ? year + 1 : year;
        const double next_month = date.month == 11 ? 0 : date.month + 1;
        if (today >= StartOfFirstWeek(next_year, next_month)) {
          week = 1;
        }
      } else if (week < 1) {
        const double previous_year = date.month == 0 ? year - 1 : year;
        const double previous_month = date.month == 0 ? 11 : date.month - 1;
        week = DeltaWeeks(StartOfFirstWeek(previous_year, previous_month), today);
      }
      return {std::floor(week)};
    }
    case 'X': {
      if (date.millis < StartOfFirstWeek(year, 0)) {
        return {year - 1};
      }
      if (date.millis >= StartOfFirstWeek(year + 1, 0)) {
        return {year + 1};
      }
      return {year};
    }
    case 'x': {
      const double next_year = date.month == 11 ? year + 1 : year;
      const double next_month = date.month == 11 ? 0 : date.month + 1;
      if (date.millis < StartOfFirstWeek(year, date.month)) {
        return {static_cast<double>(date.month == 0 ? 12 : date.month)};
      }
      if (date.millis >= StartOfFirstWeek(next_year, next_month)) {
        return {next_month + 1};
      }
      return {static_cast<double>(date.month + 1)};
    }
    case 'H':
      return {static_cast<double>(date.hours)};
    case 'h': {
      const int hour = date.hours % 12;
      return {static_cast<double>(hour == 0 ? 12 : hour)};
    }
    case 'P':
      return {0, date.hours >= 12 ? "pm" : "am"};
    case 'm':
      return {static_cast<double>(date.minutes)};
    case 's':
      return {static_cast<double>(date.seconds)};
    case 'f':
      return {static_cast<double>(date.milliseconds)};
    case 'C':
    case 'E':
      return {0, "ISO"};
    default:
      return {};
  }
}

enum class Names : uint8_t { kNone, kLower, kUpper, kTitle };

struct PicturePart {
  bool literal = false;
  std::string value = {};  // literal text
  char component = 0;
  std::string presentation1 = {};
  std::string presentation2 = {};
  Names names = Names::kNone;
  std::optional<int> width_min = {};
  std::optional<int> width_max = {};
  bool has_integer_format = false;
  IntegerFormat integer_format = {};
  int year_digits = -1;
};

std::optional<std::string> DefaultPresentation(char component) {
  switch (component) {
    case 'Y':
    case 'M':
    case 'D':
    case 'd':
    case 'W':
    case 'w':
    case 'X':
    case 'x':
    case 'H':
    case 'h':
    case 'f':
      return "1";
    case 'F':
    case 'P':
    case 'C':
    case 'E':
      return "n";
    case 'm':
    case 's':
      return "01";
    case 'Z':
    case 'z':
      return "01:01";
    default:
      return std::nullopt;
  }
}

std::optional<int> ParseWidth(std::string_view text) {
  if (text.empty() || text == "*") {
    return std::nullopt;
  }
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') {
      break;
    }
    value = value * 10 + (c - '0');
  }
  return value;
}

void AddLiteral(std::vector<PicturePart>& parts,
                std::string_view picture,
                size_t start,
                size_t end) {
  if (end <= start) {
    return;
  }
  std::string literal(picture.substr(start, end - start));
  for (size_t at = literal.find("]]"); at != std::string::npos; at = literal.find("]]", at + 1)) {
    literal.erase(at, 1);
  }
  parts.push_back(PicturePart{.literal = true, .value = std::move(literal)});
}

Result<PicturePart> AnalyseMarker(const std::string& marker) {
  std::string compact;
  for (char c : marker) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
      compact.push_back(c);
    }
  }
  PicturePart part;
  part.component = compact.empty() ? '\0' : compact[0];
  std::string presentation;
  const size_t comma = compact.rfind(',');
  if (comma != std::string::npos) {
    const std::string width = compact.substr(comma + 1);
    const size_t dash = width.find('-');
    if (dash == std::string::npos) {
      part.width_min = ParseWidth(width);
    } else {
      part.width_min = ParseWidth(std::string_view(width).substr(0, dash));
      part.width_max = ParseWidth(std::string_view(width).substr(dash + 1));
    }
    presentation = compact.substr(1, comma - 1);
  } else {
    presentation = compact.size() > 1 ? compact.substr(1) : std::string();
  }
  if (presentation.size() == 1) {
    part.presentation1 = presentation;
  } else if (presentation.size() > 1) {
    const char last = presentation.back();
    if (std::string_view("atco").find(last) != std::string_view::npos) {
      part.presentation2 = std::string(1, last);
      part.presentation1 = presentation.substr(0, presentation.size() - 1);
    } else {
      part.presentation1 = presentation;
    }
  } else {
    std::optional<std::string> fallback = DefaultPresentation(part.component);
    if (!fallback.has_value()) {
      return JsonataError("D3132", {.value = std::string(1, part.component)});
    }
    part.presentation1 = *fallback;
  }
  if (part.presentation1[0] == 'n') {
    part.names = Names::kLower;
  } else if (part.presentation1[0] == 'N') {
    part.names = part.presentation1.size() > 1 && part.presentation1[1] == 'n' ? Names::kTitle
                                                                               : Names::kUpper;
  } else if (std::string_view("YMDdFWwXxHhmsf").find(part.component) != std::string_view::npos) {
    std::string pattern = part.presentation1;
    if (!part.presentation2.empty()) {
      pattern += ";" + part.presentation2;
    }
    STRATUS_ASSIGN_OR_RETURN(part.integer_format, AnalyseIntegerPicture(pattern));
    part.has_integer_format = true;
    if (part.width_min.has_value() && part.integer_format.mandatory_digits < *part.width_min) {
      part.integer_format.mandatory_digits = *part.width_min;
    }
    if (part.component == 'Y') {
      if (part.width_max.has_value()) {
        part.year_digits = *part.width_max;
        part.integer_format.mandatory_digits = *part.width_max;
      } else {
        const int width =
            part.integer_format.mandatory_digits + part.integer_format.optional_digits;
        if (width >= 2) {
          part.year_digits = width;
        }
      }
    }
  }
  if (part.component == 'Z' || part.component == 'z') {
    STRATUS_ASSIGN_OR_RETURN(part.integer_format, AnalyseIntegerPicture(part.presentation1));
    part.has_integer_format = true;
  }
  return part;
}

Result<std::vector<PicturePart>> AnalysePicture(std::string_view picture) {
  std::vector<PicturePart> parts;
  size_t start = 0;
  size_t position = 0;
  while (position < picture.size()) {
    if (picture[position] == '[') {
      if (position + 1 < picture.size() && picture[position + 1] == '[') {
        AddLiteral(parts, picture, start, position);
        parts.push_back(PicturePart{.literal = true, .value = "["});
        position += 2;
        start = position;
        continue;
      }
      AddLiteral(parts, picture, start, position);
      start = position;
      position = picture.find(']', start);
      if (position == std::string_view::npos) {
        return JsonataError("D3135");
      }
      STRATUS_ASSIGN_OR_RETURN(
          PicturePart part,
          AnalyseMarker(std::string(picture.substr(start + 1, position - start - 1))));
      if (part.has_integer_format && part.component != 'Z' && part.component != 'z' &&
          !parts.empty() && parts.back().has_integer_format) {
        parts.back().integer_format.parse_width = parts.back().integer_format.mandatory_digits;
      }
      parts.push_back(std::move(part));
      start = position + 1;
    }
    ++position;
  }
  AddLiteral(parts, picture, start, position);
  return parts;
}

std::string ApplyCase(std::string text, Names names) {
  for (char& c : text) {
    if (names == Names::kUpper && c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 32);
    } else if (names == Names::kLower && c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c + 32);
    }
  }
  return text;
}

Result<std::string> FormatComponent(const DateTime& date,
                                    const PicturePart& part,
                                    double offset_hours,
                                    double offset_minutes) {
  const Fragment fragment = GetFragment(date, part.component);
  const char c = part.component;
  if (std::string_view("YMDdFWwXxHhms").find(c) != std::string_view::npos) {
    double value = fragment.number;
    if (c == 'Y' && part.year_digits != -1) {
      value = std::fmod(value, std::pow(10, part.year_digits));
    }
    if (part.names != Names::kNone) {
      std::string name;
      if (c == 'M' || c == 'x') {
        name = kMonths[static_cast<size_t>(value) - 1];
      } else if (c == 'F') {
        name = kDays[static_cast<size_t>(value)];
      } else {
        return JsonataError("D3133", {.value = std::string(1, c)});
      }
      name = ApplyCase(std::move(name), part.names);
      if (part.width_max.has_value() && static_cast<int>(name.size()) > *part.width_max) {
        name.resize(static_cast<size_t>(*part.width_max));
      }
      return name;
    }
    return FormatIntegerWith(value, part.integer_format);
  }
  if (c == 'f') {
    return FormatIntegerWith(fragment.number, part.integer_format);
  }
  if (c == 'Z' || c == 'z') {
    const double offset = offset_hours * 100 + offset_minutes;
    std::string text;
    if (part.integer_format.regular) {
      STRATUS_ASSIGN_OR_RETURN(text, FormatIntegerWith(offset, part.integer_format));
    } else {
      const int digits = part.integer_format.mandatory_digits;
      if (digits == 1 || digits == 2) {
        STRATUS_ASSIGN_OR_RETURN(text, FormatIntegerWith(offset_hours, part.integer_format));
        if (offset_minutes != 0) {
          IntegerFormat two_digits;
          two_digits.mandatory_digits = 2;
          STRATUS_ASSIGN_OR_RETURN(std::string minutes,
                                   FormatIntegerWith(offset_minutes, two_digits));
          text += ":" + minutes;
        }
      } else if (digits == 3 || digits == 4) {
        STRATUS_ASSIGN_OR_RETURN(text, FormatIntegerWith(offset, part.integer_format));
      } else {
        return JsonataError("D3134", {.value = digits});
      }
    }
    if (offset >= 0) {
      text = "+" + text;
    }
    if (c == 'z') {
      text = "GMT" + text;
    }
    if (offset == 0 && part.presentation2 == "t") {
      text = "Z";
    }
    return text;
  }
  if (c == 'P') {
    return part.names == Names::kUpper ? ApplyCase(fragment.text, Names::kUpper) : fragment.text;
  }
  return fragment.text;
}

std::string EscapeRegex(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::string_view(".*+?^${}()|[]\\").find(c) != std::string_view::npos) {
      out.push_back('\\');
    }
    out.push_back(c);
  }
  return out;
}

// How to read one captured component when parsing.
struct Matcher {
  std::string regex = {};
  char component = 0;
  std::function<double(const std::string&)> parse = {};
};

Result<Matcher> MatcherFor(const PicturePart& part) {
  Matcher matcher;
  matcher.component = part.component;
  if (part.literal) {
    matcher.regex = EscapeRegex(part.value);
    return matcher;
  }
  if (part.component == 'Z' || part.component == 'z') {
    std::string separator;
    if (part.integer_format.regular && !part.integer_format.separators.empty()) {
      separator = part.integer_format.separators[0].character;
    }
    matcher.regex = std::string(part.component == 'z' ? "GMT" : "") + "[-+][0-9]+";
    if (!separator.empty()) {
      matcher.regex += EscapeRegex(separator) + "[0-9]+";
    }
    const bool gmt = part.component == 'z';
    matcher.parse = [separator, gmt](const std::string& captured) {
      const std::string value = gmt ? captured.substr(3) : captured;
      double hours = 0;
      double minutes = 0;
      if (!separator.empty()) {
        const size_t at = value.find(separator);
        hours = std::strtod(value.substr(0, at).c_str(), nullptr);
        minutes = std::strtod(value.substr(at + separator.size()).c_str(), nullptr);
      } else if (value.size() - 1 <= 2) {
        hours = std::strtod(value.c_str(), nullptr);
      } else {
        hours = std::strtod(value.substr(0, 3).c_str(), nullptr);
        minutes = std::strtod(value.substr(3).c_str(), nullptr);
      }
      return hours * 60 + minutes;
    };
    return matcher;
  }
  if (part.component == 'f') {
    matcher.regex = "[0-9]+";
    matcher.parse = [](const std::string& captured) {
      return std::strtod(("0." + captured.substr(0, 3)).c_str(), nullptr) * 1000;
    };
    return matcher;
  }
  if (part.has_integer_format) {
    STRATUS_ASSIGN_OR_RETURN(matcher.regex, IntegerRegex(part.integer_format));
    const IntegerFormat format = part.integer_format;
    matcher.parse = [format](const std::string& captured) {
      Result<std::optional<double>> value = ParseIntegerWith(captured, format);
      return value.ok() && value->has_value() ? **value : std::nan("");
    };
    return matcher;
  }
  std::map<std::string, double> lookup;
  if (part.component == 'M' || part.component == 'x') {
    for (size_t i = 0; i < kMonths.size(); ++i) {
      std::string name = kMonths[i];
      if (part.width_max.has_value()) {
        name = name.substr(0, static_cast<size_t>(*part.width_max));
      }
      lookup[ApplyCase(name, Names::kLower)] = static_cast<double>(i + 1);
    }
  } else if (part.component == 'F') {
    for (size_t i = 1; i < kDays.size(); ++i) {
      std::string name = kDays[i];
      if (part.width_max.has_value()) {
        name = name.substr(0, static_cast<size_t>(*part.width_max));
      }
      lookup[ApplyCase(name, Names::kLower)] = static_cast<double>(i);
    }
  } else if (part.component == 'P') {
    lookup = {{"am", 0}, {"pm", 1}};
  } else {
    return JsonataError("D3133", {.value = std::string(1, part.component)});
  }
  matcher.regex = "[a-zA-Z]+";
  matcher.parse = [lookup](const std::string& captured) {
    auto it = lookup.find(ApplyCase(captured, Names::kLower));
    return it == lookup.end() ? std::nan("") : it->second;
  };
  return matcher;
}

}  // namespace

Result<std::string> FormatDateTime(double millis,
                                   std::optional<std::string_view> picture,
                                   std::optional<std::string_view> timezone) {
  double offset_hours = 0;
  double offset_minutes = 0;
  if (timezone.has_value()) {
    const double offset = std::strtod(std::string(*timezone).c_str(), nullptr);
    offset_hours = std::floor(offset / 100);
    offset_minutes = std::fmod(offset, 100);
  }
  STRATUS_ASSIGN_OR_RETURN(
      std::vector<PicturePart> parts,
      AnalysePicture(picture.value_or("[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]")));
  const double offset_millis = (60 * offset_hours + offset_minutes) * 60 * 1000;
  const DateTime date = BreakDown(std::trunc(millis) + offset_millis);
  std::string result;
  for (const PicturePart& part : parts) {
    if (part.literal) {
      result += part.value;
    } else {
      STRATUS_ASSIGN_OR_RETURN(std::string text,
                               FormatComponent(date, part, offset_hours, offset_minutes));
      result += text;
    }
  }
  return result;
}

Result<std::optional<double>> ParseDateTime(std::string_view text,
                                            std::string_view picture,
                                            double now_millis) {
  STRATUS_ASSIGN_OR_RETURN(std::vector<PicturePart> parts, AnalysePicture(picture));
  std::vector<Matcher> matchers;
  std::string full = "^";
  for (const PicturePart& part : parts) {
    STRATUS_ASSIGN_OR_RETURN(Matcher matcher, MatcherFor(part));
    full += "(" + matcher.regex + ")";
    matchers.push_back(std::move(matcher));
  }
  full += "$";
  STRATUS_ASSIGN_OR_RETURN(CompiledRegex regex, CompiledRegex::Compile(full, "i"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<RegexMatch> match, regex.Find(text, 0));
  if (!match.has_value()) {
    return std::optional<double>();
  }
  std::map<char, double> components;
  for (size_t i = 0; i < matchers.size(); ++i) {
    if (matchers[i].parse) {
      components[matchers[i].component] = matchers[i].parse(match->groups[i].value_or(""));
    }
  }
  if (components.empty()) {
    return std::optional<double>();
  }
  auto mask_of = [&](std::string_view order) {
    int mask = 0;
    for (char c : order) {
      mask = (mask << 1) + (components.count(c) != 0 ? 1 : 0);
    }
    return mask;
  };
  auto is_type = [](int type, int mask) {
    return (~type & mask) == 0 && (type & mask) != 0;
  };
  const int date_mask = mask_of("YXMxWwdD");
  const bool date_a = is_type(161, date_mask);
  const bool date_b = !date_a && is_type(130, date_mask);
  const bool date_c = is_type(84, date_mask);
  const bool date_d = !date_c && is_type(72, date_mask);
  const int time_mask = mask_of("PHhmsf");
  const bool time_a = is_type(23, time_mask);
  const bool time_b = !time_a && is_type(47, time_mask);
  const std::string date_parts = date_b ? "YD" : date_c ? "XxwF" : date_d ? "XWF" : "YMD";
  const std::string time_parts = time_b ? "Phmsf" : "Hmsf";
  const DateTime now = BreakDown(now_millis);
  bool start_specified = false;
  bool end_specified = false;
  for (char part : date_parts + time_parts) {
    if (components.count(part) == 0) {
      if (start_specified) {
        components[part] = std::string_view("MDd").find(part) != std::string_view::npos ? 1 : 0;
        end_specified = true;
      } else {
        const Fragment fragment = GetFragment(now, part);
        components[part] = part == 'P' ? (fragment.text == "pm" ? 1 : 0) : fragment.number;
      }
    } else {
      start_specified = true;
      if (end_specified) {
        return JsonataError("D3136");
      }
    }
  }
  components['M'] = components['M'] > 0 ? components['M'] - 1 : 0;
  if (date_b) {
    const double first = DateUtc(components['Y'], 0, 1, 0, 0, 0, 0);
    const DateTime derived = BreakDown(first + (components['d'] - 1) * kMillisPerDay);
    components['M'] = derived.month;
    components['D'] = derived.day;
  }
  if (date_c || date_d) {
    return JsonataError("D3136");
  }
  if (time_b) {
    components['H'] = components['h'] == 12 ? 0 : components['h'];
    if (components['P'] == 1) {
      components['H'] += 12;
    }
  }
  double millis = DateUtc(components['Y'], components['M'], components['D'], components['H'],
                          components['m'], components['s'], components['f']);
  const double zone = components.count('Z') ? components['Z'] : components['z'];
  if (zone != 0 && std::isfinite(zone)) {
    millis -= zone * 60 * 1000;
  }
  if (!std::isfinite(millis)) {
    return std::optional<double>();
  }
  return std::optional<double>(millis);
}

Result<double> ParseIso8601(std::string_view text) {
  static const Result<CompiledRegex> kIso = CompiledRegex::Compile(
      R"(^(\d{4})(?:-([01]\d))?(?:-([0-3]\d))?(?:T([0-2]\d):([0-5]\d):([0-5]\d))?(?:\.(\d+))?([+-][0-2]\d:?[0-5]\d|Z)?$)",
      "");
  STRATUS_RETURN_IF_ERROR(kIso.status());
  STRATUS_ASSIGN_OR_RETURN(std::optional<RegexMatch> match, kIso->Find(text, 0));
  if (!match.has_value()) {
    return JsonataError("D3110", {.value = std::string(text)});
  }
  auto number = [&](size_t group, double fallback) {
    const std::optional<std::string>& captured = match->groups[group - 1];
    return captured.has_value() ? std::strtod(captured->c_str(), nullptr) : fallback;
  };
  const double year = number(1, 1970);
  const double month = number(2, 1);
  const double day = number(3, 1);
  const double hours = number(4, 0);
  const double minutes = number(5, 0);
  const double seconds = number(6, 0);
  double millis = 0;
  if (match->groups[6].has_value()) {
    const std::string fraction = (*match->groups[6] + "00").substr(0, 3);
    millis = std::strtod(fraction.c_str(), nullptr);
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hours > 24) {
    return std::nan("");
  }
  double result = DateUtc(year, month - 1, day, hours, minutes, seconds, millis);
  if (match->groups[7].has_value() && *match->groups[7] != "Z") {
    const std::string zone = *match->groups[7];
    const double sign = zone[0] == '-' ? -1 : 1;
    const double zone_hours = std::strtod(zone.substr(1, 2).c_str(), nullptr);
    const double zone_minutes = std::strtod(zone.substr(zone.size() - 2).c_str(), nullptr);
    result -= sign * (zone_hours * 60 + zone_minutes) * 60000;
  }
  return result;
}

}  // namespace stratus::states::jsonata
