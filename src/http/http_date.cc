#include "http/http_date.h"

#include <array>
#include <chrono>

namespace stratus::http {
namespace {

constexpr std::array<const char*, 7> kWeekdays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

void AppendTwoDigits(std::string& out, unsigned value) {
  out.push_back(static_cast<char>('0' + value / 10));
  out.push_back(static_cast<char>('0' + value % 10));
}

}  // namespace

std::string FormatHttpDate(Clock::TimePoint time) {
  using std::chrono::days;
  const auto seconds = std::chrono::floor<std::chrono::seconds>(time);
  const auto day_point = std::chrono::floor<days>(seconds);
  const std::chrono::year_month_day date(day_point);
  const std::chrono::hh_mm_ss<std::chrono::seconds> clock_time(seconds - day_point);
  const std::chrono::weekday weekday(day_point);

  std::string out;
  out.reserve(29);
  out.append(kWeekdays[weekday.c_encoding()]);
  out.append(", ");
  AppendTwoDigits(out, static_cast<unsigned>(date.day()));
  out.push_back(' ');
  out.append(kMonths[static_cast<unsigned>(date.month()) - 1]);
  out.push_back(' ');
  const int year = static_cast<int>(date.year());
  AppendTwoDigits(out, static_cast<unsigned>(year / 100 % 100));
  AppendTwoDigits(out, static_cast<unsigned>(year % 100));
  out.push_back(' ');
  AppendTwoDigits(out, static_cast<unsigned>(clock_time.hours().count()));
  out.push_back(':');
  AppendTwoDigits(out, static_cast<unsigned>(clock_time.minutes().count()));
  out.push_back(':');
  AppendTwoDigits(out, static_cast<unsigned>(clock_time.seconds().count()));
  out.append(" GMT");
  return out;
}

}  // namespace stratus::http
