#include "formats/iceberg/transform.h"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "formats/iceberg/partition_spec.h"
#include "sql/types/calendar.h"
#include "testing/status_matchers.h"

namespace stratus::formats::iceberg {
namespace {

using sql::Value;

int32_t Days(int64_t year, int month, int day) {
  return static_cast<int32_t>(sql::DaysFromCivil({.year = year, .month = month, .day = day}));
}

int64_t Millis(int64_t year, int month, int day, int hour, int minute, int second) {
  return Days(year, month, day) * sql::kMillisPerDay +
         (int64_t{hour} * 3600 + int64_t{minute} * 60 + second) * 1000;
}

int32_t Hash(const Value& value, const Type& type) {
  auto hash = BucketHash(value, type);
  EXPECT_TRUE(hash.ok()) << hash.status().ToString();
  return hash.ok() ? *hash : 0;
}

// The spec's Appendix B test vectors.
TEST(TransformTest, BucketHashesMatchTheSpecVectors) {
  EXPECT_EQ(Hash(Value::Integer(34), Type::Primitive(TypeId::kInt)), 2017239379);
  EXPECT_EQ(Hash(Value::Bigint(34), Type::Primitive(TypeId::kLong)), 2017239379);
  EXPECT_EQ(Hash(Value::Decimal(sql::LogicalType::Decimal(4, 2), 1420), Type::Decimal(4, 2)),
            -500754589);
  EXPECT_EQ(Hash(Value::Date(Days(2017, 11, 16)), Type::Primitive(TypeId::kDate)), -653330422);
  EXPECT_EQ(Hash(Value::Bigint((int64_t{22} * 3600 + int64_t{31} * 60 + 8) * 1000000),
                 Type::Primitive(TypeId::kTime)),
            -662762989);
  EXPECT_EQ(
      Hash(Value::Timestamp(Millis(2017, 11, 16, 22, 31, 8)), Type::Primitive(TypeId::kTimestamp)),
      -2047944441);
  EXPECT_EQ(
      Hash(Value::TimestampWithTimeZone(Millis(2017, 11, 16, 14, 31, 8) + int64_t{8} * 3600000, 0),
           Type::Primitive(TypeId::kTimestampTz)),
      -2047944441);
  EXPECT_EQ(Hash(Value::Varchar("iceberg"), Type::Primitive(TypeId::kString)), 1210000089);
  EXPECT_EQ(
      Hash(Value::Varchar("f79c3e09-677c-4bbd-a479-3f349cb785e7"), Type::Primitive(TypeId::kUuid)),
      1488055340);
  EXPECT_EQ(
      Hash(Value::Varbinary(std::string("\x00\x01\x02\x03", 4)), Type::Primitive(TypeId::kBinary)),
      -188683207);
}

TEST(TransformTest, BucketOfLongsMatchesSparkFixture) {
  // icebird/spark/rename_column: bucket[4](id) puts 1, 2 in 0, 3 in 3, 4 in 2.
  const Transform bucket{.kind = TransformKind::kBucket, .param = 4};
  const Type type = Type::Primitive(TypeId::kLong);
  std::vector<int64_t> buckets;
  for (int64_t id = 1; id <= 4; ++id) {
    ASSERT_OK_AND_ASSIGN(Value value, bucket.Apply(Value::Bigint(id), type));
    buckets.push_back(value.int64_value());
  }
  EXPECT_THAT(buckets, ::testing::ElementsAre(0, 0, 3, 2));
}

TEST(TransformTest, TruncateFollowsTheSpec) {
  const Transform truncate{.kind = TransformKind::kTruncate, .param = 10};
  ASSERT_OK_AND_ASSIGN(Value a, truncate.Apply(Value::Integer(1), Type::Primitive(TypeId::kInt)));
  EXPECT_EQ(a.int64_value(), 0);
  ASSERT_OK_AND_ASSIGN(Value b, truncate.Apply(Value::Integer(-1), Type::Primitive(TypeId::kInt)));
  EXPECT_EQ(b.int64_value(), -10);
  ASSERT_OK_AND_ASSIGN(Value c, truncate.Apply(Value::Bigint(125), Type::Primitive(TypeId::kLong)));
  EXPECT_EQ(c.int64_value(), 120);
  const Transform fifty{.kind = TransformKind::kTruncate, .param = 50};
  ASSERT_OK_AND_ASSIGN(Value d, fifty.Apply(Value::Decimal(sql::LogicalType::Decimal(9, 2), 1065),
                                            Type::Decimal(9, 2)));
  EXPECT_EQ(static_cast<int64_t>(d.decimal_value()), 1050);
  const Transform three{.kind = TransformKind::kTruncate, .param = 3};
  ASSERT_OK_AND_ASSIGN(Value e,
                       three.Apply(Value::Varchar("iceberg"), Type::Primitive(TypeId::kString)));
  EXPECT_EQ(e.string_value(), "ice");
  ASSERT_OK_AND_ASSIGN(
      Value f, three.Apply(Value::Varchar("\xc3\xa9t\xc3\xa9s"), Type::Primitive(TypeId::kString)));
  EXPECT_EQ(f.string_value(), "\xc3\xa9t\xc3\xa9");
}

TEST(TransformTest, TimeTransformsCountFromTheEpoch) {
  const Type ts = Type::Primitive(TypeId::kTimestamp);
  const Value value = Value::Timestamp(Millis(2024, 3, 5, 10, 30, 0));
  ASSERT_OK_AND_ASSIGN(Value year, Transform{.kind = TransformKind::kYear}.Apply(value, ts));
  ASSERT_OK_AND_ASSIGN(Value month, Transform{.kind = TransformKind::kMonth}.Apply(value, ts));
  ASSERT_OK_AND_ASSIGN(Value day, Transform{.kind = TransformKind::kDay}.Apply(value, ts));
  ASSERT_OK_AND_ASSIGN(Value hour, Transform{.kind = TransformKind::kHour}.Apply(value, ts));
  EXPECT_EQ(year.int64_value(), 54);
  EXPECT_EQ(month.int64_value(), 54 * 12 + 2);
  EXPECT_EQ(day.int64_value(), Days(2024, 3, 5));
  EXPECT_EQ(day.type().kind(), sql::TypeKind::kDate);
  EXPECT_EQ(hour.int64_value(), Days(2024, 3, 5) * 24 + 10);
  EXPECT_EQ(PartitionValueToString(year, Transform{.kind = TransformKind::kYear}), "2024");
  EXPECT_EQ(PartitionValueToString(month, Transform{.kind = TransformKind::kMonth}), "2024-03");
  EXPECT_EQ(PartitionValueToString(day, Transform{.kind = TransformKind::kDay}), "2024-03-05");
  EXPECT_EQ(PartitionValueToString(hour, Transform{.kind = TransformKind::kHour}), "2024-03-05-10");
  // Before the epoch rounds down.
  ASSERT_OK_AND_ASSIGN(Value before,
                       Transform{.kind = TransformKind::kDay}.Apply(Value::Timestamp(-1), ts));
  EXPECT_EQ(before.int64_value(), -1);
}

TEST(TransformTest, NullsAndVoidGiveNull) {
  const Type type = Type::Primitive(TypeId::kInt);
  const Transform bucket{.kind = TransformKind::kBucket, .param = 4};
  ASSERT_OK_AND_ASSIGN(Value a, bucket.Apply(Value::Null(sql::LogicalType::Integer()), type));
  EXPECT_TRUE(a.is_null());
  const Transform void_transform{.kind = TransformKind::kVoid, .param = 0};
  ASSERT_OK_AND_ASSIGN(Value b, void_transform.Apply(Value::Integer(3), type));
  EXPECT_TRUE(b.is_null());
}

TEST(TransformTest, ParsesAndPrintsTheSpecForms) {
  for (const char* text :
       {"identity", "year", "month", "day", "hour", "bucket[16]", "truncate[10]", "void"}) {
    ASSERT_OK_AND_ASSIGN(Transform transform, Transform::Parse(text));
    EXPECT_EQ(transform.ToString(), text);
  }
  EXPECT_FALSE(Transform::Parse("bucket[0]").ok());
  EXPECT_FALSE(Transform::Parse("minute").ok());
}

TEST(TransformTest, TransformThatDoesNotFitTheTypeIsInvalid) {
  EXPECT_STATUS(
      StatusCode::kInvalidArgument,
      Transform{.kind = TransformKind::kDay}.ResultType(Type::Primitive(TypeId::kString)).status());
  EXPECT_STATUS(
      StatusCode::kInvalidArgument,
      Transform{.kind = TransformKind::kHour}.ResultType(Type::Primitive(TypeId::kDate)).status());
}

class PartitionSpecTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(schema_, SchemaFromColumns({
                                      {.name = "dt", .type = sql::LogicalType::Date()},
                                      {.name = "id", .type = sql::LogicalType::Bigint()},
                                      {.name = "ts", .type = sql::LogicalType::Timestamp()},
                                      {.name = "s", .type = sql::LogicalType::Varchar()},
                                  }));
  }

