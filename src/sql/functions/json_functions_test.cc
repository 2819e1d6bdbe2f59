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

Value V(std::string text) {
  return Value::Varchar(std::move(text));
}

const char kDocument[] = R"({"store": {"book": [{"title": "A", "price": 8.95},
                                               {"title": "B", "price": 12}]},
                             "open": true, "name": "x"})";

TEST(JsonFunctionsTest, ParseCompactsAndKeepsKeyOrder) {
  EXPECT_EQ(Eval("json_parse", {V(R"({"b": 1, "a": [1, 2]})")}), R"({"b":1,"a":[1,2]} :: json)");
  EXPECT_EQ(Eval("json_parse", {V("{oops")}),
            "INVALID_FUNCTION_ARGUMENT: Cannot convert value to JSON: '{oops'");
  EXPECT_EQ(Eval("json_format", {Value::Json(R"({"a":1})")}), R"({"a":1} :: varchar)");
}

TEST(JsonFunctionsTest, ExtractFollowsThePath) {
  EXPECT_EQ(Eval("json_extract", {V(kDocument), V("$.store.book[1]")}),
            R"({"title":"B","price":12} :: json)");
  EXPECT_EQ(Eval("json_extract_scalar", {V(kDocument), V("$.store.book[0].title")}),
            "A :: varchar");
  EXPECT_EQ(Eval("json_extract_scalar", {V(kDocument), V("$.store.book[0].price")}),
            "8.95 :: varchar");
  EXPECT_EQ(Eval("json_extract_scalar", {V(kDocument), V("$['open']")}), "true :: varchar");
  EXPECT_EQ(Eval("json_extract_scalar", {V(kDocument), V("$.store")}), "NULL :: varchar");
  EXPECT_EQ(Eval("json_extract_scalar", {V(kDocument), V("$.missing")}), "NULL :: varchar");
  EXPECT_EQ(Eval("json_extract_scalar", {V("not json"), V("$.a")}), "NULL :: varchar");
  EXPECT_EQ(Eval("json_extract", {V(kDocument), V("store")}),
            "INVALID_FUNCTION_ARGUMENT: Invalid JSON path: 'store'");
}

TEST(JsonFunctionsTest, ArraysAndSizes) {
  EXPECT_EQ(Eval("json_array_length", {V("[1, 2, 3]")}), "3 :: bigint");
  EXPECT_EQ(Eval("json_array_length", {V("{}")}), "NULL :: bigint");
  EXPECT_EQ(Eval("json_array_contains", {V("[1, 2, 3]"), Value::Integer(2)}), "true :: boolean");
  EXPECT_EQ(Eval("json_array_contains", {V(R"(["a"])"), V("b")}), "false :: boolean");
  EXPECT_EQ(Eval("json_array_get", {V("[1, 2, 3]"), Value::Integer(-1)}), "3 :: json");
  EXPECT_EQ(Eval("json_size", {V(kDocument), V("$.store.book")}), "2 :: bigint");
  EXPECT_EQ(Eval("is_json_scalar", {V("1")}), "true :: boolean");
}

TEST(JsonFunctionsTest, CastsBetweenJsonAndSqlValues) {
  EXPECT_EQ(Describe(EvalCast(Value::Json(R"("abc")"), LogicalType::Varchar())), "abc :: varchar");
  EXPECT_EQ(Describe(EvalCast(Value::Json("12"), LogicalType::Bigint())), "12 :: bigint");
  EXPECT_EQ(Describe(EvalCast(Value::Json("[1,2]"), LogicalType::Array(LogicalType::Integer()))),
            "[1, 2] :: array(integer)");
  EXPECT_EQ(Describe(EvalCast(Value::Json(R"({"a":1})"),
                              LogicalType::Map(LogicalType::Varchar(), LogicalType::Bigint()))),
            "{a=1} :: map(varchar, bigint)");
  EXPECT_EQ(Describe(EvalCast(V("abc"), LogicalType::Json())), R"("abc" :: json)");
  const Value array = Value::Array(LogicalType::Integer(), {Value::Integer(1)});
  EXPECT_EQ(Describe(EvalCast(array, LogicalType::Json())), "[1] :: json");
  EXPECT_EQ(Describe(EvalCast(Value::Json("[1]"), LogicalType::Bigint())),
            "INVALID_CAST_ARGUMENT: Cannot cast to bigint. [1]");
}

}  // namespace
}  // namespace stratus::sql::functions
