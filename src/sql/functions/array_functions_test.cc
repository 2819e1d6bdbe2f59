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

Value Ints(const std::vector<int32_t>& values) {
  std::vector<Value> elements;
  elements.reserve(values.size());
  for (int32_t value : values) {
    elements.push_back(Value::Integer(value));
  }
  return Value::Array(LogicalType::Integer(), std::move(elements));
}

Value Strings(std::vector<std::string> values) {
  std::vector<Value> elements;
  elements.reserve(values.size());
  for (std::string& value : values) {
    elements.push_back(Value::Varchar(std::move(value)));
  }
  return Value::Array(LogicalType::Varchar(), std::move(elements));
}

TEST(ArrayFunctionsTest, ConstructorsBuildArraysAndRows) {
  EXPECT_EQ(Eval("array_constructor", {Value::Integer(1), Value::Integer(2)}),
            "[1, 2] :: array(integer)");
  EXPECT_EQ(Eval("array_constructor", {Value::Integer(1), Value::Null(LogicalType::Integer())}),
            "[1, null] :: array(integer)");
  EXPECT_EQ(Eval("row_constructor", {Value::Integer(1), Value::Varchar("a")}),
            "{field0=1, field1=a} :: row(integer, varchar)");
}

TEST(ArrayFunctionsTest, SubscriptIsStrictAndElementAtLenient) {
  EXPECT_EQ(Eval("$subscript", {Ints({10, 20, 30}), Value::Integer(2)}), "20 :: integer");
  EXPECT_EQ(Eval("$subscript", {Ints({10, 20, 30}), Value::Integer(4)}),
            "INVALID_FUNCTION_ARGUMENT: Array subscript must be less than or equal to array "
            "length: 4 > 3");
  EXPECT_EQ(Eval("$subscript", {Ints({10}), Value::Integer(0)}),
            "INVALID_FUNCTION_ARGUMENT: SQL array indices start at 1");
  EXPECT_EQ(Eval("element_at", {Ints({10, 20, 30}), Value::Integer(4)}), "NULL :: integer");
  EXPECT_EQ(Eval("element_at", {Ints({10, 20, 30}), Value::Integer(-1)}), "30 :: integer");
  const Value map = Value::Map(LogicalType::Varchar(), LogicalType::Integer(),
                               {Value::Varchar("a")}, {Value::Integer(1)});
  EXPECT_EQ(Eval("$subscript", {map, Value::Varchar("a")}), "1 :: integer");
  EXPECT_EQ(Eval("$subscript", {map, Value::Varchar("b")}),
            "INVALID_FUNCTION_ARGUMENT: Key not present in map: b");
  EXPECT_EQ(Eval("element_at", {map, Value::Varchar("b")}), "NULL :: integer");
  EXPECT_EQ(Eval("cardinality", {map}), "1 :: bigint");
}

TEST(ArrayFunctionsTest, SearchesAndJoins) {
  EXPECT_EQ(Eval("cardinality", {Ints({1, 2, 3})}), "3 :: bigint");
  EXPECT_EQ(Eval("contains", {Ints({1, 2, 3}), Value::Integer(2)}), "true :: boolean");
  EXPECT_EQ(Eval("contains", {Ints({1, 2, 3}), Value::Integer(5)}), "false :: boolean");
  EXPECT_EQ(Eval("array_position", {Strings({"a", "b"}), Value::Varchar("b")}), "2 :: bigint");
  EXPECT_EQ(Eval("array_join", {Strings({"a", "b"}), Value::Varchar(",")}), "a,b :: varchar");
  EXPECT_EQ(Eval("array_join", {Ints({1, 2}), Value::Varchar("-")}), "1-2 :: varchar");
  EXPECT_EQ(Eval("array_max", {Ints({3, 9, 1})}), "9 :: integer");
  EXPECT_EQ(Eval("array_min", {Ints({3, 9, 1})}), "1 :: integer");
}

TEST(ArrayFunctionsTest, Transforms) {
  EXPECT_EQ(Eval("array_distinct", {Ints({1, 2, 1, 3})}), "[1, 2, 3] :: array(integer)");
  EXPECT_EQ(Eval("array_sort", {Ints({3, 1, 2})}), "[1, 2, 3] :: array(integer)");
  EXPECT_EQ(Eval("array_remove", {Ints({1, 2, 1}), Value::Integer(1)}), "[2] :: array(integer)");
  EXPECT_EQ(Eval("slice", {Ints({1, 2, 3, 4}), Value::Integer(2), Value::Integer(2)}),
            "[2, 3] :: array(integer)");
  EXPECT_EQ(Eval("concat", {Ints({1}), Ints({2, 3})}), "[1, 2, 3] :: array(integer)");
  EXPECT_EQ(Eval("sequence", {Value::Integer(1), Value::Integer(5), Value::Integer(2)}),
            "[1, 3, 5] :: array(bigint)");
  EXPECT_EQ(Eval("array_union", {Ints({1, 2}), Ints({2, 3})}), "[1, 2, 3] :: array(integer)");
  EXPECT_EQ(Eval("array_intersect", {Ints({1, 2}), Ints({2, 3})}), "[2] :: array(integer)");
  EXPECT_EQ(Eval("array_except", {Ints({1, 2}), Ints({2, 3})}), "[1] :: array(integer)");
}

TEST(ArrayFunctionsTest, MapsFromArrays) {
  EXPECT_EQ(Eval("map", {Strings({"a", "b"}), Ints({1, 2})}),
            "{a=1, b=2} :: map(varchar, integer)");
  EXPECT_EQ(Eval("map", {Strings({"a", "a"}), Ints({1, 2})}),
            "INVALID_FUNCTION_ARGUMENT: Duplicate map keys (a) are not allowed");
  const Value map = Value::Map(LogicalType::Varchar(), LogicalType::Integer(),
                               {Value::Varchar("a"), Value::Varchar("b")},
                               {Value::Integer(1), Value::Integer(2)});
  EXPECT_EQ(Eval("map_keys", {map}), "[a, b] :: array(varchar)");
  EXPECT_EQ(Eval("map_values", {map}), "[1, 2] :: array(integer)");
  EXPECT_EQ(
      Eval("split_to_map", {Value::Varchar("a=1&b=2"), Value::Varchar("&"), Value::Varchar("=")}),
      "{a=1, b=2} :: map(varchar, varchar)");
  EXPECT_EQ(Eval("map_concat", {map, Value::Map(LogicalType::Varchar(), LogicalType::Integer(),
                                                {Value::Varchar("b")}, {Value::Integer(9)})}),
            "{a=1, b=9} :: map(varchar, integer)");
}

}  // namespace
}  // namespace stratus::sql::functions
