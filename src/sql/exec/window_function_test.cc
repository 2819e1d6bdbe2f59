#include "sql/exec/window_function.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sql/exec/test_functions.h"
#include "sql/functions/function.h"
#include "sql/planner/logical_plan.h"
#include "testing/status_matchers.h"

namespace stratus::sql::exec {
namespace {

using functions::WindowFunctionKind;
using plan::FrameBoundKind;
using testing::Col;
using testing::Int;

// Rows (k, v): partition k = 1 has v 10, 20, 20, 30; k = 2 has v 5.
std::vector<Batch> Input() {
  return {testing::MakeBatch(
      {testing::Bigints({1, 1, 2, 1, 1}), testing::Bigints({20, 10, 5, 30, 20})})};
}

plan::WindowCall Call(WindowFunctionKind kind,
                      LogicalType type = LogicalType::Bigint(),
                      std::vector<plan::ExprPtr> args = {}) {
  auto binding = std::make_shared<functions::WindowBinding>();
  binding->kind = kind;
  binding->return_type = type;
  plan::WindowCall call;
  call.window_function = binding;
  call.args = std::move(args);
  call.partition_by = {Col(0)};
  call.order_by = {{.key = Col(1)}};
  return call;
}

// Returns the result per input row, rendered and joined by commas.
std::string Compute(const plan::WindowCall& call) {
  functions::FunctionContext context;
  Result<Vector> result = EvaluateWindowCall(call, Input(), 5, context);
  if (!result.ok()) {
    return result.status().ToString();
  }
  std::string out;
  for (size_t i = 0; i < result->size(); ++i) {
    out += (i > 0 ? "," : "") + result->GetValue(i).ToString();
  }
  return out;
}

TEST(WindowFunctionTest, RankingFunctionsNumberRowsWithinPartitions) {
  // Input order: (1,20) (1,10) (2,5) (1,30) (1,20).
  EXPECT_EQ(Compute(Call(WindowFunctionKind::kRowNumber)), "2,1,1,4,3");
  EXPECT_EQ(Compute(Call(WindowFunctionKind::kRank)), "2,1,1,4,2");
  EXPECT_EQ(Compute(Call(WindowFunctionKind::kDenseRank)), "2,1,1,3,2");
  EXPECT_EQ(Compute(Call(WindowFunctionKind::kPercentRank, LogicalType::Double())),
            "0.3333333333333333,0.0,0.0,1.0,0.3333333333333333");
  EXPECT_EQ(Compute(Call(WindowFunctionKind::kCumeDist, LogicalType::Double())),
            "0.75,0.25,1.0,1.0,0.75");
  EXPECT_EQ(Compute(Call(WindowFunctionKind::kNtile, LogicalType::Bigint(), {Int(3)})),
            "1,1,1,3,2");
}

TEST(WindowFunctionTest, LagAndLeadReadNeighboursOrTheDefault) {
  EXPECT_EQ(Compute(Call(WindowFunctionKind::kLag, LogicalType::Bigint(), {Col(1)})),
            "10,NULL,NULL,20,20");
  EXPECT_EQ(
      Compute(Call(WindowFunctionKind::kLead, LogicalType::Bigint(), {Col(1), Int(2), Int(-1)})),
      "30,20,-1,-1,-1");
}

TEST(WindowFunctionTest, IgnoreNullsSkipsNullValues) {
  // Partition 1 ordered by v: 10, 20, 20, 30; the value column is NULL for v = 20.
  const std::vector<Batch> input = {
      testing::MakeBatch({testing::Bigints({1, 1, 1, 1}), testing::Bigints({20, 10, 30, 20}),
                          testing::Bigints({std::nullopt, 100, 300, std::nullopt})})};
  plan::WindowCall lag = Call(WindowFunctionKind::kLag, LogicalType::Bigint(), {Col(2)});
  lag.ignore_nulls = true;
  functions::FunctionContext context;
  ASSERT_OK_AND_ASSIGN(Vector result, EvaluateWindowCall(lag, input, 4, context));
  EXPECT_EQ(result.ToString(), "bigint flat[100, NULL, 100, 100]");
  plan::WindowCall last = Call(WindowFunctionKind::kLastValue, LogicalType::Bigint(), {Col(2)});
  last.ignore_nulls = true;
  ASSERT_OK_AND_ASSIGN(result, EvaluateWindowCall(last, input, 4, context));
  EXPECT_EQ(result.ToString(), "bigint flat[100, 100, 300, 100]");
}

TEST(WindowFunctionTest, FirstAndLastValueFollowTheFrame) {
  EXPECT_EQ(Compute(Call(WindowFunctionKind::kFirstValue, LogicalType::Bigint(), {Col(1)})),
            "10,10,5,10,10");
  // The default frame ends at the current row's last peer.
  EXPECT_EQ(Compute(Call(WindowFunctionKind::kLastValue, LogicalType::Bigint(), {Col(1)})),
            "20,10,5,30,20");
}

TEST(WindowFunctionTest, AggregatesRunOverTheirFrames) {
  plan::WindowCall sum;
  sum.aggregate = testing::SumBigint();
  sum.args = {Col(1)};
  sum.partition_by = {Col(0)};
  sum.order_by = {{.key = Col(1)}};
  // RANGE UNBOUNDED PRECEDING: peers share the running total.
  EXPECT_EQ(Compute(sum), "50,10,5,80,50");
  // ROWS BETWEEN 1 PRECEDING AND CURRENT ROW.
  sum.frame = {.unit = plan::FrameUnit::kRows,
               .start = {.kind = FrameBoundKind::kPreceding, .offset = Int(1)},
               .end = {.kind = FrameBoundKind::kCurrentRow}};
  EXPECT_EQ(Compute(sum), "30,10,5,50,40");
  // The whole partition.
  sum.frame = {.unit = plan::FrameUnit::kRows,
               .start = {.kind = FrameBoundKind::kUnboundedPreceding},
               .end = {.kind = FrameBoundKind::kUnboundedFollowing}};
  EXPECT_EQ(Compute(sum), "80,80,5,80,80");
}

}  // namespace
}  // namespace stratus::sql::exec
