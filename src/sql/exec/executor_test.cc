#include "sql/exec/executor.h"

#include <algorithm>
#include <cstring>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include "io/in_memory_file_system.h"
#include "io/posix_file_system.h"
#include "sql/exec/test_functions.h"
#include "sql/functions/function.h"
#include "sql/planner/logical_plan.h"
#include "sql/types/sql_error.h"
#include "testing/status_matchers.h"

namespace stratus::sql::exec {
namespace {

using plan::ExprKind;
using plan::ExprPtr;
using plan::JoinKind;
using plan::NodePtr;
using testing::Col;
using testing::Count;
using ::testing::ElementsAre;
using testing::Greater;
using testing::Int;
using testing::Sequence;
using testing::SumBigint;
using testing::ValuesNode;

class ExecutorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<Executor>> executor = Executor::Open({.lake = nullptr, .threads = 4});
    ASSERT_OK(executor);
    executor_ = std::move(executor).value();
  }

  void TearDown() override { executor_->Stop(); }

  // Runs the plan on `executor` and returns its rows, one string per row, in output order.
  Result<std::vector<std::string>> RunOn(Executor& executor, const plan::Node& root) {
    std::vector<std::string> rows;
    RunContext context{.functions = &functions_, .cancelled = &cancelled_};
    STRATUS_RETURN_IF_ERROR(executor.Run(root, context, [&](const Batch& batch) {
      std::istringstream lines(batch.ToString());
      for (std::string line; std::getline(lines, line);) {
        rows.push_back(line);
      }
      return Status::Ok();
    }));
    return rows;
  }

  Result<std::vector<std::string>> Run(const plan::Node& root) { return RunOn(*executor_, root); }

  std::vector<std::string> RunSorted(const plan::Node& root) {
    Result<std::vector<std::string>> rows = Run(root);
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    if (!rows.ok()) {
      return {};
    }
    std::sort(rows->begin(), rows->end());
    return *rows;
  }

  // Opens a two-thread executor with a budget of `memory_limit_bytes` that
  // spills to /spill on `files`.
  static Result<std::unique_ptr<Executor>> OpenSpillingTo(io::FileSystem* files,
                                                          size_t memory_limit_bytes) {
    return Executor::Open({.lake = nullptr,
                           .threads = 2,
                           .memory_limit_bytes = memory_limit_bytes,
                           .spill_directory = "/spill",
                           .spill_file_system = files});
  }

  // Runs the plan on a two-thread executor with a budget of `memory_limit_bytes`
  // and nowhere to spill; returns how the run ended.
  Status RunWithoutSpilling(const plan::Node& root, size_t memory_limit_bytes) {
    STRATUS_ASSIGN_OR_RETURN(
        std::unique_ptr<Executor> executor,
        Executor::Open({.lake = nullptr, .threads = 2, .memory_limit_bytes = memory_limit_bytes}));
    RunContext context{.functions = &functions_};
    Status status = executor->Run(root, context, [](const Batch&) { return Status::Ok(); });
    executor->Stop();
    return status;
  }

  functions::FunctionContext functions_;
  std::atomic<bool> cancelled_{false};
  std::unique_ptr<Executor> executor_;
};

NodePtr Aggregate(NodePtr input,
                  std::vector<ExprPtr> keys,
                  std::vector<plan::AggregateCall> calls,
                  std::vector<std::vector<size_t>> sets = {}) {
  auto node = std::make_shared<plan::AggregateNode>();
  for (size_t i = 0; i < keys.size(); ++i) {
    node->columns.push_back({.name = "k" + std::to_string(i), .type = keys[i]->type});
  }
  if (sets.size() > 1) {
    node->columns.push_back({.name = "grouping", .type = LogicalType::Bigint()});
  }
  for (const plan::AggregateCall& call : calls) {
    node->columns.push_back({.name = call.function->name, .type = call.function->return_type});
  }
  node->inputs.push_back(std::move(input));
  node->group_keys = std::move(keys);
  node->aggregates = std::move(calls);
  node->grouping_sets = std::move(sets);
  return node;
}