  Schema schema_;
};

TEST_F(PartitionSpecTest, AthenaPartitionClausesGetSparkNames) {
  const std::vector<PartitionColumn> columns = {
      {.column = "dt"},
      {.column = "ts", .transform = "day"},
      {.column = "id", .transform = "bucket", .argument = 16},
      {.column = "s", .transform = "truncate", .argument = 10},
      {.column = "ts", .transform = "year"},
      {.column = "ts", .transform = "month"},
      {.column = "ts", .transform = "hour"},
  };
  ASSERT_OK_AND_ASSIGN(PartitionSpec spec, BuildPartitionSpec(schema_, columns));
  std::vector<std::string> names;
  std::vector<int32_t> ids;
  for (const PartitionField& field : spec.fields) {
    names.push_back(field.name);
    ids.push_back(field.field_id);
  }
  EXPECT_THAT(names, ::testing::ElementsAre("dt", "ts_day", "id_bucket", "s_trunc", "ts_year",
                                            "ts_month", "ts_hour"));
  EXPECT_THAT(ids, ::testing::ElementsAre(1000, 1001, 1002, 1003, 1004, 1005, 1006));
  EXPECT_EQ(spec.fields[2].transform.ToString(), "bucket[16]");
}

TEST_F(PartitionSpecTest, BadPartitionClausesAreInvalidArgument) {
  const std::vector<PartitionColumn> unknown = {{.column = "nope"}};
  EXPECT_STATUS(StatusCode::kInvalidArgument, BuildPartitionSpec(schema_, unknown).status());
  const std::vector<PartitionColumn> no_width = {{.column = "id", .transform = "bucket"}};
  EXPECT_STATUS(StatusCode::kInvalidArgument, BuildPartitionSpec(schema_, no_width).status());
  const std::vector<PartitionColumn> twice = {{.column = "dt"}, {.column = "DT"}};
  EXPECT_STATUS(StatusCode::kInvalidArgument, BuildPartitionSpec(schema_, twice).status());
  const std::vector<PartitionColumn> wrong_type = {{.column = "s", .transform = "day"}};
  EXPECT_STATUS(StatusCode::kInvalidArgument, BuildPartitionSpec(schema_, wrong_type).status());
}

