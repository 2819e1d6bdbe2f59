#include <cmath>

#include <gtest/gtest.h>

#include "sql/functions/function.h"
#include "sql/functions/function_tester.h"
#include "sql/types/value.h"

namespace stratus::sql::functions {
namespace {

std::string Eval(std::string_view name, const std::vector<Value>& arguments) {
  std::string flat = Describe(EvalScalar(name, arguments));
  EXPECT_EQ(flat, Describe(EvalScalarConstant(name, arguments)));
  return flat;
}

TEST(ComparisonTest, MixedNumericTypesCompareAfterCoercion) {
  EXPECT_EQ(Eval("$equal", {Value::Integer(1), Value::Bigint(1)}), "true :: boolean");
  EXPECT_EQ(Eval("$less_than", {Value::Integer(1), Value::Decimal(LogicalType::Decimal(2, 1), 15)}),
            "true :: boolean");
  EXPECT_EQ(Eval("$greater_than", {Value::Double(2.5), Value::Integer(2)}), "true :: boolean");
  EXPECT_EQ(Eval("$not_equal", {Value::Real(1.5F), Value::Double(1.5)}), "false :: boolean");
}

TEST(ComparisonTest, VarcharComparesBytesAndCharIgnoresTrailingSpaces) {
  EXPECT_EQ(Eval("$less_than", {Value::Varchar("abc"), Value::Varchar("abd")}), "true :: boolean");
  EXPECT_EQ(Eval("$less_than", {Value::Varchar("ab"), Value::Varchar("abc")}), "true :: boolean");
  EXPECT_EQ(Eval("$less_than", {Value::Varchar("Z"), Value::Varchar("a")}), "true :: boolean");
  EXPECT_EQ(Eval("$equal", {Value::Varchar("a "), Value::Varchar("a")}), "false :: boolean");
  EXPECT_EQ(Eval("$equal", {Value::Char(3, "a"), Value::Varchar("a")}), "true :: boolean");
  EXPECT_EQ(
      Eval("$equal", {Value::Varchar("a long string here"), Value::Varchar("a long string here")}),
      "true :: boolean");
}

TEST(ComparisonTest, NullComparesToNull) {
  EXPECT_EQ(Eval("$equal", {Value::Null(LogicalType::Integer()), Value::Integer(1)}),
            "NULL :: boolean");
  EXPECT_EQ(Eval("$equal", {Value(), Value::Varchar("x")}), "NULL :: boolean");
}

TEST(ComparisonTest, NanIsNotEqualToItselfButNotDistinctFromIt) {
  const Value nan = Value::Double(std::nan(""));
  EXPECT_EQ(Eval("$equal", {nan, nan}), "false :: boolean");
  EXPECT_EQ(Eval("$is_distinct_from", {nan, nan}), "false :: boolean");
}

TEST(ComparisonTest, IsDistinctFromTreatsNullAsAValue) {
  EXPECT_EQ(Eval("$is_distinct_from", {Value::Null(LogicalType::Integer()), Value::Integer(1)}),
            "true :: boolean");
  EXPECT_EQ(Eval("$is_distinct_from",
                 {Value::Null(LogicalType::Integer()), Value::Null(LogicalType::Integer())}),
            "false :: boolean");
  EXPECT_EQ(Eval("$is_distinct_from", {Value::Varchar("a"), Value::Varchar("b")}),
            "true :: boolean");
}

TEST(ComparisonTest, DatesCompareWithTimestamps) {
  EXPECT_EQ(Eval("$less_than", {Value::Date(19724), Value::Timestamp(1704164645123)}),
            "true :: boolean");
  EXPECT_EQ(Eval("$equal", {Value::Date(19724), Value::Timestamp(19724 * 86400000LL)}),
            "true :: boolean");
}

TEST(ComparisonTest, ArraysCompareElementWise) {
  const Value a = Value::Array(LogicalType::Integer(), {Value::Integer(1), Value::Integer(2)});
  const Value b = Value::Array(LogicalType::Integer(), {Value::Integer(1), Value::Integer(3)});
  EXPECT_EQ(Eval("$less_than", {a, b}), "true :: boolean");
  EXPECT_EQ(Eval("$equal", {a, a}), "true :: boolean");
}

TEST(ComparisonTest, IncomparableTypesAreATypeMismatch) {
  EXPECT_EQ(Eval("$equal", {Value::Varchar("1"), Value::Integer(1)}),
            "TYPE_MISMATCH: Cannot apply operator: varchar = integer");
}

}  // namespace
}  // namespace stratus::sql::functions

namespace stratus::sql::functions {
namespace {

std::string Call(std::string_view name, const std::vector<Value>& arguments) {
  std::string flat = Describe(EvalScalar(name, arguments));
  EXPECT_EQ(flat, Describe(EvalScalarConstant(name, arguments)));
  return flat;
}

TEST(ComparisonTest, GreatestAndLeastCoerceAndPropagateNull) {
  EXPECT_EQ(Call("greatest", {Value::Integer(1), Value::Bigint(5), Value::Integer(3)}),
            "5 :: bigint");
  EXPECT_EQ(Call("least", {Value::Varchar("pear"), Value::Varchar("apple, a long one")}),
            "apple, a long one :: varchar");
  EXPECT_EQ(Call("greatest", {Value::Integer(1), Value::Double(2.5)}), "2.5 :: double");
  EXPECT_EQ(Call("least", {Value::Integer(1), Value::Null(LogicalType::Integer())}),
            "NULL :: integer");
  EXPECT_EQ(Call("greatest", {Value::Date(5), Value::Date(9)}), "1970-01-10 :: date");
}

TEST(ComparisonTest, TypeofNamesTheType) {
  EXPECT_EQ(Call("typeof", {Value::Decimal(LogicalType::Decimal(2, 1), 15)}),
            "decimal(2,1) :: varchar");
  EXPECT_EQ(Call("typeof", {Value::FromString(LogicalType::Varchar(3), "cat")}),
            "varchar(3) :: varchar");
}

TEST(ComparisonTest, BitwiseFunctions) {
  EXPECT_EQ(Call("bitwise_and", {Value::Bigint(12), Value::Bigint(10)}), "8 :: bigint");
  EXPECT_EQ(Call("bitwise_or", {Value::Bigint(12), Value::Bigint(10)}), "14 :: bigint");
  EXPECT_EQ(Call("bitwise_xor", {Value::Bigint(12), Value::Bigint(10)}), "6 :: bigint");
  EXPECT_EQ(Call("bit_count", {Value::Bigint(-1), Value::Bigint(8)}), "8 :: bigint");
}

}  // namespace
}  // namespace stratus::sql::functions
