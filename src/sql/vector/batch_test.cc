#include "sql/vector/batch.h"

#include <gtest/gtest.h>

#include "sql/types/value.h"

namespace stratus::sql {
namespace {

TEST(BatchTest, SelectAndSliceApplyToEveryColumn) {
  Vector ids(LogicalType::Bigint(), 3);
  Vector names(LogicalType::Varchar(), 3);
  ids.set_size(3);
  names.set_size(3);
  for (int i = 0; i < 3; ++i) {
    ids.SetValue(i, Value::Bigint(i + 1));
    names.SetValue(i, Value::Varchar(std::string(1, static_cast<char>('a' + i))));
  }
  names.SetValue(1, Value::Null(LogicalType::Varchar()));
  const Batch batch({ids, names}, 3);
  EXPECT_EQ(batch.ToString(), "1 | a\n2 | NULL\n3 | c\n");
  EXPECT_EQ(batch.Select(SelectionVector({2, 1})).ToString(), "3 | c\n2 | NULL\n");
  const Batch slice = batch.Slice(1, 2);
  EXPECT_EQ(slice.num_rows(), 2u);
  EXPECT_EQ(slice.ToString(), "2 | NULL\n3 | c\n");
  EXPECT_EQ(kBatchRows, 2048u);
}

TEST(BatchTest, BatchesMixEncodings) {
  Vector ids(LogicalType::Integer(), 2);
  ids.set_size(2);
  ids.SetValue(0, Value::Integer(7));
  ids.SetValue(1, Value::Integer(8));
  const Batch batch({ids, Vector::Constant(Value::Date(0), 2)}, 2);
  EXPECT_EQ(batch.ToString(), "7 | 1970-01-01\n8 | 1970-01-01\n");
}

}  // namespace
}  // namespace stratus::sql
