#include "sql/exec/expression_evaluator.h"

#include <gtest/gtest.h>

#include "sql/exec/test_functions.h"
#include "sql/functions/function.h"
#include "sql/planner/expr.h"
#include "sql/types/sql_error.h"
#include "testing/status_matchers.h"

namespace stratus::sql::exec {
namespace {

using plan::ExprKind;
using plan::ExprPtr;
using plan::MakeSpecial;
using testing::Add;
using testing::Bigints;
using testing::Col;
using testing::Divide;
using testing::Equal;
using testing::Greater;
using testing::Int;
using testing::MakeBatch;

const functions::FunctionContext kContext;

std::string Render(const Vector& vector) {
  std::string out;
  for (size_t i = 0; i < vector.size(); ++i) {
    out += (i > 0 ? "," : "") + vector.GetValue(i).ToString();
  }
  return out;
}

std::string Eval(const ExprPtr& expr, const Batch& batch) {
  Result<Vector> result = Evaluate(*expr, batch, kContext);
  if (!result.ok()) {
    return "error: " + result.status().ToString();
  }
  return Render(*result);
}

ExprPtr BoolConstant(std::optional<bool> value) {
  return plan::MakeConstant(value ? Value::Boolean(*value) : Value::Null(LogicalType::Boolean()));
}

TEST(ExpressionEvaluatorTest, ColumnsConstantsAndCallsEvaluateOverEveryRow) {
  const Batch batch = MakeBatch({Bigints({1, 2, std::nullopt})});
  EXPECT_EQ(Eval(Col(0), batch), "1,2,NULL");
  EXPECT_EQ(Eval(Int(7), batch), "7,7,7");
  EXPECT_EQ(Eval(Add(Col(0), Int(10)), batch), "11,12,NULL");
}

TEST(ExpressionEvaluatorTest, CallsOnConstantsRunOnceAndStayConstant) {
  const Batch batch = MakeBatch({Bigints({1, 2, 3})});
  ASSERT_OK_AND_ASSIGN(Vector result, Evaluate(*Add(Int(1), Int(2)), batch, kContext));
  EXPECT_EQ(result.encoding(), VectorEncoding::kConstant);
  EXPECT_EQ(Render(result), "3,3,3");
}

TEST(ExpressionEvaluatorTest, AndOrFollowThreeValuedLogic) {
  const Batch batch = MakeBatch({Bigints({1})});
  const ExprPtr t = BoolConstant(true);
  const ExprPtr f = BoolConstant(false);
  const ExprPtr n = BoolConstant(std::nullopt);
  auto logical = [](ExprKind kind, ExprPtr a, ExprPtr b) {
    return MakeSpecial(kind, LogicalType::Boolean(), {std::move(a), std::move(b)});
  };
  EXPECT_EQ(Eval(logical(ExprKind::kAnd, n, f), batch), "false");
  EXPECT_EQ(Eval(logical(ExprKind::kAnd, n, t), batch), "NULL");
  EXPECT_EQ(Eval(logical(ExprKind::kAnd, t, t), batch), "true");
  EXPECT_EQ(Eval(logical(ExprKind::kOr, n, t), batch), "true");
  EXPECT_EQ(Eval(logical(ExprKind::kOr, n, f), batch), "NULL");
  EXPECT_EQ(Eval(logical(ExprKind::kOr, f, f), batch), "false");
  EXPECT_EQ(Eval(MakeSpecial(ExprKind::kNot, LogicalType::Boolean(), {n}), batch), "NULL");
  EXPECT_EQ(Eval(MakeSpecial(ExprKind::kNot, LogicalType::Boolean(), {f}), batch), "true");
}

TEST(ExpressionEvaluatorTest, AndSkipsRowsAlreadyFalseSoTheyCannotFail) {
  const Batch batch = MakeBatch({Bigints({0, 5, 20})});
  // x > 0 AND 10 / x > 1
  const ExprPtr expr =
      MakeSpecial(ExprKind::kAnd, LogicalType::Boolean(),
                  {Greater(Col(0), Int(0)), Greater(Divide(Int(10), Col(0)), Int(1))});
  EXPECT_EQ(Eval(expr, batch), "false,true,false");
}

TEST(ExpressionEvaluatorTest, CaseRunsEachBranchOnlyOnItsRows) {
  const Batch batch = MakeBatch({Bigints({0, 5, std::nullopt})});
  // CASE WHEN x = 0 THEN -1 WHEN x > 0 THEN 10 / x END
  ExprPtr expr = MakeSpecial(
      ExprKind::kCase, LogicalType::Bigint(),
      {Equal(Col(0), Int(0)), Int(-1), Greater(Col(0), Int(0)), Divide(Int(10), Col(0))});
  EXPECT_EQ(Eval(expr, batch), "-1,2,NULL");
  auto with_else = std::make_shared<plan::Expr>(*expr);
  with_else->args.push_back(Int(99));
  with_else->has_else = true;
  EXPECT_EQ(Eval(with_else, batch), "-1,2,99");
}

TEST(ExpressionEvaluatorTest, CoalesceTakesTheFirstNonNull) {
  const Batch batch =
      MakeBatch({Bigints({1, std::nullopt, std::nullopt}), Bigints({10, 20, std::nullopt})});
  const ExprPtr expr =
      MakeSpecial(ExprKind::kCoalesce, LogicalType::Bigint(), {Col(0), Col(1), Int(0)});
  EXPECT_EQ(Eval(expr, batch), "1,20,0");
}

TEST(ExpressionEvaluatorTest, IsNullIsNeverNull) {
  const Batch batch = MakeBatch({Bigints({1, std::nullopt})});
  EXPECT_EQ(Eval(MakeSpecial(ExprKind::kIsNull, LogicalType::Boolean(), {Col(0)}), batch),
            "false,true");
}

TEST(ExpressionEvaluatorTest, InFollowsSqlNullRules) {
  const Batch batch = MakeBatch({Bigints({1, 2, std::nullopt}), Bigints({2, 7, 7})});
  const ExprPtr null_constant = plan::MakeConstant(Value::Null(LogicalType::Bigint()));
  EXPECT_EQ(
      Eval(MakeSpecial(ExprKind::kIn, LogicalType::Boolean(), {Col(0), Int(1), Int(3)}), batch),
      "true,false,NULL");
  EXPECT_EQ(
      Eval(MakeSpecial(ExprKind::kIn, LogicalType::Boolean(), {Col(0), Int(1), null_constant}),
           batch),
      "true,NULL,NULL");
  // A list that reads columns compares row by row.
  EXPECT_EQ(
      Eval(MakeSpecial(ExprKind::kIn, LogicalType::Boolean(), {Col(1), Col(0), Int(7)}), batch),
      "false,true,true");
}

TEST(ExpressionEvaluatorTest, TryTurnsFailingRowsIntoNulls) {
  const Batch batch = MakeBatch({Bigints({2, 0, 5})});
  const ExprPtr divide = Divide(Int(10), Col(0));
  EXPECT_EQ(Eval(divide, batch).rfind("error:", 0), 0u);
  EXPECT_EQ(Eval(MakeSpecial(ExprKind::kTry, LogicalType::Bigint(), {divide}), batch), "5,NULL,2");
}

TEST(ExpressionEvaluatorTest, ErrorsCarryTheKernelsErrorName) {
  const Batch batch = MakeBatch({Bigints({0})});
  Result<Vector> result = Evaluate(*Divide(Int(1), Col(0)), batch, kContext);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(SqlErrorName(result.status()), kDivisionByZero);
}

TEST(ExpressionEvaluatorTest, EvaluateConstantFoldsToOneValue) {
  ASSERT_OK_AND_ASSIGN(Value value, EvaluateConstant(*Add(Int(40), Int(2)), kContext));
  EXPECT_EQ(value, Value::Bigint(42));
}

TEST(ExpressionEvaluatorTest, EvaluatePredicateKeepsOnlyTrueRows) {
  const Batch batch = MakeBatch({Bigints({5, std::nullopt, 1, 9})});
  ASSERT_OK_AND_ASSIGN(SelectionVector rows,
                       EvaluatePredicate(*Greater(Col(0), Int(2)), batch, kContext));
  EXPECT_EQ(rows, SelectionVector({0, 3}));
}

}  // namespace
}  // namespace stratus::sql::exec
