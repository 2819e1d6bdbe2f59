#include "connectors/mysql/mysql_column_type.h"

#include <string>

#include <gtest/gtest.h>
#include <mysql.h>

#include "sql/types/value.h"
#include "sql/vector/vector.h"
#include "testing/status_matchers.h"

namespace stratus::connectors::mysql {
namespace {

std::string TypeOf(int field_type,
                   unsigned flags = 0,
                   uint64_t length = 0,
                   unsigned decimals = 0,
                   unsigned charset = 45) {
  return ExtractColumnTypeOf(MySqlColumnInfo{.name = "c",
                                             .field_type = field_type,
                                             .flags = flags,
                                             .charset = charset,
                                             .length = length,
                                             .decimals = decimals})
      .type.ToString();
}

// The value a column's text reads as, rendered as Athena shows it.
std::string Read(int field_type,
                 std::string_view text,
                 unsigned flags = 0,
                 uint64_t length = 0,
                 unsigned decimals = 0,
                 unsigned charset = 45) {
  const ExtractColumnType type = ExtractColumnTypeOf(MySqlColumnInfo{.name = "c",
                                                                     .field_type = field_type,
                                                                     .flags = flags,
                                                                     .charset = charset,
                                                                     .length = length,
                                                                     .decimals = decimals});
  sql::Vector vector(type.type, 4);
  Status set = SetValueFromText(type, text, vector, 2);
  if (!set.ok()) {
    return "error: " + set.message();
  }
  vector.set_size(3);
  return vector.GetValue(2).ToString();
}

TEST(MySqlColumnTypeTest, IntegersKeepTheirWidthAndUnsignedOnesWiden) {
  EXPECT_EQ(TypeOf(MYSQL_TYPE_TINY), "tinyint");
  EXPECT_EQ(TypeOf(MYSQL_TYPE_TINY, UNSIGNED_FLAG), "smallint");
  EXPECT_EQ(TypeOf(MYSQL_TYPE_SHORT), "smallint");
  EXPECT_EQ(TypeOf(MYSQL_TYPE_SHORT, UNSIGNED_FLAG), "integer");
  EXPECT_EQ(TypeOf(MYSQL_TYPE_INT24, UNSIGNED_FLAG), "integer");
  EXPECT_EQ(TypeOf(MYSQL_TYPE_LONG), "integer");
  EXPECT_EQ(TypeOf(MYSQL_TYPE_LONG, UNSIGNED_FLAG), "bigint");
  EXPECT_EQ(TypeOf(MYSQL_TYPE_LONGLONG), "bigint");
  EXPECT_EQ(TypeOf(MYSQL_TYPE_LONGLONG, UNSIGNED_FLAG), "decimal(20,0)");
  EXPECT_EQ(TypeOf(MYSQL_TYPE_YEAR, UNSIGNED_FLAG), "smallint");
  EXPECT_EQ(Read(MYSQL_TYPE_TINY, "-128"), "-128");
  EXPECT_EQ(Read(MYSQL_TYPE_TINY, "255", UNSIGNED_FLAG), "255");
  EXPECT_EQ(Read(MYSQL_TYPE_LONG, "4294967295", UNSIGNED_FLAG), "4294967295");
  EXPECT_EQ(Read(MYSQL_TYPE_LONGLONG, "-9223372036854775808"), "-9223372036854775808");
  EXPECT_EQ(Read(MYSQL_TYPE_LONGLONG, "18446744073709551615", UNSIGNED_FLAG),
            "18446744073709551615");
  EXPECT_EQ(Read(MYSQL_TYPE_TINY, "128"), "error: cannot read '128' as tinyint");
  EXPECT_EQ(Read(MYSQL_TYPE_LONG, "12x"), "error: cannot read '12x' as integer");
}

TEST(MySqlColumnTypeTest, DecimalsKeepPrecisionAndScale) {
  // DECIMAL(10,2): 10 digits, a point and a sign.
  EXPECT_EQ(TypeOf(MYSQL_TYPE_NEWDECIMAL, 0, 12, 2), "decimal(10,2)");
  EXPECT_EQ(TypeOf(MYSQL_TYPE_NEWDECIMAL, UNSIGNED_FLAG, 11, 2), "decimal(10,2)");
  EXPECT_EQ(TypeOf(MYSQL_TYPE_NEWDECIMAL, 0, 39, 0), "decimal(38,0)");
  EXPECT_EQ(TypeOf(MYSQL_TYPE_NEWDECIMAL, 0, 67, 30), "varchar");  // DECIMAL(65,30).
  EXPECT_EQ(Read(MYSQL_TYPE_NEWDECIMAL, "-12345678.90", 0, 12, 2), "-12345678.90");
  EXPECT_EQ(Read(MYSQL_TYPE_NEWDECIMAL, "12345678901234567890123456789.012345678", 0, 40, 9),
            "12345678901234567890123456789.012345678");
}

TEST(MySqlColumnTypeTest, FloatsDatesAndTimestamps) {
  EXPECT_EQ(TypeOf(MYSQL_TYPE_FLOAT), "real");
  EXPECT_EQ(TypeOf(MYSQL_TYPE_DOUBLE), "double");
  EXPECT_EQ(TypeOf(MYSQL_TYPE_DATE), "date");
  EXPECT_EQ(TypeOf(MYSQL_TYPE_DATETIME), "timestamp(6)");
  EXPECT_EQ(TypeOf(MYSQL_TYPE_TIMESTAMP), "timestamp(6)");
  EXPECT_EQ(Read(MYSQL_TYPE_FLOAT, "1.5"), "1.5");
  EXPECT_EQ(Read(MYSQL_TYPE_DOUBLE, "-2.25e-10"), "-2.25E-10");
  EXPECT_EQ(Read(MYSQL_TYPE_DATE, "2023-02-28"), "2023-02-28");
  EXPECT_EQ(Read(MYSQL_TYPE_DATE, "1000-01-01"), "1000-01-01");
  EXPECT_EQ(Read(MYSQL_TYPE_DATE, "0000-00-00"), "NULL");
  EXPECT_EQ(Read(MYSQL_TYPE_DATE, "2023-02-30"), "error: cannot read '2023-02-30' as date");
  EXPECT_EQ(Read(MYSQL_TYPE_DATETIME, "2023-01-02 03:04:05"), "2023-01-02 03:04:05.000000");
  EXPECT_EQ(Read(MYSQL_TYPE_DATETIME, "1969-12-31 23:59:59.123456"), "1969-12-31 23:59:59.123000");
  EXPECT_EQ(Read(MYSQL_TYPE_DATETIME, "0000-00-00 00:00:00"), "NULL");
  EXPECT_EQ(Read(MYSQL_TYPE_DATETIME, "2023-01-02 24:00:00"),
            "error: cannot read '2023-01-02 24:00:00' as timestamp");
}

TEST(MySqlColumnTypeTest, TextIsVarcharAndBinaryCollationsAreVarbinary) {
  EXPECT_EQ(TypeOf(MYSQL_TYPE_VAR_STRING), "varchar");
  EXPECT_EQ(TypeOf(MYSQL_TYPE_VAR_STRING, BINARY_FLAG, 0, 0, 63), "varbinary");
  EXPECT_EQ(TypeOf(MYSQL_TYPE_STRING, BINARY_FLAG, 0, 0, 63), "varbinary");
  EXPECT_EQ(TypeOf(MYSQL_TYPE_BLOB, BINARY_FLAG, 0, 0, 63), "varbinary");
  EXPECT_EQ(TypeOf(MYSQL_TYPE_BLOB), "varchar");
  EXPECT_EQ(TypeOf(MYSQL_TYPE_STRING, ENUM_FLAG), "varchar");
  EXPECT_EQ(TypeOf(MYSQL_TYPE_TIME, BINARY_FLAG, 0, 0, 63), "varchar");
  EXPECT_EQ(TypeOf(MYSQL_TYPE_GEOMETRY, BINARY_FLAG, 0, 0, 63), "varbinary");
  EXPECT_EQ(Read(MYSQL_TYPE_VAR_STRING, "Zoë, a string longer than twelve bytes"),
            "Zoë, a string longer than twelve bytes");
}

TEST(MySqlColumnTypeTest, BitOneIsBooleanAndWiderBitsAreNumbers) {
  EXPECT_EQ(TypeOf(MYSQL_TYPE_BIT, UNSIGNED_FLAG, 1), "boolean");
  EXPECT_EQ(TypeOf(MYSQL_TYPE_BIT, UNSIGNED_FLAG, 12), "bigint");
  EXPECT_EQ(Read(MYSQL_TYPE_BIT, std::string_view("\x01", 1), UNSIGNED_FLAG, 1), "true");
  EXPECT_EQ(Read(MYSQL_TYPE_BIT, std::string_view("\x00", 1), UNSIGNED_FLAG, 1), "false");
  EXPECT_EQ(Read(MYSQL_TYPE_BIT, std::string_view("\x0a\x05", 2), UNSIGNED_FLAG, 12), "2565");
}

}  // namespace
}  // namespace stratus::connectors::mysql
