#include <algorithm>

#include <gtest/gtest.h>

#include "sql/functions/function.h"
#include "sql/types/sql_error.h"

namespace stratus::sql::functions {
namespace {

const FunctionRegistry& Registry() {
  return FunctionRegistry::Default();
}

TEST(FunctionRegistryTest, UnknownFunctionIsNotRegistered) {
  const LogicalType types[] = {LogicalType::Integer()};
  auto binding = Registry().ResolveScalar("no_such_function", types);
  ASSERT_FALSE(binding.ok());
  EXPECT_EQ(SqlErrorName(binding.status()), "FUNCTION_NOT_FOUND");
  EXPECT_EQ(binding.status().message(), "Function 'no_such_function' not registered");
}

TEST(FunctionRegistryTest, OperatorMismatchNamesTheOperator) {
  const LogicalType types[] = {LogicalType::Varchar(1), LogicalType::Integer()};
  auto binding = Registry().ResolveScalar("$add", types);
  ASSERT_FALSE(binding.ok());
  EXPECT_EQ(SqlErrorName(binding.status()), "TYPE_MISMATCH");
  EXPECT_EQ(binding.status().message(), "Cannot apply operator: varchar(1) + integer");
}

TEST(FunctionRegistryTest, ResolutionPrefersTheMostSpecificOverload) {
  const LogicalType int_decimal[] = {LogicalType::Integer(), LogicalType::Decimal(2, 1)};
  auto binding = Registry().ResolveScalar("$add", int_decimal);
  ASSERT_TRUE(binding.ok());
  EXPECT_EQ((*binding)->argument_types[0].ToString(), "decimal(10,0)");
  EXPECT_EQ((*binding)->return_type.ToString(), "decimal(12,1)");

  const LogicalType tiny_small[] = {LogicalType::Tinyint(), LogicalType::Smallint()};
  binding = Registry().ResolveScalar("$add", tiny_small);
  ASSERT_TRUE(binding.ok());
  EXPECT_EQ((*binding)->return_type.ToString(), "smallint");

  const LogicalType int_real[] = {LogicalType::Integer(), LogicalType::Real()};
  binding = Registry().ResolveScalar("$multiply", int_real);
  ASSERT_TRUE(binding.ok());
  EXPECT_EQ((*binding)->return_type.ToString(), "real");

  const LogicalType null_int[] = {LogicalType::Unknown(), LogicalType::Integer()};
  binding = Registry().ResolveScalar("$add", null_int);
  ASSERT_TRUE(binding.ok());
  EXPECT_EQ((*binding)->return_type.ToString(), "integer");
}

TEST(FunctionRegistryTest, ExactMatchesNeedNoCasts) {
  const LogicalType types[] = {LogicalType::Bigint(), LogicalType::Bigint()};
  auto binding = Registry().ResolveScalar("$subtract", types);
  ASSERT_TRUE(binding.ok());
  EXPECT_EQ((*binding)->argument_types[0], LogicalType::Bigint());
  EXPECT_EQ((*binding)->name, "$subtract");
}

TEST(FunctionRegistryTest, KnowsWhichNamesAreAggregates) {
  EXPECT_TRUE(Registry().IsAggregate("sum"));
  EXPECT_TRUE(Registry().IsAggregate("COUNT"));
  EXPECT_FALSE(Registry().IsAggregate("concat"));
  EXPECT_TRUE(Registry().Exists("concat"));
  EXPECT_FALSE(Registry().Exists("nope"));
}

TEST(FunctionRegistryTest, ListIsSortedAndHidesOperators) {
  const std::vector<FunctionInfo> infos = Registry().List();
  ASSERT_FALSE(infos.empty());
  EXPECT_TRUE(
      std::is_sorted(infos.begin(), infos.end(),
                     [](const FunctionInfo& a, const FunctionInfo& b) { return a.name < b.name; }));
  for (const FunctionInfo& info : infos) {
    EXPECT_NE(info.name.front(), '$') << info.name;
    EXPECT_FALSE(info.function_type.empty());
  }
}

}  // namespace
}  // namespace stratus::sql::functions
