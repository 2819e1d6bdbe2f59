#include "glue/partition_expression.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace stratus::glue {
namespace {

const std::vector<Column> kKeys = {Column{.name = "year", .type = "int"},
                                   Column{.name = "dt", .type = "date"},
                                   Column{.name = "region", .type = "string"}};

// Returns whether `expression` keeps a partition with these values.
bool Keeps(std::string_view expression, std::vector<std::string> values) {
  SCOPED_TRACE(expression);
  Result<PartitionFilter> filter = PartitionFilter::Parse(expression, kKeys);
  EXPECT_OK(filter.status());
  return filter.ok() && filter->Matches(values);
}

TEST(PartitionExpressionTest, KeyKindFollowsTheHiveType) {
  EXPECT_EQ(KeyKindOf("bigint"), KeyKind::kInteger);
  EXPECT_EQ(KeyKindOf("INT"), KeyKind::kInteger);
  EXPECT_EQ(KeyKindOf("decimal(10, 2)"), KeyKind::kDecimal);
  EXPECT_EQ(KeyKindOf("date"), KeyKind::kDate);
  EXPECT_EQ(KeyKindOf("timestamp"), KeyKind::kTimestamp);
  EXPECT_EQ(KeyKindOf("varchar(10)"), KeyKind::kString);
}

TEST(PartitionExpressionTest, IntegerKeysCompareAsNumbersNotText) {
  EXPECT_TRUE(Keeps("year > 9", {"10", "2024-01-01", "eu"}));
  EXPECT_TRUE(Keeps("year = '2024'", {"2024", "2024-01-01", "eu"}));
  EXPECT_FALSE(Keeps("year > 9", {"ten", "2024-01-01", "eu"}));  // Not an int: no match.
}

TEST(PartitionExpressionTest, StringKeysCompareAsText) {
  EXPECT_TRUE(Keeps("region < 'f'", {"1", "2024-01-01", "eu"}));
  EXPECT_FALSE(Keeps("region <> 'eu'", {"1", "2024-01-01", "eu"}));
  EXPECT_TRUE(Keeps("region != 'us'", {"1", "2024-01-01", "eu"}));
}

TEST(PartitionExpressionTest, DateKeysCompareByCalendar) {
  EXPECT_TRUE(Keeps("dt >= '2024-1-5'", {"1", "2024-01-10", "eu"}));
  EXPECT_TRUE(Keeps("dt BETWEEN DATE '2024-01-01' AND '2024-01-31'", {"1", "2024-01-10", "eu"}));
  EXPECT_FALSE(Keeps("dt NOT BETWEEN '2024-01-01' AND '2024-01-31'", {"1", "2024-01-10", "eu"}));
}

TEST(PartitionExpressionTest, LogicalOperatorsFollowSqlPrecedence) {
  const std::vector<std::string> values = {"2024", "2024-01-10", "eu"};
  EXPECT_TRUE(Keeps("region = 'us' OR year = 2024 AND dt = '2024-01-10'", values));
  EXPECT_FALSE(Keeps("(region = 'us' OR year = 2024) AND dt = '2024-01-11'", values));
  EXPECT_TRUE(Keeps("NOT region = 'us' and not (year < 2000)", values));
}

TEST(PartitionExpressionTest, InLikeAndIsNull) {
  const std::vector<std::string> values = {"2024", "2024-01-10", "eu-west-1"};
  EXPECT_TRUE(Keeps("year IN (2023, 2024)", values));
  EXPECT_FALSE(Keeps("year NOT IN (2023, 2024)", values));
  EXPECT_TRUE(Keeps("region LIKE 'eu-%'", values));
  EXPECT_TRUE(Keeps("region LIKE 'eu-west-_'", values));
  EXPECT_FALSE(Keeps("region NOT LIKE '%west%'", values));
  EXPECT_FALSE(Keeps("region IS NULL", values));
  EXPECT_TRUE(Keeps("region IS NOT NULL", values));
}

TEST(PartitionExpressionTest, KeysAreCaseInsensitiveAndMayBeQuoted) {
  const std::vector<std::string> values = {"2024", "2024-01-10", "it's"};
  EXPECT_TRUE(Keeps("`YEAR` = 2024 AND \"Region\" = 'it''s'", values));
}

TEST(PartitionExpressionTest, BadInputIsInvalidInputException) {
  for (std::string_view bad :
       {"", "year >", "year = 'x'", "colour = 'red'", "year = 1 AND", "(year = 1", "year ~ 1",
        "dt = '2024-13-01'", "region = 'unterminated", "year IN ()", "year BETWEEN 1 OR 2",
        "year = 1 year = 2"}) {
    SCOPED_TRACE(bad);
    Result<PartitionFilter> filter = PartitionFilter::Parse(bad, kKeys);
    EXPECT_STATUS(StatusCode::kInvalidArgument, filter.status());
    if (!filter.ok()) {
      EXPECT_EQ(filter.status().aws_type(), "InvalidInputException");
    }
  }
}

TEST(PartitionExpressionTest, DeepNestingIsRefusedNotACrash) {
  std::string deep(5000, '(');
  EXPECT_STATUS(StatusCode::kInvalidArgument, PartitionFilter::Parse(deep, kKeys).status());
  std::string not_chain;
  for (int i = 0; i < 5000; ++i) {
    not_chain += "NOT ";
  }
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                PartitionFilter::Parse(not_chain + "year = 1", kKeys).status());
}

TEST(PartitionExpressionTest, ToStringParsesBackToTheSameFilter) {
  ASSERT_OK_AND_ASSIGN(
      PartitionFilter filter,
      PartitionFilter::Parse("year in (1,2) and not region like 'e%' or dt between date "
                             "'2024-01-01' and '2024-02-01' or region is not null",
                             kKeys));
  const std::string printed = filter.ToString();
  EXPECT_EQ(printed,
            "((((`year` IN (1, 2)) AND (NOT (`region` LIKE 'e%'))) OR (`dt` BETWEEN DATE "
            "'2024-01-01' AND '2024-02-01')) OR (`region` IS NOT NULL))");
  ASSERT_OK_AND_ASSIGN(PartitionFilter again, PartitionFilter::Parse(printed, kKeys));
  EXPECT_EQ(again.ToString(), printed);
}

}  // namespace
}  // namespace stratus::glue