NodePtr Join(JoinKind kind,
             NodePtr left,
             NodePtr right,
             std::vector<ExprPtr> left_keys,
             std::vector<ExprPtr> right_keys,
             ExprPtr condition = nullptr,
             bool null_aware = false) {
  auto node = std::make_shared<plan::JoinNode>();
  node->columns = left->columns;
  if (kind == JoinKind::kMark) {
    node->columns.push_back({.name = "mark", .type = LogicalType::Boolean()});
  } else if (kind != JoinKind::kSemi && kind != JoinKind::kAnti) {
    node->columns.insert(node->columns.end(), right->columns.begin(), right->columns.end());
  }
  node->join_kind = kind;
  node->inputs = {std::move(left), std::move(right)};
  node->left_keys = std::move(left_keys);
  node->right_keys = std::move(right_keys);
  node->condition = std::move(condition);
  node->null_aware = null_aware;
  return node;
}

NodePtr Bigints(const std::vector<std::optional<int64_t>>& values) {
  std::vector<std::vector<Value>> rows;
  for (const std::optional<int64_t>& value : values) {
    rows.push_back({value ? Value::Bigint(*value) : Value::Null(LogicalType::Bigint())});
  }
  return ValuesNode({LogicalType::Bigint()}, rows);
}

NodePtr Sort(NodePtr input, std::vector<plan::SortKey> keys, std::optional<uint64_t> limit = {}) {
  auto node = std::make_shared<plan::SortNode>();
  node->columns = input->columns;
  node->inputs.push_back(std::move(input));
  node->keys = std::move(keys);
  node->limit = limit;
  return node;
}

TEST_F(ExecutorTest, ValuesFilterAndProjectRunEndToEnd) {
  const NodePtr plan =
      testing::ProjectNode(testing::FilterNode(Sequence(10, 3), Greater(Col(0), Int(6))),
                           {testing::Add(Col(0), Col(1))});
  EXPECT_THAT(RunSorted(*plan), ElementsAre("10", "8", "9"));
}

TEST_F(ExecutorTest, GroupByMergesThePartialAggregatesOfParallelDrivers) {
  const NodePtr plan =
      Aggregate(Sequence(10000, 4), {Col(1)},
                {{.function = Count(true)}, {.function = SumBigint(), .args = {Col(0)}}});
  EXPECT_THAT(RunSorted(*plan), ElementsAre("0 | 2500 | 12495000", "1 | 2500 | 12497500",
                                            "2 | 2500 | 12500000", "3 | 2500 | 12502500"));
}

TEST_F(ExecutorTest, GlobalAggregationOverNoRowsGivesOneRow) {
  const NodePtr plan =
      Aggregate(testing::FilterNode(Sequence(100, 3), Greater(Col(0), Int(1000))), {},
                {{.function = Count(true)}, {.function = SumBigint(), .args = {Col(0)}}});
  EXPECT_THAT(RunSorted(*plan), ElementsAre("0 | NULL"));
}

TEST_F(ExecutorTest, GroupByOverNoRowsGivesNoRows) {
  const NodePtr plan = Aggregate(testing::FilterNode(Sequence(100, 3), Greater(Col(0), Int(1000))),
                                 {Col(1)}, {{.function = Count(true)}});
  EXPECT_THAT(RunSorted(*plan), ElementsAre());
}

TEST_F(ExecutorTest, GroupingSetsAddTheGroupingIdColumn) {
  // GROUP BY GROUPING SETS ((k), ()) over n % 2.
  const NodePtr plan = Aggregate(Sequence(10, 2), {Col(1)}, {{.function = Count(true)}}, {{0}, {}});
  EXPECT_THAT(RunSorted(*plan), ElementsAre("0 | 0 | 5", "1 | 0 | 5", "NULL | 1 | 10"));
}

TEST_F(ExecutorTest, DistinctAggregatesCountEachValueOncePerGroup) {
  // SELECT count(DISTINCT n % 5), count(n % 5) over 100 rows.
  const NodePtr plan = Aggregate(Sequence(100, 5), {},
                                 {{.function = Count(false), .args = {Col(1)}, .distinct = true},
                                  {.function = Count(false), .args = {Col(1)}}});
  EXPECT_THAT(RunSorted(*plan), ElementsAre("5 | 100"));
}

