#include "formats/iceberg/schema.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "formats/iceberg/data_file_metrics.h"
#include "formats/parquet/parquet_split_reader.h"
#include "testing/status_matchers.h"

namespace stratus::formats::iceberg {
namespace {

using sql::LogicalType;

TEST(SchemaTest, ColumnsGetIdsAsJavaAssignsThem) {
  ASSERT_OK_AND_ASSIGN(
      Schema schema, SchemaFromColumns({
                         {.name = "id", .type = LogicalType::Integer()},
                         {.name = "tags", .type = LogicalType::Array(LogicalType::Varchar())},
                         {.name = "attrs",
                          .type = LogicalType::Map(LogicalType::Varchar(), LogicalType::Bigint())},
                         {.name = "point",
                          .type = LogicalType::Row({{.name = "x", .type = LogicalType::Double()},
                                                    {.name = "y", .type = LogicalType::Double()}})},
                     }));
  // Top-level fields first (1..4), then each one's children in order.
  EXPECT_EQ(schema.fields[0].id, 1);
  EXPECT_EQ(schema.fields[3].id, 4);
  EXPECT_EQ(schema.fields[1].type.fields[0].id, 5);
  EXPECT_EQ(schema.fields[2].type.fields[0].id, 6);
  EXPECT_EQ(schema.fields[2].type.fields[1].id, 7);
  EXPECT_EQ(schema.fields[3].type.fields[0].id, 8);
  EXPECT_EQ(schema.HighestFieldId(), 9);
  ASSERT_NE(schema.FindField(9), nullptr);
  EXPECT_EQ(schema.FindField(9)->name, "y");
  EXPECT_EQ(schema.FindColumn("POINT")->id, 4);
}

TEST(SchemaTest, ParquetColumnsCarryNestedFieldIdsDepthFirst) {
  const LogicalType item =
      LogicalType::Row({{.name = "x", .type = LogicalType::Integer()},
                        {.name = "tags", .type = LogicalType::Array(LogicalType::Varchar())}});
  ASSERT_OK_AND_ASSIGN(
      Schema schema, SchemaFromColumns({
                         {.name = "id", .type = LogicalType::Integer()},
                         {.name = "attrs", .type = LogicalType::Map(LogicalType::Varchar(), item)},
                         {.name = "items", .type = LogicalType::Array(item)},
                     }));
  ASSERT_OK_AND_ASSIGN(std::vector<parquet::ParquetColumn> columns, ParquetColumnsFor(schema));
  ASSERT_EQ(columns.size(), 3u);
  EXPECT_TRUE(columns[0].nested_field_ids.empty());
  // The ids each nested field has in the schema, in the order the Parquet
  // writer walks them: key, value, value's x, tags, tags' element.
  const NestedField& attrs = schema.fields[1];
  const NestedField& value = attrs.type.fields[1];
  EXPECT_EQ(columns[1].field_id, attrs.id);
  EXPECT_EQ(
      columns[1].nested_field_ids,
      (std::vector<int32_t>{attrs.type.fields[0].id, value.id, value.type.fields[0].id,
                            value.type.fields[1].id, value.type.fields[1].type.fields[0].id}));
  const NestedField& items = schema.fields[2];
  const NestedField& element = items.type.fields[0];
  EXPECT_EQ(columns[2].nested_field_ids,
            (std::vector<int32_t>{element.id, element.type.fields[0].id, element.type.fields[1].id,
                                  element.type.fields[1].type.fields[0].id}));
}

TEST(SchemaTest, JsonRoundTripsEveryType) {
  Schema schema;
  schema.schema_id = 3;
  schema.identifier_field_ids = {1};
  schema.fields = {
      {.id = 1,
       .name = "b",
       .required = true,
       .type = Type::Primitive(TypeId::kBoolean),
       .doc = "flag"},
      {.id = 2, .name = "i", .type = Type::Primitive(TypeId::kInt)},
      {.id = 3, .name = "l", .type = Type::Primitive(TypeId::kLong)},
      {.id = 4, .name = "f", .type = Type::Primitive(TypeId::kFloat)},
      {.id = 5, .name = "d", .type = Type::Primitive(TypeId::kDouble)},
      {.id = 6, .name = "dec", .type = Type::Decimal(38, 10)},
      {.id = 7, .name = "date", .type = Type::Primitive(TypeId::kDate)},
      {.id = 8, .name = "time", .type = Type::Primitive(TypeId::kTime)},
      {.id = 9, .name = "ts", .type = Type::Primitive(TypeId::kTimestamp)},
      {.id = 10, .name = "tstz", .type = Type::Primitive(TypeId::kTimestampTz)},
      {.id = 11, .name = "s", .type = Type::Primitive(TypeId::kString)},
      {.id = 12, .name = "u", .type = Type::Primitive(TypeId::kUuid)},
      {.id = 13, .name = "fx", .type = Type::Fixed(16)},
      {.id = 14, .name = "bin", .type = Type::Primitive(TypeId::kBinary)},
      {.id = 15, .name = "list", .type = Type::List(18, true, Type::Primitive(TypeId::kInt))},
      {.id = 16,
       .name = "map",
       .type = Type::Map(19, Type::Primitive(TypeId::kString), 20, false,
                         Type::Primitive(TypeId::kLong))},
      {.id = 17,
       .name = "st",
       .type = Type::Struct({{.id = 21, .name = "x", .type = Type::Primitive(TypeId::kInt)}})},
  };
  const std::string json = SchemaToJson(schema);
  EXPECT_THAT(json, ::testing::HasSubstr(R"x("type":"decimal(38, 10)")x"));
  EXPECT_THAT(json, ::testing::HasSubstr(R"("type":"fixed[16]")"));
  ASSERT_OK_AND_ASSIGN(Schema back, ParseSchemaJson(json));
  EXPECT_EQ(back, schema);
}

TEST(SchemaTest, IcebergTypesMapToSqlTypes) {
  ASSERT_OK_AND_ASSIGN(LogicalType ts, ToLogicalType(Type::Primitive(TypeId::kTimestamp)));
  EXPECT_EQ(ts.kind(), sql::TypeKind::kTimestamp);
  ASSERT_OK_AND_ASSIGN(LogicalType dec, ToLogicalType(Type::Decimal(10, 2)));
  EXPECT_EQ(dec.ToString(), "decimal(10,2)");
  ASSERT_OK_AND_ASSIGN(LogicalType list,
                       ToLogicalType(Type::List(2, false, Type::Primitive(TypeId::kString))));
  EXPECT_EQ(list.ToString(), "array(varchar)");
  int32_t next_id = 1;
  EXPECT_STATUS(StatusCode::kNotImplemented,
                FromLogicalType(LogicalType::IntervalDayToSecond(), &next_id).status());
}

TEST(SchemaTest, DuplicateColumnIsInvalidArgument) {
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                SchemaFromColumns({{.name = "a", .type = LogicalType::Integer()},
                                   {.name = "A", .type = LogicalType::Integer()}})
                    .status());
}

}  // namespace
}  // namespace stratus::formats::iceberg
