#include "sql/types/logical_type.h"

#include <unordered_set>

#include <gtest/gtest.h>

namespace stratus::sql {
namespace {

TEST(LogicalTypeTest, MapsToThePhysicalLayoutOfTheAdr) {
  EXPECT_EQ(LogicalType::Boolean().physical_type(), PhysicalType::kBool);
  EXPECT_EQ(LogicalType::Integer().physical_type(), PhysicalType::kInt32);
  EXPECT_EQ(LogicalType::Decimal(18, 2).physical_type(), PhysicalType::kInt64);
  EXPECT_EQ(LogicalType::Decimal(19, 2).physical_type(), PhysicalType::kInt128);
  EXPECT_EQ(LogicalType::Date().physical_type(), PhysicalType::kInt32);
  EXPECT_EQ(LogicalType::Timestamp().physical_type(), PhysicalType::kInt64);
  EXPECT_EQ(LogicalType::TimestampWithTimeZone().physical_type(), PhysicalType::kInt64);
  EXPECT_EQ(LogicalType::IntervalYearToMonth().physical_type(), PhysicalType::kInt32);
  EXPECT_EQ(LogicalType::Varchar(10).physical_type(), PhysicalType::kString);
  EXPECT_EQ(LogicalType::Json().physical_type(), PhysicalType::kString);
  EXPECT_EQ(LogicalType::Array(LogicalType::Bigint()).physical_type(), PhysicalType::kList);
  EXPECT_EQ(LogicalType::Map(LogicalType::Varchar(), LogicalType::Bigint()).physical_type(),
            PhysicalType::kMap);
  EXPECT_EQ(LogicalType::Row({}).physical_type(), PhysicalType::kStruct);
  EXPECT_EQ(PhysicalTypeWidth(PhysicalType::kString), 16u);
}

TEST(LogicalTypeTest, EqualityComparesParametersAndChildren) {
  EXPECT_EQ(LogicalType::Decimal(10, 2), LogicalType::Decimal(10, 2));
  EXPECT_NE(LogicalType::Decimal(10, 2), LogicalType::Decimal(10, 3));
  EXPECT_NE(LogicalType::Varchar(), LogicalType::Varchar(3));
  EXPECT_NE(LogicalType::Timestamp(3), LogicalType::Timestamp(6));
  const LogicalType row_a = LogicalType::Row({{.name = "a", .type = LogicalType::Integer()}});
  const LogicalType row_b = LogicalType::Row({{.name = "b", .type = LogicalType::Integer()}});
  EXPECT_EQ(row_a, LogicalType::Row({{.name = "a", .type = LogicalType::Integer()}}));
  EXPECT_NE(row_a, row_b);
  EXPECT_NE(LogicalType::Array(LogicalType::Integer()), LogicalType::Array(LogicalType::Bigint()));
}

TEST(LogicalTypeTest, EqualTypesHashEqually) {
  std::unordered_set<LogicalType, LogicalTypeHash> types;
  types.insert(LogicalType::Map(LogicalType::Varchar(), LogicalType::Array(LogicalType::Double())));
  types.insert(LogicalType::Map(LogicalType::Varchar(), LogicalType::Array(LogicalType::Double())));
  types.insert(LogicalType::Decimal(10, 2));
  EXPECT_EQ(types.size(), 2u);
}

TEST(LogicalTypeTest, NestedAccessors) {
  const LogicalType map = LogicalType::Map(LogicalType::Varchar(), LogicalType::Bigint());
  ASSERT_EQ(map.num_children(), 2u);
  EXPECT_EQ(map.child(0), LogicalType::Varchar());
  EXPECT_EQ(map.child(1), LogicalType::Bigint());
  EXPECT_TRUE(map.is_nested());
  EXPECT_FALSE(LogicalType::Bigint().is_nested());
  EXPECT_TRUE(LogicalType::Decimal(18, 0).is_short_decimal());
}

TEST(LogicalTypeTest, EmptyStringLiteralTypeIsVarcharOfLengthZero) {
  const LogicalType empty = LogicalType::Varchar(0);
  EXPECT_EQ(empty.length(), 0);
  EXPECT_EQ(empty.ToString(), "varchar(0)");
}

}  // namespace
}  // namespace stratus::sql