TEST_F(ExecutorTest, AggregateFilterSkipsRowsThatAreNotTrue) {
  const NodePtr plan = Aggregate(
      Sequence(10, 2), {},
      {{.function = Count(true), .filter = Greater(Col(0), Int(4))}, {.function = Count(true)}});
  EXPECT_THAT(RunSorted(*plan), ElementsAre("5 | 10"));
}

// Remembers the order its rows arrive in (an order-sensitive aggregate).
class FirstValueKernel final : public functions::AggregateKernel {
 public:
  size_t state_size() const override { return 16; }

  void Initialize(uint8_t* state) const override { std::memset(state, 0, 16); }

  Status Update(std::span<const Vector> arguments,
                size_t rows,
                uint8_t* const* states) const override {
    for (size_t i = 0; i < rows; ++i) {
      auto* seen = reinterpret_cast<int64_t*>(states[i]);
      if (seen[0] == 0) {
        seen[0] = 1;
        seen[1] = arguments[0].GetValue(i).int64_value();
      }
    }
    return Status::Ok();
  }

  Status Combine(const uint8_t* /*source*/, uint8_t* /*target*/) const override {
    return Status::Ok();
  }

  Status Finalize(const uint8_t* state, Vector* out, size_t row) const override {
    out->SetValue(row, Value::Bigint(reinterpret_cast<const int64_t*>(state)[1]));
    return Status::Ok();
  }
};

TEST_F(ExecutorTest, AggregatesWithOrderBySeeTheirInputSorted) {
  auto first = std::make_shared<functions::AggregateBinding>();
  first->name = "first";
  first->argument_types = {LogicalType::Bigint()};
  first->return_type = LogicalType::Bigint();
  first->kernel = std::make_shared<FirstValueKernel>();
  first->order_sensitive = true;
  // first(n ORDER BY n DESC) GROUP BY n % 3 over 0..99.
  const NodePtr plan = Aggregate(
      Sequence(100, 3), {Col(1)},
      {{.function = first, .args = {Col(0)}, .order_by = {{.key = Col(0), .ascending = false}}}});
  EXPECT_THAT(RunSorted(*plan), ElementsAre("0 | 99", "1 | 97", "2 | 98"));
}

TEST_F(ExecutorTest, DistinctKeepsOneOfEachRowWithNullsTogether) {
  auto node = std::make_shared<plan::DistinctNode>();
  const NodePtr input = Bigints({1, 2, 1, std::nullopt, std::nullopt, 2});
  node->columns = input->columns;
  node->inputs.push_back(input);
  EXPECT_THAT(RunSorted(*node), ElementsAre("1", "2", "NULL"));
}

TEST_F(ExecutorTest, InnerJoinPairsEqualKeysAndNullsNeverMatch) {
  const NodePtr plan = Join(JoinKind::kInner, Bigints({1, 2, 2, std::nullopt}),
                            Bigints({2, 3, 2, std::nullopt}), {Col(0)}, {Col(0)});
  EXPECT_THAT(RunSorted(*plan), ElementsAre("2 | 2", "2 | 2", "2 | 2", "2 | 2"));
}

TEST_F(ExecutorTest, OuterJoinsExtendUnmatchedRowsWithNulls) {
  const NodePtr left = Bigints({1, 2, std::nullopt});
  const NodePtr right = Bigints({2, 3});
  EXPECT_THAT(RunSorted(*Join(JoinKind::kLeft, left, right, {Col(0)}, {Col(0)})),
              ElementsAre("1 | NULL", "2 | 2", "NULL | NULL"));
  EXPECT_THAT(RunSorted(*Join(JoinKind::kRight, left, right, {Col(0)}, {Col(0)})),
              ElementsAre("2 | 2", "NULL | 3"));
  EXPECT_THAT(RunSorted(*Join(JoinKind::kFull, left, right, {Col(0)}, {Col(0)})),
              ElementsAre("1 | NULL", "2 | 2", "NULL | 3", "NULL | NULL"));
}

