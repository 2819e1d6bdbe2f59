#include <gtest/gtest.h>

#include "sql/functions/function.h"
#include "sql/functions/function_tester.h"
#include "sql/types/value.h"

namespace stratus::sql::functions {
namespace {

std::string Aggregate(std::string_view name,
                      const LogicalType& type,
                      const std::vector<Value>& values) {
  return Describe(EvalAggregate(name, {type}, {values}));
}

TEST(AggregateTest, CountStarCountsRowsAndCountSkipsNulls) {
  EXPECT_EQ(Describe(EvalAggregate("count", {}, {})), "0 :: bigint");
  const std::vector<Value> values = {Value::Integer(1), Value::Null(LogicalType::Integer()),
                                     Value::Integer(3)};
  EXPECT_EQ(Aggregate("count", LogicalType::Integer(), values), "2 :: bigint");
}

TEST(AggregateTest, SumOfIntegersIsBigintAndChecksOverflow) {
  EXPECT_EQ(Aggregate("sum", LogicalType::Integer(),
                      {Value::Integer(1), Value::Integer(2), Value::Null(LogicalType::Integer())}),
            "3 :: bigint");
  EXPECT_EQ(Aggregate("sum", LogicalType::Bigint(),
                      {Value::Bigint(9223372036854775807), Value::Bigint(0), Value::Bigint(1)}),
            "NUMERIC_VALUE_OUT_OF_RANGE: bigint addition overflow: 9223372036854775807 + 1");
  EXPECT_EQ(Aggregate("sum", LogicalType::Integer(), {Value::Null(LogicalType::Integer())}),
            "NULL :: bigint");
}

TEST(AggregateTest, SumAndAverageOfDecimalsAreExact) {
  const LogicalType type = LogicalType::Decimal(5, 2);
  const std::vector<Value> values = {Value::Decimal(type, 125), Value::Decimal(type, 250),
                                     Value::Decimal(type, 1)};
  EXPECT_EQ(Aggregate("sum", type, values), "3.76 :: decimal(38,2)");
  EXPECT_EQ(Aggregate("avg", type, values), "1.25 :: decimal(5,2)");
}

TEST(AggregateTest, AverageOfIntegersIsDouble) {
  EXPECT_EQ(Aggregate("avg", LogicalType::Integer(), {Value::Integer(1), Value::Integer(2)}),
            "1.5 :: double");
  EXPECT_EQ(Aggregate("avg", LogicalType::Real(), {Value::Real(1), Value::Real(2)}), "1.5 :: real");
  EXPECT_EQ(Aggregate("sum", LogicalType::Real(), {Value::Real(1), Value::Real(2)}), "3.0 :: real");
}

TEST(AggregateTest, MinAndMaxWorkOnEveryOrderableType) {
  EXPECT_EQ(Aggregate("max", LogicalType::Integer(),
                      {Value::Integer(3), Value::Null(LogicalType::Integer()), Value::Integer(7)}),
            "7 :: integer");
  const std::vector<Value> strings = {Value::Varchar("pear"),
                                      Value::Varchar("a rather long apple name"),
                                      Value::Varchar("zucchini, also rather long")};
  EXPECT_EQ(Aggregate("min", LogicalType::Varchar(), strings),
            "a rather long apple name :: varchar");
  EXPECT_EQ(Aggregate("max", LogicalType::Varchar(), strings),
            "zucchini, also rather long :: varchar");
  EXPECT_EQ(Aggregate("min", LogicalType::Date(), {Value::Date(5), Value::Date(-3)}),
            "1969-12-29 :: date");
  EXPECT_EQ(Aggregate("max", LogicalType::Varchar(), {Value::Null(LogicalType::Varchar())}),
            "NULL :: varchar");
}

TEST(AggregateTest, UnknownAggregateIsNotRegistered) {
  EXPECT_EQ(Describe(EvalAggregate("nope", {LogicalType::Integer()}, {{Value::Integer(1)}})),
            "FUNCTION_NOT_FOUND: Function 'nope' not registered");
}

}  // namespace
}  // namespace stratus::sql::functions
