#include "sql/types/calendar.h"

#include <gtest/gtest.h>

namespace stratus::sql {
namespace {

TEST(CalendarTest, DaysRoundTripAcrossEraBoundaries) {
  for (int64_t days = -800000; days <= 800000; days += 997) {
    EXPECT_EQ(DaysFromCivil(CivilFromDays(days)), days);
  }
  EXPECT_EQ(DaysFromCivil(CivilDate{.year = 1970, .month = 1, .day = 1}), 0);
  EXPECT_EQ(DaysFromCivil(CivilDate{.year = 2024, .month = 1, .day = 2}), 19724);
  EXPECT_EQ(DaysFromCivil(CivilDate{.year = 1969, .month = 12, .day = 31}), -1);
}

TEST(CalendarTest, ValidatesLeapDays) {
  EXPECT_TRUE(IsValidCivilDate(2024, 2, 29));
  EXPECT_FALSE(IsValidCivilDate(2023, 2, 29));
  EXPECT_FALSE(IsValidCivilDate(1900, 2, 29));
  EXPECT_TRUE(IsValidCivilDate(2000, 2, 29));
  EXPECT_FALSE(IsValidCivilDate(2024, 13, 1));
  EXPECT_FALSE(IsValidCivilDate(2024, 4, 31));
}

TEST(CalendarTest, FormatsDatesAndTimestampsAsAthena) {
  EXPECT_EQ(FormatDate(19724), "2024-01-02");
  EXPECT_EQ(FormatDate(DaysFromCivil(CivilDate{.year = 5, .month = 3, .day = 4})), "0005-03-04");
  EXPECT_EQ(FormatTimestampMillis(19724 * kMillisPerDay + 3 * 3600000 + 4 * 60000 + 5006),
            "2024-01-02 03:04:05.006");
  EXPECT_EQ(FormatTimestampMillis(-1), "1969-12-31 23:59:59.999");
}

}  // namespace
}  // namespace stratus::sql