TEST_F(ExecutorTest, ResidualConditionsFilterPairsBeforeOuterExtension) {
  // LEFT JOIN ON l = r AND l > 1
  const NodePtr plan = Join(JoinKind::kLeft, Bigints({1, 2}), Bigints({1, 2}), {Col(0)}, {Col(0)},
                            Greater(Col(0), Int(1)));
  EXPECT_THAT(RunSorted(*plan), ElementsAre("1 | NULL", "2 | 2"));
}

TEST_F(ExecutorTest, SemiAndAntiJoinsKeepProbeRowsOnce) {
  const NodePtr left = Bigints({1, 2, 3, std::nullopt});
  const NodePtr right = Bigints({2, 2, 3});
  EXPECT_THAT(RunSorted(*Join(JoinKind::kSemi, left, right, {Col(0)}, {Col(0)})),
              ElementsAre("2", "3"));
  EXPECT_THAT(RunSorted(*Join(JoinKind::kAnti, left, right, {Col(0)}, {Col(0)})),
              ElementsAre("1", "NULL"));
}

TEST_F(ExecutorTest, NullAwareAntiJoinFollowsNotInRules) {
  const NodePtr left = Bigints({1, 2, std::nullopt});
  // x NOT IN (2): 1 stays; NULL is unknown and dropped.
  EXPECT_THAT(
      RunSorted(*Join(JoinKind::kAnti, left, Bigints({2}), {Col(0)}, {Col(0)}, nullptr, true)),
      ElementsAre("1"));
  // x NOT IN (2, NULL): nothing stays.
  EXPECT_THAT(RunSorted(*Join(JoinKind::kAnti, left, Bigints({2, std::nullopt}), {Col(0)}, {Col(0)},
                              nullptr, true)),
              ElementsAre());
  // x NOT IN (empty): everything stays.
  const NodePtr empty = testing::FilterNode(Bigints({5}), Greater(Col(0), Int(10)));
  EXPECT_THAT(RunSorted(*Join(JoinKind::kAnti, left, empty, {Col(0)}, {Col(0)}, nullptr, true)),
              ElementsAre("1", "2", "NULL"));
}

TEST_F(ExecutorTest, MarkJoinAppendsTrueFalseOrNull) {
  const NodePtr left = Bigints({1, 2, std::nullopt});
  EXPECT_THAT(RunSorted(*Join(JoinKind::kMark, left, Bigints({2, std::nullopt}), {Col(0)}, {Col(0)},
                              nullptr, true)),
              ElementsAre("1 | NULL", "2 | true", "NULL | NULL"));
  EXPECT_THAT(RunSorted(*Join(JoinKind::kMark, left, Bigints({2}), {Col(0)}, {Col(0)})),
              ElementsAre("1 | false", "2 | true", "NULL | false"));
}

TEST_F(ExecutorTest, CrossJoinPairsEveryRow) {
  const NodePtr plan = Join(JoinKind::kCross, Bigints({1, 2}), Bigints({10, 20}), {}, {});
  EXPECT_THAT(RunSorted(*plan), ElementsAre("1 | 10", "1 | 20", "2 | 10", "2 | 20"));
}

TEST_F(ExecutorTest, LargeJoinOutputsComeInBatchesAsTheyAreMade) {
  const NodePtr plan = Join(JoinKind::kCross, Sequence(1500, 1), Sequence(1500, 1), {}, {});
  RunContext context{.functions = &functions_};
  size_t rows = 0;
  size_t largest = 0;
  ASSERT_OK(executor_->Run(*plan, context, [&](const Batch& batch) {
    rows += batch.num_rows();
    largest = std::max(largest, batch.num_rows());
    return Status::Ok();
  }));
  EXPECT_EQ(rows, 1500u * 1500u);
  EXPECT_LE(largest, kBatchRows);
}

TEST_F(ExecutorTest, NonEquiJoinRunsAsANestedLoop) {
  // l JOIN r ON l > r
  const NodePtr plan =
      Join(JoinKind::kInner, Bigints({1, 2, 3}), Bigints({1, 2}), {}, {}, Greater(Col(0), Col(1)));
  EXPECT_THAT(RunSorted(*plan), ElementsAre("2 | 1", "3 | 1", "3 | 2"));
}

