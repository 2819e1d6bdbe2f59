#include "sql/exec/group_table.h"

#include <cmath>

#include <gtest/gtest.h>

#include "sql/exec/test_functions.h"
#include "sql/types/value.h"

namespace stratus::sql::exec {
namespace {

TEST(GroupTableTest, EqualKeysShareAGroupAndNullsGroupTogether) {
  GroupTable table({LogicalType::Varchar(), LogicalType::Bigint()}, 8);
  const std::string long_text = "a string longer than twelve bytes";
  std::vector<Vector> keys = {
      testing::Varchars({long_text, "x", long_text, std::nullopt, std::nullopt}),
      testing::Bigints({1, 1, 1, std::nullopt, std::nullopt})};
  std::vector<uint32_t> groups(5);
  std::vector<uint32_t> made;
  table.FindOrInsert(keys, 5, groups.data(), &made);
  EXPECT_EQ(groups, (std::vector<uint32_t>{0, 1, 0, 2, 2}));
  EXPECT_EQ(made, (std::vector<uint32_t>{0, 1, 2}));
  EXPECT_EQ(table.Keys(0, 0, 3).ToString(), "varchar flat[" + long_text + ", x, NULL]");
  EXPECT_EQ(table.Keys(1, 1, 2).ToString(), "bigint flat[1, NULL]");
}

TEST(GroupTableTest, KeysOwnTheirBytesAfterTheInputIsGone) {
  GroupTable table({LogicalType::Varchar()}, 0);
  std::vector<uint32_t> groups(1);
  {
    std::vector<Vector> keys = {testing::Varchars({std::string(100, 'z')})};
    table.FindOrInsert(keys, 1, groups.data(), nullptr);
  }
  std::vector<Vector> again = {testing::Varchars({std::string(100, 'z')})};
  table.FindOrInsert(again, 1, groups.data(), nullptr);
  EXPECT_EQ(table.num_groups(), 1u);
  EXPECT_EQ(table.Keys(0, 0, 1).GetValue(0), Value::Varchar(std::string(100, 'z')));
}

TEST(GroupTableTest, NanGroupsWithNanAndGrowingKeepsEveryGroup) {
  GroupTable table({LogicalType::Double()}, 16);
  const size_t rows = 5000;
  Vector values(LogicalType::Double(), rows);
  values.set_size(rows);
  for (size_t i = 0; i < rows; ++i) {
    values.mutable_values<double>()[i] = i % 2 == 0 ? std::nan("") : static_cast<double>(i);
  }
  std::vector<uint32_t> groups(rows);
  table.FindOrInsert({values}, rows, groups.data(), nullptr);
  EXPECT_EQ(table.num_groups(), rows / 2 + 1);
  table.FindOrInsert({values}, rows, groups.data(), nullptr);
  EXPECT_EQ(table.num_groups(), rows / 2 + 1);
  *reinterpret_cast<int64_t*>(table.state(groups[rows - 1])) = 42;
  EXPECT_EQ(*reinterpret_cast<int64_t*>(table.state(groups[rows - 1])), 42);
}

TEST(GroupTableTest, ArraysAreKeysToo) {
  const LogicalType type = LogicalType::Array(LogicalType::Bigint());
  Vector arrays(type, 3);
  arrays.set_size(3);
  arrays.SetValue(0, Value::Array(LogicalType::Bigint(), {Value::Bigint(1)}));
  arrays.SetValue(1, Value::Array(LogicalType::Bigint(), {Value::Bigint(2)}));
  arrays.SetValue(2, Value::Array(LogicalType::Bigint(), {Value::Bigint(1)}));
  GroupTable table({type}, 0);
  std::vector<uint32_t> groups(3);
  table.FindOrInsert({arrays}, 3, groups.data(), nullptr);
  EXPECT_EQ(groups, (std::vector<uint32_t>{0, 1, 0}));
  EXPECT_EQ(table.Keys(0, 0, 2).GetValue(1).ToString(), "[2]");
}

}  // namespace
}  // namespace stratus::sql::exec
