#include <algorithm>
#include <tuple>

#include <gtest/gtest.h>

#include "sql/functions/function.h"
#include "sql/types/sql_error.h"
#include "sql/types/value.h"
#include "sql/vector/vector.h"

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

namespace stratus::sql::functions {
namespace {

Vector IntegerColumn(size_t rows, int32_t (*value)(size_t), bool (*is_null)(size_t)) {
  Vector vector(LogicalType::Integer(), rows);
  vector.set_size(rows);
  for (size_t i = 0; i < rows; ++i) {
    vector.SetValue(i, is_null(i) ? Value::Null(LogicalType::Integer()) : Value::Integer(value(i)));
  }
  return vector;
}

TEST(FunctionRegistryTest, KernelsRunOverLongBatchesWithNulls) {
  constexpr size_t kRows = 3000;
  const Vector a = IntegerColumn(
      kRows, [](size_t i) { return static_cast<int32_t>(i); }, [](size_t i) { return i % 7 == 0; });
  // Zero divisors only on rows where a is NULL: no error may surface.
  const Vector b = IntegerColumn(
      kRows, [](size_t i) { return static_cast<int32_t>(i % 7 == 0 ? 0 : 2); },
      [](size_t i) { return i % 11 == 0; });
  const LogicalType types[] = {LogicalType::Integer(), LogicalType::Integer()};
  auto divide = FunctionRegistry::Default().ResolveScalar("$divide", types);
  ASSERT_TRUE(divide.ok());
  const Vector arguments[] = {a, b};
  Vector result;
  ASSERT_TRUE((*divide)->kernel(arguments, kRows, FunctionContext{}, &result).ok());
  ASSERT_EQ(result.size(), kRows);
  for (size_t i = 0; i < kRows; ++i) {
    if (i % 7 == 0 || i % 11 == 0) {
      EXPECT_TRUE(result.IsNull(i)) << i;
    } else {
      EXPECT_EQ(result.GetValue(i), Value::Integer(static_cast<int32_t>(i / 2))) << i;
    }
  }
}

TEST(FunctionRegistryTest, KernelsReadDictionaryVectors) {
  Vector base(LogicalType::Varchar(), 2);
  base.set_size(2);
  base.SetValue(0, Value::Varchar("first, a long string"));
  base.SetValue(1, Value::Varchar("b"));
  const Vector dictionary =
      Vector::Dictionary(base, SelectionVector(std::vector<uint32_t>{1, 0, 1}));
  const LogicalType types[] = {LogicalType::Varchar()};
  auto upper = FunctionRegistry::Default().ResolveScalar("upper", types);
  ASSERT_TRUE(upper.ok());
  Vector result;
  ASSERT_TRUE((*upper)->kernel({&dictionary, 1}, 3, FunctionContext{}, &result).ok());
  EXPECT_EQ(result.GetValue(0), Value::Varchar("B"));
  EXPECT_EQ(result.GetValue(1), Value::Varchar("FIRST, A LONG STRING"));
  EXPECT_EQ(result.GetValue(2), Value::Varchar("B"));
}

TEST(FunctionRegistryTest, KernelsAcceptEmptyBatches) {
  const Vector empty_int(LogicalType::Integer(), 0);
  const Vector empty_text(LogicalType::Varchar(), 0);
  const LogicalType ints[] = {LogicalType::Integer(), LogicalType::Integer()};
  const LogicalType texts[] = {LogicalType::Varchar(), LogicalType::Varchar()};
  for (auto [name, types, vector] :
       {std::tuple{"$add", std::span<const LogicalType>(ints), &empty_int},
        std::tuple{"$like", std::span<const LogicalType>(texts), &empty_text},
        std::tuple{"concat", std::span<const LogicalType>(texts), &empty_text},
        std::tuple{"strpos", std::span<const LogicalType>(texts), &empty_text}}) {
    auto binding = FunctionRegistry::Default().ResolveScalar(name, types);
    ASSERT_TRUE(binding.ok()) << name;
    const Vector arguments[] = {*vector, *vector};
    Vector result;
    EXPECT_TRUE((*binding)->kernel(arguments, 0, FunctionContext{}, &result).ok()) << name;
    EXPECT_EQ(result.size(), 0u) << name;
  }
}

}  // namespace
}  // namespace stratus::sql::functions