TEST_F(ExecutorTest, SortOrdersRowsWithNullsWhereAsked) {
  const NodePtr input = Bigints({3, std::nullopt, 1, 2});
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> ascending, Run(*Sort(input, {{.key = Col(0)}})));
  EXPECT_THAT(ascending, ElementsAre("1", "2", "3", "NULL"));
  ASSERT_OK_AND_ASSIGN(
      std::vector<std::string> descending,
      Run(*Sort(input, {{.key = Col(0), .ascending = false, .nulls_first = true}})));
  EXPECT_THAT(descending, ElementsAre("NULL", "3", "2", "1"));
}

TEST_F(ExecutorTest, SortIsStableAndTopNKeepsTheFirstRows) {
  // ORDER BY k LIMIT 5 over n, n % 3: ties keep input order.
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> rows,
                       Run(*Sort(Sequence(10000, 3), {{.key = Col(1)}}, 5)));
  EXPECT_THAT(rows, ElementsAre("0 | 0", "3 | 0", "6 | 0", "9 | 0", "12 | 0"));
}

TEST_F(ExecutorTest, LimitSkipsTheOffsetThenStops) {
  auto limit = std::make_shared<plan::LimitNode>();
  const NodePtr input = Sort(Sequence(5000, 5000), {{.key = Col(0)}});
  limit->columns = input->columns;
  limit->inputs.push_back(input);
  limit->offset = 2047;
  limit->limit = 3;
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> rows, Run(*limit));
  EXPECT_THAT(rows, ElementsAre("2047 | 2047", "2048 | 2048", "2049 | 2049"));
}

TEST_F(ExecutorTest, ALimitHoldsAcrossParallelDrivers) {
  auto limit = std::make_shared<plan::LimitNode>();
  const NodePtr input = testing::FilterNode(Sequence(20000, 2), Greater(Col(0), Int(100)));
  limit->columns = input->columns;
  limit->inputs.push_back(input);
  limit->offset = 3;
  limit->limit = 4000;
  EXPECT_EQ(RunSorted(*limit).size(), 4000u);
}

TEST_F(ExecutorTest, SetOperationsCountRowsOnBothSides) {
  const NodePtr left = Bigints({1, 1, 2, 3, std::nullopt});
  const NodePtr right = Bigints({1, 3, 3, 4, std::nullopt});
  auto set = [&](plan::SetOperator op, bool all) {
    auto node = std::make_shared<plan::SetOperationNode>();
    node->columns = left->columns;
    node->inputs = {left, right};
    node->op = op;
    node->all = all;
    return node;
  };
  EXPECT_THAT(RunSorted(*set(plan::SetOperator::kUnion, false)),
              ElementsAre("1", "2", "3", "4", "NULL"));
  EXPECT_EQ(RunSorted(*set(plan::SetOperator::kUnion, true)).size(), 10u);
  EXPECT_THAT(RunSorted(*set(plan::SetOperator::kIntersect, false)), ElementsAre("1", "3", "NULL"));
  EXPECT_THAT(RunSorted(*set(plan::SetOperator::kIntersect, true)), ElementsAre("1", "3", "NULL"));
  EXPECT_THAT(RunSorted(*set(plan::SetOperator::kExcept, false)), ElementsAre("2"));
  EXPECT_THAT(RunSorted(*set(plan::SetOperator::kExcept, true)), ElementsAre("1", "2"));
}

TEST_F(ExecutorTest, EnforceSingleRowPassesOneRowOrNullsAndRejectsTwo) {
  auto single = [](NodePtr input) {
    auto node = std::make_shared<plan::EnforceSingleRowNode>();
    node->columns = input->columns;
    node->inputs.push_back(std::move(input));
    return node;
  };
  EXPECT_THAT(RunSorted(*single(Bigints({7}))), ElementsAre("7"));
  EXPECT_THAT(RunSorted(*single(testing::FilterNode(Bigints({7}), Greater(Col(0), Int(8))))),
              ElementsAre("NULL"));
  Result<std::vector<std::string>> two = Run(*single(Bigints({7, 8})));
  ASSERT_FALSE(two.ok());
  EXPECT_EQ(SqlErrorName(two.status()), kSubqueryMultipleRows);
}