TEST_F(PartitionSpecTest, RowsGetHiveStylePaths) {
  const std::vector<PartitionColumn> columns = {
      {.column = "dt"},
      {.column = "id", .transform = "bucket", .argument = 4},
      {.column = "s"},
  };
  ASSERT_OK_AND_ASSIGN(PartitionSpec spec, BuildPartitionSpec(schema_, columns));
  const std::vector<Value> row = {Value::Date(Days(2024, 1, 1)), Value::Bigint(3),
                                  Value::Timestamp(0), Value::Varchar("a b/c")};
  ASSERT_OK_AND_ASSIGN(std::vector<Value> tuple, PartitionTuple(spec, schema_, row));
  EXPECT_EQ(PartitionPath(spec, tuple), "dt=2024-01-01/id_bucket=3/s=a+b%2Fc");
  const std::vector<Value> nulls = {Value::Null(sql::LogicalType::Date()), Value::Bigint(4),
                                    Value::Timestamp(0), Value::Null(sql::LogicalType::Varchar())};
  ASSERT_OK_AND_ASSIGN(std::vector<Value> null_tuple, PartitionTuple(spec, schema_, nulls));
  EXPECT_EQ(PartitionPath(spec, null_tuple), "dt=null/id_bucket=2/s=null");
}

}  // namespace
}  // namespace stratus::formats::iceberg
