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

std::string Aggregate2(std::string_view name,
                       const LogicalType& a,
                       const LogicalType& b,
                       const std::vector<Value>& x,
                       const std::vector<Value>& y) {
  return Describe(EvalAggregate(name, {a, b}, {x, y}));
}

TEST(AggregateTest, CountIfAndBooleanAggregates) {
  const std::vector<Value> flags = {Value::Boolean(true), Value::Boolean(false),
                                    Value::Null(LogicalType::Boolean()), Value::Boolean(true)};
  EXPECT_EQ(Aggregate("count_if", LogicalType::Boolean(), flags), "2 :: bigint");
  EXPECT_EQ(Aggregate("bool_and", LogicalType::Boolean(), flags), "false :: boolean");
  EXPECT_EQ(Aggregate("every", LogicalType::Boolean(), {Value::Boolean(true)}), "true :: boolean");
  EXPECT_EQ(Aggregate("bool_or", LogicalType::Boolean(), flags), "true :: boolean");
  EXPECT_EQ(Aggregate("bool_or", LogicalType::Boolean(), {Value::Null(LogicalType::Boolean())}),
            "NULL :: boolean");
}

TEST(AggregateTest, MinByAndMaxByPickTheValueAtTheExtremeKey) {
  const std::vector<Value> names = {Value::Varchar("a"), Value::Varchar("b"), Value::Varchar("c")};
  const std::vector<Value> keys = {Value::Integer(2), Value::Integer(9),
                                   Value::Null(LogicalType::Integer())};
  EXPECT_EQ(Aggregate2("max_by", LogicalType::Varchar(), LogicalType::Integer(), names, keys),
            "b :: varchar");
  EXPECT_EQ(Aggregate2("min_by", LogicalType::Varchar(), LogicalType::Integer(), names, keys),
            "a :: varchar");
  EXPECT_EQ(Aggregate("arbitrary", LogicalType::Integer(),
                      {Value::Null(LogicalType::Integer()), Value::Integer(4)}),
            "4 :: integer");
}

TEST(AggregateTest, ArrayAggKeepsNullsAndMapAggKeysValues) {
  EXPECT_EQ(Aggregate("array_agg", LogicalType::Integer(),
                      {Value::Integer(1), Value::Null(LogicalType::Integer()), Value::Integer(3)}),
            "[1, 3, null] :: array(integer)");  // Two drivers: even rows, then odd rows.
  EXPECT_EQ(Aggregate2("map_agg", LogicalType::Varchar(), LogicalType::Integer(),
                       {Value::Varchar("a"), Value::Varchar("b")},
                       {Value::Integer(1), Value::Integer(2)}),
            "{a=1, b=2} :: map(varchar, integer)");
}

TEST(AggregateTest, VarianceAndStandardDeviation) {
  const std::vector<Value> values = {Value::Double(2), Value::Double(4), Value::Double(4),
                                     Value::Double(4), Value::Double(5), Value::Double(5),
                                     Value::Double(7), Value::Double(9)};
  EXPECT_EQ(Aggregate("stddev_pop", LogicalType::Double(), values), "2.0 :: double");
  EXPECT_EQ(Aggregate("var_pop", LogicalType::Double(), values), "4.0 :: double");
  EXPECT_EQ(Aggregate("variance", LogicalType::Integer(), {Value::Integer(1), Value::Integer(3)}),
            "2.0 :: double");
  EXPECT_EQ(Aggregate("stddev", LogicalType::Double(), {Value::Double(1)}), "NULL :: double");
  EXPECT_EQ(
      Aggregate("geometric_mean", LogicalType::Double(), {Value::Double(2), Value::Double(8)}),
      "4.0 :: double");
  EXPECT_EQ(Aggregate2("corr", LogicalType::Double(), LogicalType::Double(),
                       {Value::Double(1), Value::Double(2), Value::Double(3)},
                       {Value::Double(2), Value::Double(4), Value::Double(6)}),
            "1.0 :: double");
}

TEST(AggregateTest, ApproxDistinctIsExactForSmallInputs) {
  std::vector<Value> values;
  values.reserve(100);
  for (int i = 0; i < 100; ++i) {
    values.push_back(Value::Varchar("value " + std::to_string(i % 37)));
  }
  values.push_back(Value::Null(LogicalType::Varchar()));
  EXPECT_EQ(Aggregate("approx_distinct", LogicalType::Varchar(), values), "37 :: bigint");
}

TEST(AggregateTest, ApproxDistinctStaysWithinTheStandardError) {
  std::vector<Value> values;
  for (int64_t i = 0; i < 50000; ++i) {
    values.push_back(Value::Bigint(i * 7919));
  }
  Result<Value> estimate = EvalAggregate("approx_distinct", {LogicalType::Bigint()}, {values});
  ASSERT_TRUE(estimate.ok());
  EXPECT_NEAR(static_cast<double>(estimate->int64_value()), 50000.0, 50000.0 * 0.023 * 3);
}

TEST(AggregateTest, ApproxPercentile) {
  std::vector<Value> values;
  std::vector<Value> percentiles;
  for (int64_t i = 1; i <= 100; ++i) {
    values.push_back(Value::Bigint(i));
    percentiles.push_back(Value::Double(0.5));
  }
  EXPECT_EQ(Aggregate2("approx_percentile", LogicalType::Bigint(), LogicalType::Double(), values,
                       percentiles),
            "50 :: bigint");
}

TEST(AggregateTest, WindowFunctionsResolveTheirTypes) {
  const FunctionRegistry& registry = FunctionRegistry::Default();
  auto row_number = registry.ResolveWindow("row_number", {});
  ASSERT_TRUE(row_number.ok());
  EXPECT_EQ((*row_number)->return_type, LogicalType::Bigint());
  EXPECT_EQ((*row_number)->kind, WindowFunctionKind::kRowNumber);
  const LogicalType lag_args[] = {LogicalType::Varchar(), LogicalType::Integer()};
  auto lag = registry.ResolveWindow("lag", lag_args);
  ASSERT_TRUE(lag.ok());
  EXPECT_EQ((*lag)->return_type, LogicalType::Varchar());
  EXPECT_EQ((*lag)->argument_types[1], LogicalType::Bigint());
  EXPECT_TRUE(registry.IsWindow("percent_rank"));
  EXPECT_FALSE(registry.IsWindow("sum"));
}

}  // namespace
}  // namespace stratus::sql::functions
