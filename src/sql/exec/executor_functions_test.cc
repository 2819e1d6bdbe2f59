// The executor with the real function registry (not the small test
// bindings): the registry's kernels get the executor's vectors in every
// encoding it makes (constants, dictionaries from filters and joins).

#include <algorithm>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/check.h"
#include "sql/exec/executor.h"
#include "sql/exec/test_functions.h"
#include "sql/functions/function.h"
#include "sql/planner/logical_plan.h"
#include "sql/types/sql_error.h"
#include "testing/status_matchers.h"

namespace stratus::sql::exec {
namespace {

using functions::FunctionRegistry;
using plan::ExprPtr;
using plan::NodePtr;
using ::testing::ElementsAre;

const FunctionRegistry& Registry() {
  return FunctionRegistry::Default();
}

ExprPtr Call(std::string_view name, std::vector<ExprPtr> args) {
  std::vector<LogicalType> types;
  for (const ExprPtr& arg : args) {
    types.push_back(arg->type);
  }
  Result<std::shared_ptr<const functions::ScalarBinding>> binding =
      Registry().ResolveScalar(name, types);
  STRATUS_CHECK(binding.ok(), "{}", binding.status().ToString());
  return plan::MakeCall(*binding, std::move(args));
}

plan::AggregateCall Aggregate(std::string_view name, std::vector<ExprPtr> args) {
  std::vector<LogicalType> types;
  for (const ExprPtr& arg : args) {
    types.push_back(arg->type);
  }
  Result<std::shared_ptr<const functions::AggregateBinding>> binding =
      Registry().ResolveAggregate(name, types);
  STRATUS_CHECK(binding.ok(), "{}", binding.status().ToString());
  return {.function = *binding, .args = std::move(args)};
}

class ExecutorFunctionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<Executor>> executor = Executor::Open({.lake = nullptr, .threads = 3});
    ASSERT_OK(executor);
    executor_ = std::move(executor).value();
  }

  void TearDown() override { executor_->Stop(); }

  Result<std::vector<std::string>> Run(const plan::Node& root) {
    std::vector<std::string> rows;
    RunContext context{.functions = &functions_};
    STRATUS_RETURN_IF_ERROR(executor_->Run(root, context, [&](const Batch& batch) {
      std::istringstream lines(batch.ToString());
      for (std::string line; std::getline(lines, line);) {
        rows.push_back(line);
      }
      return Status::Ok();
    }));
    std::sort(rows.begin(), rows.end());
    return rows;
  }

  functions::FunctionContext functions_;
  std::unique_ptr<Executor> executor_;
};

// Rows (name varchar, amount double, n bigint), 3000 of them over three names.
NodePtr Sales() {
  std::vector<std::vector<Value>> rows;
  const char* names[] = {"ann", "bob", "cy"};
  for (int64_t i = 0; i < 3000; ++i) {
    rows.push_back({Value::Varchar(names[i % 3]),
                    i % 10 == 0 ? Value::Null(LogicalType::Double())
                                : Value::Double(static_cast<double>(i % 7)),
                    Value::Bigint(i)});
  }
  return testing::ValuesNode({LogicalType::Varchar(), LogicalType::Double(), LogicalType::Bigint()},
                             rows);
}

TEST_F(ExecutorFunctionsTest, RegistryAggregatesRunOverFilteredRows) {
  // SELECT name, count(*), count(amount), sum(amount), min(n), max(n)
  // FROM sales WHERE n >= 1500 GROUP BY name
  const NodePtr filtered = testing::FilterNode(
      Sales(), Call(functions::kGreaterThanOrEqualOperator, {testing::Col(2), testing::Int(1500)}));
  auto aggregate = std::make_shared<plan::AggregateNode>();
  aggregate->inputs = {filtered};
  aggregate->group_keys = {testing::Col(0, LogicalType::Varchar())};
  aggregate->aggregates = {
      Aggregate("count", {}), Aggregate("count", {testing::Col(1, LogicalType::Double())}),
      Aggregate("sum", {testing::Col(1, LogicalType::Double())}),
      Aggregate("min", {testing::Col(2)}), Aggregate("max", {testing::Col(2)})};
  aggregate->columns = {{.name = "name", .type = LogicalType::Varchar()}};
  for (const plan::AggregateCall& call : aggregate->aggregates) {
    aggregate->columns.push_back({.name = call.function->name, .type = call.function->return_type});
  }
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> rows, Run(*aggregate));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].substr(0, rows[0].find(" | ", 6)), "ann | 500");
  EXPECT_THAT(rows[0], ::testing::EndsWith("| 1500 | 2997"));
  EXPECT_THAT(rows[2], ::testing::EndsWith("| 1502 | 2999"));
}

TEST_F(ExecutorFunctionsTest, TryOverRegistryDivisionMakesFailingRowsNull) {
  // SELECT TRY(10 / (n % 3)) FROM sales WHERE n < 3
  const ExprPtr divide = Call(
      functions::kDivideOperator,
      {testing::Int(10), Call(functions::kModulusOperator, {testing::Col(2), testing::Int(3)})});
  const NodePtr plan = testing::ProjectNode(
      testing::FilterNode(Sales(),
                          Call(functions::kLessThanOperator, {testing::Col(2), testing::Int(3)})),
      {plan::MakeSpecial(plan::ExprKind::kTry, LogicalType::Bigint(), {divide})});
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> rows, Run(*plan));
  EXPECT_THAT(rows, ElementsAre("10", "5", "NULL"));
  const NodePtr failing = testing::ProjectNode(Sales(), {divide});
  Result<std::vector<std::string>> error = Run(*failing);
  ASSERT_FALSE(error.ok());
  EXPECT_EQ(SqlErrorName(error.status()), kDivisionByZero);
}

TEST_F(ExecutorFunctionsTest, JoinOutputsFeedRegistryKernelsAsDictionaries) {
  // SELECT s.name || '!' FROM sales s JOIN (VALUES 'bob') v ON s.name = v.c0 WHERE s.n < 10
  const NodePtr names = testing::ValuesNode({LogicalType::Varchar()}, {{Value::Varchar("bob")}});
  auto join = std::make_shared<plan::JoinNode>();
  join->inputs = {testing::FilterNode(Sales(), Call(functions::kLessThanOperator,
                                                    {testing::Col(2), testing::Int(10)})),
                  names};
  join->columns = join->inputs[0]->columns;
  join->columns.push_back(names->columns[0]);
  join->join_kind = plan::JoinKind::kInner;
  join->left_keys = {testing::Col(0, LogicalType::Varchar())};
  join->right_keys = {testing::Col(0, LogicalType::Varchar())};
  const NodePtr plan = testing::ProjectNode(
      join, {Call("concat", {testing::Col(0, LogicalType::Varchar()), testing::Str("!")})});
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> rows, Run(*plan));
  EXPECT_THAT(rows, ElementsAre("bob!", "bob!", "bob!"));
}

}  // namespace
}  // namespace stratus::sql::exec