TEST_F(ExecutorTest, ErrorsOfOneDriverEndTheRun) {
  const NodePtr plan = testing::ProjectNode(Sequence(10000, 10), {testing::Divide(Int(1), Col(1))});
  Result<std::vector<std::string>> rows = Run(*plan);
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(SqlErrorName(rows.status()), kDivisionByZero);
}

TEST_F(ExecutorTest, CancelledRunsEndWithUserCanceled) {
  cancelled_.store(true);
  Result<std::vector<std::string>> rows = Run(*Sequence(10000, 10));
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(SqlErrorName(rows.status()), kUserCancelled);
  EXPECT_EQ(rows.status().message(), "Query was canceled");
}

TEST_F(ExecutorTest, ValuesTakeTheirColumnsTypeWhenOnlyItsParametersDiffer) {
  auto values = std::make_shared<plan::ValuesNode>();
  values->columns = {{.name = "s", .type = LogicalType::Varchar()},
                     {.name = "n", .type = LogicalType::Bigint()}};
  values->rows.push_back({plan::MakeConstant(Value::FromString(LogicalType::Varchar(1), "a")),
                          plan::MakeConstant(Value::Integer(7))});
  EXPECT_THAT(RunSorted(*values), ElementsAre("a | 7"));
}

TEST_F(ExecutorTest, SelectWithoutFromGivesOneRowWithNoColumns) {
  auto values = std::make_shared<plan::ValuesNode>();
  values->rows.emplace_back();
  const NodePtr plan = testing::ProjectNode(values, {testing::Add(Int(1), Int(2))});
  EXPECT_THAT(RunSorted(*plan), ElementsAre("3"));
}

TEST_F(ExecutorTest, AggregationBeyondTheMemoryBudgetFailsCleanly) {
  Result<std::unique_ptr<Executor>> small =
      Executor::Open({.lake = nullptr, .threads = 2, .memory_limit_bytes = 64 << 10});
  ASSERT_OK(small);
  const NodePtr plan = Aggregate(Sequence(20000, 20000), {Col(0)}, {{.function = Count(true)}});
  RunContext context{.functions = &functions_};
  Status status = (*small)->Run(*plan, context, [](const Batch&) { return Status::Ok(); });
  (*small)->Stop();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(SqlErrorName(status), kExceededMemoryLimit);
  EXPECT_EQ(status.message(), "Query exceeded per-node memory limit of 64kB");
}

TEST_F(ExecutorTest, SortsBeyondTheBudgetSpillRunsAndMergeThem) {
  io::InMemoryFileSystem files;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Executor> small, OpenSpillingTo(&files, 256 << 10));
  // ORDER BY k DESC, n over 50000 rows (n, n % 7).
  const NodePtr plan =
      Sort(Sequence(50000, 7), {{.key = Col(1), .ascending = false}, {.key = Col(0)}});
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> rows, RunOn(*small, *plan));
  small->Stop();
  ASSERT_EQ(rows.size(), 50000u);
  EXPECT_EQ(rows[0], "6 | 6");
  EXPECT_EQ(rows[1], "13 | 6");
  EXPECT_EQ(rows.back(), "49994 | 0");
  EXPECT_TRUE(
      std::is_sorted(rows.begin(), rows.end(), [](const std::string& a, const std::string& b) {
        const int64_t na = std::stoll(a);
        const int64_t nb = std::stoll(b);
        return std::make_pair(-(na % 7), na) < std::make_pair(-(nb % 7), nb);
      }));
  // The runs were spilled, and are gone once the run ends.
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> left, files.ListDirectory("/spill"));
  EXPECT_TRUE(left.empty());
  // Without a spill directory the same sort is over the budget.
  EXPECT_EQ(SqlErrorName(RunWithoutSpilling(*plan, 256 << 10)), kExceededMemoryLimit);
}

