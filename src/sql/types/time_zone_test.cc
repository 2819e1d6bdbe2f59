#include "sql/types/time_zone.h"

#include <gtest/gtest.h>

#include "sql/types/sql_error.h"
#include "testing/status_matchers.h"

namespace stratus::sql {
namespace {

constexpr int64_t kHour = 3'600'000;
// 2024-03-10 00:00:00 UTC and 2024-11-03 00:00:00 UTC, the US DST changes' days.
constexpr int64_t kMarch10 = 1'710'028'800'000;
constexpr int64_t kNovember3 = 1'730'592'000'000;

TEST(TimeZoneTest, UtcAliasesAndOffsetsKeepTheirKeys) {
  ASSERT_OK_AND_ASSIGN(int16_t utc, TimeZoneKeyOf("Etc/UTC"));
  EXPECT_EQ(utc, kUtcZoneKey);
  ASSERT_OK_AND_ASSIGN(int16_t india, TimeZoneKeyOf("+05:30"));
  EXPECT_EQ(TimeZoneName(india), "+05:30");
  EXPECT_EQ(TimeZoneOffsetMillis(india, 0), 5 * kHour + 30 * 60'000);
  EXPECT_FALSE(IsNamedTimeZone(india));
}

TEST(TimeZoneTest, NamedZonesMatchCaseInsensitivelyAndPrintAsTheDatabaseSpellsThem) {
  ASSERT_OK_AND_ASSIGN(int16_t key, TimeZoneKeyOf("america/new_york"));
  EXPECT_TRUE(IsNamedTimeZone(key));
  EXPECT_EQ(TimeZoneName(key), "America/New_York");
  EXPECT_EQ(TimeZoneOffsetMillis(key, kMarch10), -5 * kHour);
  EXPECT_EQ(TimeZoneOffsetMillis(key, kMarch10 + 24 * kHour), -4 * kHour);
}

TEST(TimeZoneTest, GapMovesForwardAndOverlapTakesTheEarlierInstant) {
  ASSERT_OK_AND_ASSIGN(int16_t key, TimeZoneKeyOf("America/New_York"));
  // 02:30 local does not exist on 2024-03-10: java.time reads it as 03:30 EDT (07:30 UTC).
  EXPECT_EQ(TimeZoneUtcMillis(key, kMarch10 + 2 * kHour + kHour / 2),
            kMarch10 + 7 * kHour + kHour / 2);
  // 01:30 local happens twice on 2024-11-03: the earlier is EDT (05:30 UTC).
  EXPECT_EQ(TimeZoneUtcMillis(key, kNovember3 + kHour + kHour / 2),
            kNovember3 + 5 * kHour + kHour / 2);
}

TEST(TimeZoneTest, UnknownZoneIsInvalidFunctionArgument) {
  auto key = TimeZoneKeyOf("Mars/Olympus");
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(SqlErrorName(key.status()), kInvalidFunctionArgument);
}

}  // namespace
}  // namespace stratus::sql
