#include "sql/exec/lambda_evaluator.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "sql/exec/expression_evaluator.h"
#include "sql/exec/test_functions.h"
#include "sql/functions/function.h"
#include "sql/planner/expr.h"
#include "sql/types/value.h"
#include "testing/status_matchers.h"

namespace stratus::sql::exec {
namespace {

using plan::ExprPtr;
using testing::Add;
using testing::Bigints;
using testing::Col;
using testing::Greater;
using testing::Int;
using testing::MakeBatch;

const LogicalType kBigints = LogicalType::Array(LogicalType::Bigint());

// Parameter `from_end` of the innermost lambda (planner/expr.h, "Lambdas").
ExprPtr Variable(size_t from_end, LogicalType type = LogicalType::Bigint()) {
  auto expr = std::make_shared<plan::Expr>();
  expr->kind = plan::ExprKind::kLambdaVariable;
  expr->type = std::move(type);
  expr->column = from_end;
  return expr;
}

ExprPtr Lambda(size_t parameters, ExprPtr body) {
  auto expr = std::make_shared<plan::Expr>();
  expr->kind = plan::ExprKind::kLambda;
  expr->type = body->type;
  expr->column = parameters;
  expr->args = {std::move(body)};
  return expr;
}

ExprPtr LambdaCall(std::string name, LogicalType type, std::vector<ExprPtr> args) {
  auto expr = std::make_shared<plan::Expr>();
  expr->kind = plan::ExprKind::kLambdaCall;
  expr->type = std::move(type);
  expr->name = std::move(name);
  expr->args = std::move(args);
  return expr;
}

Vector Arrays(const std::vector<std::optional<std::vector<int64_t>>>& rows) {
  Vector out(kBigints, rows.size());
  out.set_size(rows.size());
  for (size_t r = 0; r < rows.size(); ++r) {
    if (!rows[r].has_value()) {
      out.SetValue(r, Value::Null(kBigints));
      continue;
    }
    std::vector<Value> elements;
    for (int64_t element : *rows[r]) {
      elements.push_back(Value::Bigint(element));
    }
    out.SetValue(r, Value::Array(LogicalType::Bigint(), std::move(elements)));
  }
  return out;
}

std::string Render(const Vector& vector) {
  std::string out;
  for (size_t r = 0; r < vector.size(); ++r) {
    out += (r > 0 ? " | " : "") + vector.GetValue(r).ToString();
  }
  return out;
}

TEST(LambdaEvaluatorTest, TransformReadsACapturedColumnPerElement) {
  // transform(xs, x -> x + k) over rows (xs, k).
  const Batch input =
      MakeBatch({Arrays({std::vector<int64_t>{1, 2}, std::nullopt, std::vector<int64_t>{}}),
                 Bigints({10, 20, 30})});
  const ExprPtr call =
      LambdaCall("transform", kBigints, {Col(0, kBigints), Lambda(1, Add(Variable(0), Col(1)))});
  ASSERT_OK_AND_ASSIGN(Vector out, Evaluate(*call, input, {}));
  EXPECT_EQ(Render(out), "[11, 12] | NULL | []");
}

TEST(LambdaEvaluatorTest, FilterKeepsElementsWhosePredicateIsTrue) {
  const Batch input = MakeBatch({Arrays({std::vector<int64_t>{1, 5, 3, 7}})});
  const ExprPtr call =
      LambdaCall("filter", kBigints, {Col(0, kBigints), Lambda(1, Greater(Variable(0), Int(2)))});
  ASSERT_OK_AND_ASSIGN(Vector out, Evaluate(*call, input, {}));
  EXPECT_EQ(Render(out), "[5, 3, 7]");
}

TEST(LambdaEvaluatorTest, ReduceStepsEveryArrayOneElementAtATime) {
  // reduce(xs, 0, (s, x) -> s + x, s -> s): s is parameter 0, x parameter 1.
  const Batch input = MakeBatch(
      {Arrays({std::vector<int64_t>{1, 2, 3}, std::vector<int64_t>{}, std::vector<int64_t>{4}})});
  const ExprPtr call = LambdaCall(
      "reduce", LogicalType::Bigint(),
      {Col(0, kBigints), Int(0), Lambda(2, Add(Variable(1), Variable(0))), Lambda(1, Variable(0))});
  ASSERT_OK_AND_ASSIGN(Vector out, Evaluate(*call, input, {}));
  EXPECT_EQ(Render(out), "6 | 0 | 4");
}

TEST(LambdaEvaluatorTest, InnerLambdaReadsTheOuterLambdasParameter) {
  // transform(xs, x -> transform(ys, y -> x + y)) with ys a column.
  const LogicalType nested = LogicalType::Array(kBigints);
  const Batch input =
      MakeBatch({Arrays({std::vector<int64_t>{1, 2}}), Arrays({std::vector<int64_t>{10, 20}})});
  const ExprPtr inner = LambdaCall("transform", kBigints,
                                   {Col(1, kBigints), Lambda(1, Add(Variable(1), Variable(0)))});
  const ExprPtr call = LambdaCall("transform", nested, {Col(0, kBigints), Lambda(1, inner)});
  ASSERT_OK_AND_ASSIGN(Vector out, Evaluate(*call, input, {}));
  EXPECT_EQ(Render(out), "[[11, 21], [12, 22]]");
}

TEST(LambdaEvaluatorTest, AnyMatchIsNullWhenOnlyANullCouldDecide) {
  const Batch input = MakeBatch({Arrays({std::vector<int64_t>{1, 3}, std::vector<int64_t>{1}})});
  const ExprPtr call = LambdaCall("any_match", LogicalType::Boolean(),
                                  {Col(0, kBigints), Lambda(1, Greater(Variable(0), Int(2)))});
  ASSERT_OK_AND_ASSIGN(Vector out, Evaluate(*call, input, {}));
  EXPECT_EQ(Render(out), "true | false");
}

}  // namespace
}  // namespace stratus::sql::exec