TEST_F(ExecutorTest, AggregationBeyondTheBudgetSpillsPartitionsAndReplaysThem) {
  io::InMemoryFileSystem files;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Executor> small, OpenSpillingTo(&files, 128 << 10));
  // SELECT n % 20000, count(*), sum(n) over 60000 rows: 20000 groups of 3.
  const NodePtr input = testing::ProjectNode(Sequence(60000, 20000), {Col(1), Col(0)});
  const NodePtr plan = Aggregate(
      input, {Col(0)}, {{.function = Count(true)}, {.function = SumBigint(), .args = {Col(1)}}});
  RunContext context{.functions = &functions_};
  size_t groups = 0;
  bool all_right = true;
  ASSERT_OK(small->Run(*plan, context, [&](const Batch& batch) {
    for (size_t row = 0; row < batch.num_rows(); ++row) {
      const int64_t key = batch.column(0).GetValue(row).int64_value();
      all_right = all_right && batch.column(1).GetValue(row).int64_value() == 3 &&
                  batch.column(2).GetValue(row).int64_value() == 3 * key + 60000;
      ++groups;
    }
    return Status::Ok();
  }));
  small->Stop();
  EXPECT_EQ(groups, 20000u);
  EXPECT_TRUE(all_right);
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> left, files.ListDirectory("/spill"));
  EXPECT_TRUE(left.empty());
  // Without a spill directory the same aggregation is over the budget.
  EXPECT_EQ(SqlErrorName(RunWithoutSpilling(*plan, 128 << 10)), kExceededMemoryLimit);
}

TEST_F(ExecutorTest, JoinsWhoseBuildSideOutgrowsTheBudgetRunPartitionByPartition) {
  io::InMemoryFileSystem files;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Executor> small, OpenSpillingTo(&files, 128 << 10));
  std::vector<std::optional<int64_t>> probe_values;
  for (int64_t i = 0; i < 3000; i += 7) {
    probe_values.push_back(i);
  }
  probe_values.push_back(std::nullopt);
  probe_values.push_back(99999);
  const NodePtr left = Bigints(probe_values);
  // 20000 build rows (n, n % 5000): every key below 5000 four times.
  const NodePtr right = Sequence(20000, 5000);
  for (JoinKind kind : {JoinKind::kInner, JoinKind::kLeft, JoinKind::kRight, JoinKind::kFull,
                        JoinKind::kSemi, JoinKind::kAnti, JoinKind::kMark}) {
    const NodePtr plan = Join(kind, left, right, {Col(0)}, {Col(1)}, nullptr,
                              kind == JoinKind::kAnti || kind == JoinKind::kMark);
    ASSERT_OK_AND_ASSIGN(std::vector<std::string> spilled, RunOn(*small, *plan));
    std::sort(spilled.begin(), spilled.end());
    EXPECT_EQ(spilled, RunSorted(*plan)) << "join kind " << static_cast<int>(kind);
  }
  small->Stop();
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> left_over, files.ListDirectory("/spill"));
  EXPECT_TRUE(left_over.empty());
  // Without a spill directory the build side is over the budget.
  EXPECT_EQ(SqlErrorName(RunWithoutSpilling(
                *Join(JoinKind::kInner, left, right, {Col(0)}, {Col(1)}), 128 << 10)),
            kExceededMemoryLimit);
}

TEST_F(ExecutorTest, SpillsGoToTheOperatingSystemsFilesWhenNoFileSystemIsGiven) {
  char pattern[] = "/tmp/stratus-exec-spill-XXXXXX";
  ASSERT_NE(mkdtemp(pattern), nullptr);
  const std::string directory = std::string(pattern) + "/spill";
  Result<std::unique_ptr<Executor>> small = Executor::Open({.lake = nullptr,
                                                            .threads = 2,
                                                            .memory_limit_bytes = 128 << 10,
                                                            .spill_directory = directory});
  ASSERT_OK(small);
  const NodePtr plan = Sort(Sequence(30000, 7), {{.key = Col(1)}, {.key = Col(0)}});
  RunContext context{.functions = &functions_};
  size_t rows = 0;
  ASSERT_OK((*small)->Run(*plan, context, [&](const Batch& batch) {
    rows += batch.num_rows();
    return Status::Ok();
  }));
  (*small)->Stop();
  EXPECT_EQ(rows, 30000u);
  io::PosixFileSystem files;
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> left_over, files.ListDirectory(directory));
  EXPECT_TRUE(left_over.empty());
  ASSERT_OK(files.RemoveDirectory(directory));
  ASSERT_OK(files.RemoveDirectory(pattern));
}

}  // namespace
}  // namespace stratus::sql::exec
