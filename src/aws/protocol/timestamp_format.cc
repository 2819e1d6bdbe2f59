#include "aws/protocol/timestamp_format.h"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>

#include "base/format.h"

namespace stratus::aws {
namespace {

constexpr std::array<std::string_view, 7> kWeekdays = {"Thu", "Fri", "Sat", "Sun",
                                                       "Mon", "Tue", "Wed"};
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Howard Hinnant's days_from_civil / civil_from_days.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

struct Civil {
  int64_t year = 0;
  unsigned month = 0;
  unsigned day = 0;
};

Civil CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Civil{.year = y + (m <= 2 ? 1 : 0), .month = m, .day = d};
}

int64_t FloorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

// Splits epoch seconds into whole seconds and microseconds (rounded).
void Split(double epoch_seconds, int64_t* seconds, int64_t* micros) {
  auto total = static_cast<int64_t>(std::llround(epoch_seconds * 1e6));
  *seconds = FloorDiv(total, 1000000);
  *micros = total - *seconds * 1000000;
}

std::string Fraction(int64_t micros) {
  if (micros == 0) {
    return {};
  }
  std::string digits = Format("{:06d}", micros);
  if (micros % 1000 == 0) {
    digits.resize(3);
  }
  return "." + digits;
}

// A cursor over timestamp text.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  bool Done() const { return pos_ >= text_.size(); }

  char Peek() const { return Done() ? '\0' : text_[pos_]; }

