#include "sql/exec/group_table.h"

#include <cmath>
#include <optional>
#include <string>
#include <vector>

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

TEST(GroupTableTest, KeysOfMixedWidthsAndStatesSurviveManyBlocksAndGrowing) {
  // Narrow keys pack between the NULL bytes and wide ones; more groups than
  // one block of rows holds, inserted over several calls (the slots grow).
  GroupTable table({LogicalType::Varchar(), LogicalType::Bigint(), LogicalType::Integer(),
                    LogicalType::Boolean()},
                   16);
  const size_t rows = 20000;
  std::vector<std::optional<std::string>> texts;
  std::vector<std::optional<int64_t>> numbers;
  for (size_t i = 0; i < rows; ++i) {
    texts.push_back(
        i % 7 == 0 ? std::nullopt
                   : std::optional<std::string>(i % 3 == 0 ? "long text number " + std::to_string(i)
                                                           : std::to_string(i)));
    numbers.push_back(i % 5 == 0 ? std::nullopt : std::optional<int64_t>(i * 1000003));
  }
  Vector integers(LogicalType::Integer(), rows);
  integers.set_size(rows);
  Vector booleans(LogicalType::Boolean(), rows);
  booleans.set_size(rows);
  for (size_t i = 0; i < rows; ++i) {
    integers.mutable_values<int32_t>()[i] = static_cast<int32_t>(i) - 7;
    booleans.mutable_values<uint8_t>()[i] = i % 2 == 0 ? 1 : 0;
  }
  const std::vector<Vector> keys = {testing::Varchars(texts), testing::Bigints(numbers), integers,
                                    booleans};
  std::vector<uint32_t> groups(rows);
  table.FindOrInsert(keys, rows, groups.data(), nullptr);
  ASSERT_EQ(table.num_groups(), rows);
  for (size_t i = 0; i < rows; ++i) {
    *reinterpret_cast<int64_t*>(table.state(groups[i])) = static_cast<int64_t>(i);
  }
  std::vector<uint32_t> again(rows);
  std::vector<uint32_t> made;
  table.FindOrInsert(keys, rows, again.data(), &made);
  EXPECT_EQ(again, groups);
  EXPECT_TRUE(made.empty());
  for (size_t i = 0; i < rows; i += 997) {
    EXPECT_EQ(*reinterpret_cast<int64_t*>(table.state(groups[i])), static_cast<int64_t>(i));
    for (size_t c = 0; c < keys.size(); ++c) {
      EXPECT_EQ(table.Keys(c, groups[i], 1).GetValue(0), keys[c].GetValue(i)) << i << " " << c;
    }
  }
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
