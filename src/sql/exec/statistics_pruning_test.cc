#include "sql/exec/statistics_pruning.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "sql/functions/function.h"
#include "sql/types/decimal.h"

namespace stratus::sql::exec {
namespace {

// Only the binding's name matters to pruning.
plan::ExprPtr Compare(std::string_view name, plan::ExprPtr a, plan::ExprPtr b) {
  auto binding = std::make_shared<functions::ScalarBinding>();
  binding->name = std::string(name);
  binding->return_type = LogicalType::Boolean();
  return plan::MakeCall(binding, {std::move(a), std::move(b)});
}

plan::ExprPtr Column(size_t column, LogicalType type = LogicalType::Bigint()) {
  return plan::MakeColumn(column, std::move(type));
}

plan::ExprPtr Constant(Value value) {
  return plan::MakeConstant(std::move(value));
}

ColumnRange Range(int64_t min, int64_t max, int64_t nulls = 0) {
  return {.min = Value::Bigint(min), .max = Value::Bigint(max), .null_count = nulls};
}

bool May(const plan::ExprPtr& filter, const std::vector<ColumnRange>& columns, int64_t rows = 10) {
  return MayMatch({filter}, columns, rows);
}

TEST(StatisticsPruningTest, ComparisonsAgainstConstantsUseMinAndMax) {
  const std::vector<ColumnRange> columns = {Range(10, 20)};
  const plan::ExprPtr c = Column(0);
  EXPECT_FALSE(May(Compare(functions::kEqualOperator, c, Constant(Value::Bigint(9))), columns));
  EXPECT_TRUE(May(Compare(functions::kEqualOperator, c, Constant(Value::Bigint(10))), columns));
  EXPECT_FALSE(May(Compare(functions::kLessThanOperator, c, Constant(Value::Bigint(10))), columns));
  EXPECT_TRUE(
      May(Compare(functions::kLessThanOrEqualOperator, c, Constant(Value::Bigint(10))), columns));
  EXPECT_FALSE(
      May(Compare(functions::kGreaterThanOperator, c, Constant(Value::Bigint(20))), columns));
  EXPECT_TRUE(May(Compare(functions::kGreaterThanOrEqualOperator, c, Constant(Value::Bigint(20))),
                  columns));
  // 25 > c: the constant on the left flips the comparison.
  EXPECT_TRUE(
      May(Compare(functions::kGreaterThanOperator, Constant(Value::Bigint(25)), c), columns));
  EXPECT_FALSE(May(Compare(functions::kLessThanOperator, Constant(Value::Bigint(25)), c), columns));
  EXPECT_FALSE(
      May(Compare(functions::kNotEqualOperator, c, Constant(Value::Bigint(5))), {Range(5, 5)}));
}

TEST(StatisticsPruningTest, InIsNullAndConjunctions) {
  const std::vector<ColumnRange> columns = {Range(10, 20, 0), Range(0, 0, 10)};
  const plan::ExprPtr in =
      plan::MakeSpecial(plan::ExprKind::kIn, LogicalType::Boolean(),
                        {Column(0), Constant(Value::Bigint(1)), Constant(Value::Bigint(30))});
  EXPECT_FALSE(May(in, columns));
  const plan::ExprPtr is_null =
      plan::MakeSpecial(plan::ExprKind::kIsNull, LogicalType::Boolean(), {Column(0)});
  EXPECT_FALSE(May(is_null, columns));
  const plan::ExprPtr not_null = plan::MakeSpecial(
      plan::ExprKind::kNot, LogicalType::Boolean(),
      {plan::MakeSpecial(plan::ExprKind::kIsNull, LogicalType::Boolean(), {Column(1)})});
  EXPECT_FALSE(May(not_null, columns));  // Column 1 is all NULL.
  // An all-NULL column makes every comparison not TRUE.
  EXPECT_FALSE(
      May(Compare(functions::kEqualOperator, Column(1), Constant(Value::Bigint(0))), columns));
  const plan::ExprPtr low =
      Compare(functions::kLessThanOperator, Column(0), Constant(Value::Bigint(5)));
  const plan::ExprPtr high =
      Compare(functions::kGreaterThanOperator, Column(0), Constant(Value::Bigint(15)));
  EXPECT_TRUE(
      May(plan::MakeSpecial(plan::ExprKind::kOr, LogicalType::Boolean(), {low, high}), columns));
  EXPECT_FALSE(
      May(plan::MakeSpecial(plan::ExprKind::kAnd, LogicalType::Boolean(), {low, high}), columns));
}

TEST(StatisticsPruningTest, UnknownStatisticsAndOtherExpressionsMayMatch) {
  const plan::ExprPtr equal =
      Compare(functions::kEqualOperator, Column(0), Constant(Value::Bigint(1)));
  EXPECT_TRUE(May(equal, {ColumnRange{}}));
  EXPECT_TRUE(May(equal, {}));
  EXPECT_TRUE(May(Compare("$like", Column(0), Constant(Value::Bigint(1))), {Range(5, 6)}));
  EXPECT_FALSE(May(
      Compare(functions::kEqualOperator, Column(0), Constant(Value::Null(LogicalType::Bigint()))),
      {Range(5, 6)}));
}

TEST(StatisticsPruningTest, ValuesCompareAcrossNumericKindsDatesAndStrings) {
  EXPECT_EQ(CompareStatistics(Value::Integer(3), Value::Bigint(4)), -1);
  EXPECT_EQ(CompareStatistics(Value::Bigint(4), Value::Double(3.5)), 1);
  const LogicalType dec = LogicalType::Decimal(10, 2);
  EXPECT_EQ(CompareStatistics(Value::Decimal(dec, 150), Value::Bigint(1)), 1);  // 1.50 > 1
  EXPECT_EQ(CompareStatistics(Value::Decimal(dec, 100), Value::Bigint(1)), 0);
  EXPECT_EQ(CompareStatistics(Value::Date(1), Value::Timestamp(86'400'000)), 0);
  EXPECT_EQ(CompareStatistics(Value::Varchar("b"), Value::Varchar("ab")), 1);
  EXPECT_EQ(CompareStatistics(Value::Varchar("\xc3\xa9"), Value::Varchar("z")), 1);
  EXPECT_FALSE(CompareStatistics(Value::Double(std::nan("")), Value::Double(1)).has_value());
  EXPECT_FALSE(CompareStatistics(Value::Varchar("1"), Value::Bigint(1)).has_value());
}

TEST(StatisticsPruningTest, WideningCastsOfTheColumnStillPrune) {
  auto cast = std::make_shared<functions::ScalarBinding>();
  cast->name = "CAST";
  const plan::ExprPtr widened = plan::MakeCast(cast, Column(0, LogicalType::Integer()), false);
  // MakeCast takes the result type from the binding; build the node by hand.
  auto node = std::make_shared<plan::Expr>(*widened);
  node->type = LogicalType::Bigint();
  const std::vector<ColumnRange> columns = {
      {.min = Value::Integer(1), .max = Value::Integer(2), .null_count = 0}};
  EXPECT_FALSE(
      May(Compare(functions::kGreaterThanOperator, node, Constant(Value::Bigint(2))), columns));
  // A narrowing cast (double to integer rounds) does not prune.
  auto narrowing =
      std::make_shared<plan::Expr>(*plan::MakeCast(cast, Column(0, LogicalType::Double()), false));
  narrowing->type = LogicalType::Integer();
  EXPECT_TRUE(May(Compare(functions::kEqualOperator, narrowing, Constant(Value::Integer(3))),
                  {{.min = Value::Double(3.2), .max = Value::Double(3.4), .null_count = 0}}));
}

}  // namespace
}  // namespace stratus::sql::exec
