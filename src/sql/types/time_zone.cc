#include "sql/types/time_zone.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <cctz/civil_time.h>
#include <cctz/time_zone.h>

#include "base/format.h"
#include "sql/types/sql_error.h"

namespace stratus::sql {
namespace {

constexpr int16_t kFirstNamedZoneKey = 1682;
constexpr size_t kMaxNamedZones = 4096 - kFirstNamedZoneKey;
constexpr int64_t kMillisPerSecond = 1000;
// The tz database's list of zones and links (Debian's tzdata ships it).
constexpr const char* kZoneListPath = "/usr/share/zoneinfo/tzdata.zi";

int64_t FloorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// The named zones, by key - kFirstNamedZoneKey. A zone's rules load on its
// first use (loading all of them would read ~600 files).
struct ZoneTable {
  std::vector<std::string> names = {};
  std::unordered_map<std::string, int16_t> by_lower_name = {};
  std::unique_ptr<std::once_flag[]> loaded = nullptr;
  std::unique_ptr<cctz::time_zone[]> zones = nullptr;
};

ZoneTable LoadZoneTable() {
  std::vector<std::string> names;
  std::ifstream in(kZoneListPath);
  std::string line;
  while (std::getline(in, line)) {
    // "Z America/New_York ..." names a zone, "L America/New_York US/Eastern" a link.
    if (line.size() < 3 || line[1] != ' ' || (line[0] != 'Z' && line[0] != 'L')) {
      continue;
    }
    std::vector<std::string> words;
    size_t start = 2;
    while (start < line.size() && words.size() < 2) {
      const size_t end = std::min(line.find(' ', start), line.size());
      words.push_back(line.substr(start, end - start));
      start = end + 1;
    }
    if (line[0] == 'Z' && !words.empty()) {
      names.push_back(words[0]);
    } else if (line[0] == 'L' && words.size() == 2) {
      names.push_back(words[1]);
    }
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  if (names.size() > kMaxNamedZones) {
    names.resize(kMaxNamedZones);
  }
  ZoneTable table;
  for (size_t i = 0; i < names.size(); ++i) {
    table.by_lower_name.emplace(Lower(names[i]), static_cast<int16_t>(kFirstNamedZoneKey + i));
  }
  table.names = std::move(names);
  table.loaded = std::make_unique<std::once_flag[]>(table.names.size());
  table.zones = std::make_unique<cctz::time_zone[]>(table.names.size());
  return table;
}

const ZoneTable& Zones() {
  static const ZoneTable kTable = LoadZoneTable();
  return kTable;
}

bool IsUtcName(std::string_view zone) {
  const std::string lower = Lower(zone);
  for (std::string_view name :
       {"utc",           "z",        "gmt",       "ut",       "etc/utc",       "etc/gmt",
        "etc/ut",        "utc0",     "gmt0",      "etc/gmt0", "etc/gmt+0",     "etc/gmt-0",
        "etc/universal", "etc/zulu", "universal", "zulu",     "etc/greenwich", "greenwich",
        "+00:00",        "-00:00",   "+00",       "-00",      "+0000"}) {
    if (lower == name) {
      return true;
    }
  }
  return false;
}

// Parses "+05:30", "-08", "+0530", "UTC+3", "GMT-04:00": offset minutes.
std::optional<int> ParseOffset(std::string_view zone) {
  std::string_view offset = zone;
  for (std::string_view prefix : {"UTC", "GMT", "UT"}) {
    if (offset.starts_with(prefix) && offset.size() > prefix.size() &&
        (offset[prefix.size()] == '+' || offset[prefix.size()] == '-')) {
      offset.remove_prefix(prefix.size());
    }
  }
  if (offset.empty() || (offset[0] != '+' && offset[0] != '-')) {
    return std::nullopt;
  }
  const int sign = offset[0] == '-' ? -1 : 1;
  offset.remove_prefix(1);
  int hours = 0;
  int minutes = 0;
  size_t pos = 0;
  auto digits = [&](int count, int* out) {
    for (int i = 0; i < count; ++i) {
      if (pos >= offset.size() || offset[pos] < '0' || offset[pos] > '9') {
        return false;
      }
      *out = *out * 10 + (offset[pos++] - '0');
    }
    return true;
  };
  bool ok = digits(1, &hours);
  if (ok && pos < offset.size() && offset[pos] >= '0' && offset[pos] <= '9') {
    ok = digits(1, &hours);
  }
  if (ok && pos < offset.size()) {
    if (offset[pos] == ':') {
      ++pos;
    }
    ok = digits(2, &minutes);
  }
  if (!ok || pos != offset.size() || hours > 14 || minutes >= 60) {
    return std::nullopt;
  }
  return sign * (hours * 60 + minutes);
}

const cctz::time_zone* NamedZone(int16_t zone_key) {
  if (zone_key < kFirstNamedZoneKey) {
    return nullptr;
  }
  const ZoneTable& table = Zones();
  const auto index = static_cast<size_t>(zone_key - kFirstNamedZoneKey);
  if (index >= table.names.size()) {
    return nullptr;
  }
  // A zone whose file cannot be read stays UTC (cctz's fallback).
  std::call_once(table.loaded[index],
                 [&] { cctz::load_time_zone(table.names[index], &table.zones[index]); });
  return &table.zones[index];
}

int FixedOffsetMinutes(int16_t zone_key) {
  return zone_key == kUtcZoneKey || zone_key >= kFirstNamedZoneKey ? 0 : zone_key - 841;
}

}  // namespace

Result<int16_t> TimeZoneKeyOf(std::string_view zone) {
  if (IsUtcName(zone)) {
    return kUtcZoneKey;
  }
  if (std::optional<int> minutes = ParseOffset(zone); minutes.has_value()) {
    return static_cast<int16_t>(*minutes == 0 ? kUtcZoneKey : *minutes + 841);
  }
  const ZoneTable& table = Zones();
  auto found = table.by_lower_name.find(Lower(zone));
  if (found != table.by_lower_name.end()) {
    return found->second;
  }
  return SqlError(kInvalidFunctionArgument, Format("Time zone not supported: {}", zone));
}

std::string TimeZoneName(int16_t zone_key) {
  if (zone_key == kUtcZoneKey) {
    return "UTC";
  }
  if (zone_key >= kFirstNamedZoneKey) {
    const ZoneTable& table = Zones();
    const auto index = static_cast<size_t>(zone_key - kFirstNamedZoneKey);
    return index < table.names.size() ? table.names[index] : "UTC";
  }
  const int offset = FixedOffsetMinutes(zone_key);
  const int magnitude = offset < 0 ? -offset : offset;
  return Format("{}{:02}:{:02}", offset < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
}

bool IsNamedTimeZone(int16_t zone_key) {
  return zone_key >= kFirstNamedZoneKey;
}

int64_t TimeZoneOffsetMillis(int16_t zone_key, int64_t utc_millis) {
  const cctz::time_zone* zone = NamedZone(zone_key);
  if (zone == nullptr) {
    return FixedOffsetMinutes(zone_key) * int64_t{60'000};
  }
  const std::chrono::system_clock::time_point instant{
      std::chrono::seconds(FloorDiv(utc_millis, kMillisPerSecond))};
  return zone->lookup(instant).offset * kMillisPerSecond;
}

int64_t TimeZoneUtcMillis(int16_t zone_key, int64_t local_millis) {
  const cctz::time_zone* zone = NamedZone(zone_key);
  if (zone == nullptr) {
    return local_millis - FixedOffsetMinutes(zone_key) * int64_t{60'000};
  }
  const int64_t seconds = FloorDiv(local_millis, kMillisPerSecond);
  const int64_t fraction = local_millis - seconds * kMillisPerSecond;
  const cctz::civil_second civil = cctz::civil_second(1970, 1, 1, 0, 0, 0) + seconds;
  // java.time: a gap moves forward by its length, an overlap takes the
  // earlier offset; both are cctz's "pre" instant.
  const cctz::time_zone::civil_lookup lookup = zone->lookup(civil);
  const int64_t utc_seconds =
      std::chrono::duration_cast<std::chrono::seconds>(lookup.pre.time_since_epoch()).count();
  return utc_seconds * kMillisPerSecond + fraction;
}

}  // namespace stratus::sql
