#include "formats/iceberg/manifest.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "formats/avro/object_container.h"
#include "formats/iceberg/single_value.h"
#include "sql/types/calendar.h"
#include "testing/status_matchers.h"

namespace stratus::formats::iceberg {
namespace {

using sql::LogicalType;
using sql::Value;

class ManifestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(schema_, SchemaFromColumns({
                                      {.name = "dt", .type = LogicalType::Date()},
                                      {.name = "id", .type = LogicalType::Bigint()},
                                      {.name = "price", .type = LogicalType::Decimal(10, 2)},
                                      {.name = "name", .type = LogicalType::Varchar()},
                                  }));
    const std::vector<PartitionColumn> columns = {
        {.column = "dt"}, {.column = "id", .transform = "bucket", .argument = 8}};
    ASSERT_OK_AND_ASSIGN(spec_, BuildPartitionSpec(schema_, columns));
  }

  DataFile File(std::string path, int32_t days, std::optional<int32_t> bucket) {
    DataFile file;
    file.file_path = std::move(path);
    file.partition = {Value::Date(days), bucket.has_value() ? Value::Integer(*bucket)
                                                            : Value::Null(LogicalType::Integer())};
    file.record_count = 10;
    file.file_size_in_bytes = 1000;
    file.column_sizes = {{1, 40}, {2, 80}};
    file.value_counts = {{1, 10}, {2, 10}};
    file.null_value_counts = {{1, 0}, {2, 1}};
    file.lower_bounds = {{2, *SerializeSingleValue(Value::Bigint(-5), schema_.fields[1].type)},
                         {4, "Alice"}};
    file.upper_bounds = {{2, *SerializeSingleValue(Value::Bigint(99), schema_.fields[1].type)},
                         {4, "Bob"}};
    file.split_offsets = {4};
    file.sort_order_id = 0;
    return file;
  }

  Schema schema_;
  PartitionSpec spec_;
};

TEST_F(ManifestTest, WrittenManifestReadsBackWithInheritedSequenceNumbers) {
  std::vector<ManifestEntry> entries = {
      {.status = EntryStatus::kAdded, .data_file = File("s3://b/t/data/a.parquet", 19723, 3)},
      {.status = EntryStatus::kExisting,
       .snapshot_id = 11,
       .sequence_number = 1,
       .file_sequence_number = 1,
       .data_file = File("s3://b/t/data/b.parquet", 19724, std::nullopt)},
      {.status = EntryStatus::kDeleted,
       .snapshot_id = 22,
       .sequence_number = 1,
       .file_sequence_number = 1,
       .data_file = File("s3://b/t/data/c.parquet", 19725, 1)},
  };
  ASSERT_OK_AND_ASSIGN(
      WrittenManifest written,
      WriteManifest(schema_, spec_, entries,
                    ManifestWriteOptions{.snapshot_id = 22, .sequence_number = 2}));
  EXPECT_EQ(written.file.added_files_count, 1);
  EXPECT_EQ(written.file.existing_files_count, 1);
  EXPECT_EQ(written.file.deleted_files_count, 1);
  EXPECT_EQ(written.file.added_rows_count, 10);
  EXPECT_EQ(written.file.min_sequence_number, 1);
  EXPECT_EQ(written.file.sequence_number, 2);
  EXPECT_EQ(written.file.manifest_length, static_cast<int64_t>(written.bytes.size()));
  ASSERT_EQ(written.file.partitions.size(), 2u);
  EXPECT_FALSE(written.file.partitions[0].contains_null);
  EXPECT_TRUE(written.file.partitions[1].contains_null);
  ASSERT_OK_AND_ASSIGN(Value lower, DeserializeSingleValue(*written.file.partitions[0].lower_bound,
                                                           Type::Primitive(TypeId::kDate)));
  EXPECT_EQ(lower.int64_value(), 19723);

  ASSERT_OK_AND_ASSIGN(avro::AvroFile avro_file, avro::ReadAvroFile(written.bytes));
  EXPECT_EQ(avro_file.codec, avro::AvroCodec::kDeflate);
  for (const char* key :
       {"schema", "partition-spec", "partition-spec-id", "format-version", "content"}) {
    EXPECT_NE(avro_file.FindMetadata(key), nullptr) << key;
  }
  EXPECT_EQ(*avro_file.FindMetadata("content"), "data");
  // The ADDED entry was written without sequence numbers, to inherit them.
  EXPECT_TRUE(avro_file.records[0].Find("sequence_number")->is_null());

  written.file.manifest_path = "s3://b/t/metadata/m0.avro";
  ASSERT_OK_AND_ASSIGN(std::vector<ManifestEntry> back,
                       ReadManifest(written.bytes, written.file, spec_, schema_));
  ASSERT_EQ(back.size(), 3u);
  EXPECT_EQ(back[0].status, EntryStatus::kAdded);
  EXPECT_EQ(back[0].snapshot_id, 22);
  EXPECT_EQ(back[0].sequence_number, 2);
  EXPECT_EQ(back[0].file_sequence_number, 2);
  EXPECT_EQ(back[1].sequence_number, 1);
  EXPECT_EQ(back[2].status, EntryStatus::kDeleted);
  const DataFile& file = back[0].data_file;
  EXPECT_EQ(file.file_path, "s3://b/t/data/a.parquet");
  EXPECT_EQ(file.partition[0], Value::Date(19723));
  EXPECT_EQ(file.partition[1], Value::Integer(3));
  EXPECT_TRUE(back[1].data_file.partition[1].is_null());
  EXPECT_EQ(file.column_sizes, entries[0].data_file.column_sizes);
  EXPECT_EQ(file.null_value_counts, entries[0].data_file.null_value_counts);
  EXPECT_EQ(file.lower_bounds, entries[0].data_file.lower_bounds);
  EXPECT_EQ(file.upper_bounds, entries[0].data_file.upper_bounds);
  EXPECT_EQ(file.split_offsets, std::vector<int64_t>{4});
  EXPECT_EQ(file.sort_order_id, 0);
  std::map<int32_t, ColumnStats> stats = DecodeColumnStats(file, schema_);
  ASSERT_TRUE(stats[2].lower.has_value());
  EXPECT_EQ(stats[2].lower->int64_value(), -5);
  EXPECT_EQ(stats[4].upper->string_value(), "Bob");
}

