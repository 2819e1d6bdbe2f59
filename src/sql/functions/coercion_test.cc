#include "sql/functions/coercion.h"

#include <gtest/gtest.h>

namespace stratus::sql::functions {
namespace {

std::string Super(const LogicalType& a, const LogicalType& b) {
  std::optional<LogicalType> type = CommonSuperType(a, b);
  return type.has_value() ? type->ToString() : "none";
}

TEST(CoercionTest, IntegersWidenAlongTheChain) {
  EXPECT_TRUE(CanCoerce(LogicalType::Tinyint(), LogicalType::Bigint()));
  EXPECT_TRUE(CanCoerce(LogicalType::Integer(), LogicalType::Double()));
  EXPECT_TRUE(CanCoerce(LogicalType::Integer(), LogicalType::Decimal(10, 0)));
  EXPECT_FALSE(CanCoerce(LogicalType::Integer(), LogicalType::Decimal(9, 0)));
  EXPECT_FALSE(CanCoerce(LogicalType::Bigint(), LogicalType::Integer()));
  EXPECT_FALSE(CanCoerce(LogicalType::Double(), LogicalType::Real()));
  EXPECT_TRUE(CanCoerce(LogicalType::Unknown(), LogicalType::Varchar()));
}

TEST(CoercionTest, CommonSuperTypesFollowTrino) {
  EXPECT_EQ(Super(LogicalType::Integer(), LogicalType::Bigint()), "bigint");
  EXPECT_EQ(Super(LogicalType::Integer(), LogicalType::Decimal(2, 1)), "decimal(11,1)");
  EXPECT_EQ(Super(LogicalType::Decimal(5, 2), LogicalType::Decimal(10, 0)), "decimal(12,2)");
  EXPECT_EQ(Super(LogicalType::Decimal(5, 2), LogicalType::Double()), "double");
  EXPECT_EQ(Super(LogicalType::Bigint(), LogicalType::Real()), "real");
  EXPECT_EQ(Super(LogicalType::Varchar(3), LogicalType::Varchar(5)), "varchar(5)");
  EXPECT_EQ(Super(LogicalType::Varchar(3), LogicalType::Varchar()), "varchar");
  EXPECT_EQ(Super(LogicalType::Date(), LogicalType::Timestamp()), "timestamp(3)");
  EXPECT_EQ(Super(LogicalType::Unknown(), LogicalType::Date()), "date");
  EXPECT_EQ(Super(LogicalType::Varchar(), LogicalType::Integer()), "none");
  EXPECT_EQ(
      Super(LogicalType::Array(LogicalType::Integer()), LogicalType::Array(LogicalType::Double())),
      "array(double)");
}

}  // namespace
}  // namespace stratus::sql::functions
