#include "sql/exec/unnest_operator.h"

#include <gtest/gtest.h>

#include "sql/exec/test_functions.h"
#include "sql/functions/function.h"
#include "sql/types/value.h"
#include "testing/status_matchers.h"

namespace stratus::sql::exec {
namespace {

const LogicalType kArray = LogicalType::Array(LogicalType::Bigint());

Vector Arrays(const std::vector<std::optional<std::vector<int64_t>>>& rows) {
  Vector vector(kArray, rows.size());
  vector.set_size(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    if (!rows[i].has_value()) {
      vector.SetNull(i, true);
      continue;
    }
    std::vector<Value> elements;
    for (int64_t element : *rows[i]) {
      elements.push_back(Value::Bigint(element));
    }
    vector.SetValue(i, Value::Array(LogicalType::Bigint(), elements));
  }
  return vector;
}

// Unnests column 1 (and 2 when given) of the batch, replicating column 0.
std::string Unnest(const Batch& input, size_t num_arrays, bool ordinality, bool outer) {
  plan::UnnestNode node;
  node.replicate = {0};
  for (size_t a = 0; a < num_arrays; ++a) {
    node.arrays.push_back(plan::MakeColumn(1 + a, kArray));
  }
  node.with_ordinality = ordinality;
  node.outer = outer;
  functions::FunctionContext context;
  UnnestOperator unnest({}, node, &context);
  EXPECT_OK(unnest.Push(input));
  EXPECT_OK(unnest.Finish());
  std::string out;
  Batch batch;
  while (true) {
    Result<Flow> flow = unnest.Next(&batch);
    EXPECT_OK(flow);
    if (!flow.ok() || *flow != Flow::kOutput) {
      break;
    }
    out += batch.ToString();
  }
  return out;
}

TEST(UnnestOperatorTest, EachElementBecomesARowBesideTheReplicatedColumns) {
  const Batch input = testing::MakeBatch(
      {testing::Bigints({1, 2, 3}),
       Arrays({std::vector<int64_t>{10, 20}, std::nullopt, std::vector<int64_t>{}})});
  EXPECT_EQ(Unnest(input, 1, false, false), "1 | 10\n1 | 20\n");
  EXPECT_EQ(Unnest(input, 1, true, false), "1 | 10 | 1\n1 | 20 | 2\n");
  EXPECT_EQ(Unnest(input, 1, false, true), "1 | 10\n1 | 20\n2 | NULL\n3 | NULL\n");
}

TEST(UnnestOperatorTest, ShorterArraysArePaddedWithNulls) {
  const Batch input =
      testing::MakeBatch({testing::Bigints({1}), Arrays({std::vector<int64_t>{10, 20, 30}}),
                          Arrays({std::vector<int64_t>{7}})});
  EXPECT_EQ(Unnest(input, 2, false, false), "1 | 10 | 7\n1 | 20 | NULL\n1 | 30 | NULL\n");
}

}  // namespace
}  // namespace stratus::sql::exec