  bool Consume(char c) {
    if (Peek() == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  bool Digits(size_t count, int* out) {
    int value = 0;
    for (size_t i = 0; i < count; ++i) {
      if (Done() || std::isdigit(static_cast<unsigned char>(text_[pos_])) == 0) {
        return false;
      }
      value = value * 10 + (text_[pos_++] - '0');
    }
    *out = value;
    return true;
  }

  // Reads a fraction's digits (after '.'); returns its value in seconds.
  double FractionDigits() {
    double value = 0;
    double scale = 0.1;
    while (!Done() && std::isdigit(static_cast<unsigned char>(text_[pos_])) != 0) {
      value += (text_[pos_++] - '0') * scale;
      scale /= 10;
    }
    return value;
  }

  std::string_view Word(size_t length) {
    if (pos_ + length > text_.size()) {
      return {};
    }
    std::string_view word = text_.substr(pos_, length);
    pos_ += length;
    return word;
  }

  void SkipSpaces() {
    while (Consume(' ')) {
    }
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

Result<double> ParseIso8601(std::string_view text) {
  Scanner s(text);
  int year = 0;
  int month = 0;
  int day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  double fraction = 0;
  bool ok = s.Digits(4, &year) && s.Consume('-') && s.Digits(2, &month) && s.Consume('-') &&
            s.Digits(2, &day);
  if (ok && (s.Consume('T') || s.Consume('t') || s.Consume(' '))) {
    ok = s.Digits(2, &hour) && s.Consume(':') && s.Digits(2, &minute) && s.Consume(':') &&
         s.Digits(2, &second);
    if (ok && s.Consume('.')) {
      fraction = s.FractionDigits();
    }
  }
  int offset_seconds = 0;
  if (ok && !s.Done()) {
    if (s.Consume('Z') || s.Consume('z')) {
    } else if (s.Peek() == '+' || s.Peek() == '-') {
      int sign = s.Consume('-') ? -1 : (s.Consume('+'), 1);
      int oh = 0;
      int om = 0;
      ok = s.Digits(2, &oh);
      s.Consume(':');
      if (ok && !s.Done()) {
        ok = s.Digits(2, &om);
      }
      offset_seconds = sign * (oh * 3600 + om * 60);
    } else {
      ok = false;
    }
  }
  if (!ok || !s.Done() || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 ||
      minute > 59 || second > 60) {
    return Status::InvalidArgument(Format("invalid ISO 8601 timestamp: {}", text));
  }
  int64_t days = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset_seconds;
  return static_cast<double>(seconds) + fraction;
}

Result<double> ParseRfc822(std::string_view text) {
  Scanner s(text);
  // Optional weekday: "Tue, ".
  if (!s.Done() && std::isalpha(static_cast<unsigned char>(s.Peek())) != 0) {
    s.Word(3);
    if (!s.Consume(',')) {
      return Status::InvalidArgument(Format("invalid RFC 822 timestamp: {}", text));
    }
  }
  s.SkipSpaces();
  int day = 0;
  int year = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  bool ok = s.Digits(2, &day) || s.Digits(1, &day);
  s.SkipSpaces();
  std::string_view month_name = s.Word(3);
  size_t month = 0;
  while (month < kMonths.size() && kMonths[month] != month_name) {
    ++month;
  }
  s.SkipSpaces();
  ok = ok && month < kMonths.size() && s.Digits(4, &year);
  s.SkipSpaces();
  ok = ok && s.Digits(2, &hour) && s.Consume(':') && s.Digits(2, &minute) && s.Consume(':') &&
       s.Digits(2, &second);
  double fraction = 0;
  if (ok && s.Consume('.')) {
    fraction = s.FractionDigits();
  }
  s.SkipSpaces();
  std::string_view zone = s.Word(3);
  if (!ok || !(zone == "GMT" || zone == "UTC") || !s.Done()) {
    return Status::InvalidArgument(Format("invalid RFC 822 timestamp: {}", text));
  }
  int64_t days = DaysFromCivil(year, static_cast<unsigned>(month + 1), static_cast<unsigned>(day));
  return static_cast<double>(days * 86400 + hour * 3600 + minute * 60 + second) + fraction;
}

}  // namespace

std::string FormatTimestamp(double epoch_seconds, std::string_view format) {
  int64_t seconds = 0;
  int64_t micros = 0;
  Split(epoch_seconds, &seconds, &micros);
  if (format == kUnixTimestamp) {
    return Format("{}{}", seconds, Fraction(micros));
  }
  int64_t days = FloorDiv(seconds, 86400);
  int64_t rest = seconds - days * 86400;
  Civil civil = CivilFromDays(days);
  int64_t hour = rest / 3600;
  int64_t minute = rest % 3600 / 60;
  int64_t second = rest % 60;
  if (format == kRfc822) {
    return Format("{}, {:02d} {} {:04d} {:02d}:{:02d}:{:02d} GMT",
                  kWeekdays[static_cast<size_t>(((days % 7) + 7) % 7)], civil.day,
                  kMonths[civil.month - 1], civil.year, hour, minute, second);
  }
  return Format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}{}Z", civil.year, civil.month, civil.day,
                hour, minute, second, Fraction(micros));
}

Json EpochSecondsJson(double epoch_seconds) {
  if (std::nearbyint(epoch_seconds) == epoch_seconds && std::fabs(epoch_seconds) < 9e15) {
    return static_cast<int64_t>(epoch_seconds);
  }
  return epoch_seconds;
}

Json FormatTimestampJson(double epoch_seconds, std::string_view format) {
  if (format == kUnixTimestamp) {
    return EpochSecondsJson(epoch_seconds);
  }
  return FormatTimestamp(epoch_seconds, format);
}

Result<double> ParseTimestamp(std::string_view text) {
  while (!text.empty() && text.front() == ' ') {
    text.remove_prefix(1);
  }
  while (!text.empty() && text.back() == ' ') {
    text.remove_suffix(1);
  }
  if (text.empty()) {
    return Status::InvalidArgument("empty timestamp");
  }
  // Epoch seconds: digits with an optional sign and fraction (exponents too).
  if (text.size() <= 4 || text[4] != '-') {
    bool numeric = true;
    for (char c : text) {
      if (std::isdigit(static_cast<unsigned char>(c)) == 0 && c != '.' && c != '-' && c != '+' &&
          c != 'e' && c != 'E') {
        numeric = false;
        break;
      }
    }
    if (numeric) {
      double value = 0;
      auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (error == std::errc() && end == text.data() + text.size() && std::isfinite(value)) {
        return value;
      }
      return Status::InvalidArgument(Format("invalid epoch timestamp: {}", text));
    }
  }
  if (std::isalpha(static_cast<unsigned char>(text.front())) != 0 ||
      text.find("GMT") != std::string_view::npos || text.find("UTC") != std::string_view::npos) {
    return ParseRfc822(text);
  }
  return ParseIso8601(text);
}

Result<double> TimestampFromJson(const Json& value) {
  if (value.is_number()) {
    double seconds = value.get<double>();
    if (!std::isfinite(seconds)) {
      return Status::InvalidArgument("timestamp is not finite");
    }
    return seconds;
  }
  if (value.is_string()) {
    return ParseTimestamp(value.get_ref<const std::string&>());
  }
  return Status::InvalidArgument("timestamp must be a number or a string");
}

}  // namespace stratus::aws