TEST_F(ManifestTest, ManifestListRoundTrips) {
  ManifestFile data{.manifest_path = "s3://b/t/metadata/x-m0.avro",
                    .manifest_length = 5000,
                    .partition_spec_id = 0,
                    .content = ManifestContent::kData,
                    .sequence_number = 3,
                    .min_sequence_number = 1,
                    .added_snapshot_id = 77,
                    .added_files_count = 2,
                    .existing_files_count = 1,
                    .deleted_files_count = 0,
                    .added_rows_count = 20,
                    .existing_rows_count = 10,
                    .deleted_rows_count = 0,
                    .partitions = {{.contains_null = false,
                                    .contains_nan = false,
                                    .lower_bound = std::string("\x0b\x4d\x00\x00", 4),
                                    .upper_bound = std::string("\x0c\x4d\x00\x00", 4)}}};
  ManifestFile deletes = data;
  deletes.manifest_path = "s3://b/t/metadata/x-m1.avro";
  deletes.content = ManifestContent::kDeletes;
  deletes.partitions = {{.contains_null = true}};
  const std::vector<ManifestFile> manifests = {data, deletes};
  ASSERT_OK_AND_ASSIGN(std::string bytes, WriteManifestList(manifests, {.snapshot_id = 77,
                                                                        .parent_snapshot_id = 76,
                                                                        .sequence_number = 3}));
  ASSERT_OK_AND_ASSIGN(avro::AvroFile avro_file, avro::ReadAvroFile(bytes));
  EXPECT_EQ(*avro_file.FindMetadata("snapshot-id"), "77");
  EXPECT_EQ(*avro_file.FindMetadata("parent-snapshot-id"), "76");
  EXPECT_EQ(*avro_file.FindMetadata("sequence-number"), "3");
  EXPECT_EQ(*avro_file.FindMetadata("format-version"), "2");
  ASSERT_OK_AND_ASSIGN(std::vector<ManifestFile> back, ReadManifestList(bytes));
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].manifest_path, data.manifest_path);
  EXPECT_EQ(back[0].min_sequence_number, 1);
  EXPECT_EQ(back[0].added_files_count, 2);
  EXPECT_EQ(back[0].existing_rows_count, 10);
  EXPECT_EQ(back[0].partitions[0].lower_bound, data.partitions[0].lower_bound);
  EXPECT_EQ(back[1].content, ManifestContent::kDeletes);
  EXPECT_TRUE(back[1].partitions[0].contains_null);
  EXPECT_FALSE(back[1].partitions[0].lower_bound.has_value());
}

TEST_F(ManifestTest, AvroSchemasCarryTheSpecFieldIds) {
  ASSERT_OK_AND_ASSIGN(std::vector<NestedField> partition_type, PartitionType(spec_, schema_));
  const std::string manifest = ManifestAvroSchema(partition_type);
  for (const char* fragment :
       {R"("name":"status","type":"int","field-id":0)", R"("field-id":134)", R"("field-id":100)",
        R"("field-id":102)", R"("field-id":1000)", R"("logicalType":"date")",
        R"("name":"k117_v118")", R"("element-id":133)", R"("field-id":140)"}) {
    EXPECT_THAT(manifest, ::testing::HasSubstr(fragment));
  }
  const std::string list = ManifestListAvroSchema();
  for (const char* fragment : {R"("field-id":500)", R"("field-id":517)", R"("field-id":507)",
                               R"("element-id":508)", R"("field-id":518)"}) {
    EXPECT_THAT(list, ::testing::HasSubstr(fragment));
  }
}

}  // namespace
}  // namespace stratus::formats::iceberg
