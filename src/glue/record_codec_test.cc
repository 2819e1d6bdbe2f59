#include "glue/record_codec.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace stratus::glue {
namespace {

StorageDescriptor FullStorage() {
  return StorageDescriptor{
      .columns = {Column{
                      .name = "id", .type = "bigint", .comment = "key", .parameters = {{"a", "b"}}},
                  Column{.name = "name", .type = "string"}},
      .location = "s3://lake/users/",
      .additional_locations = {"s3://lake/more/"},
      .input_format = "org.apache.hadoop.mapred.TextInputFormat",
      .output_format = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
      .compressed = true,
      .number_of_buckets = -1,
      .serde_info =
          SerDeInfo{.name = "csv",
                    .serialization_library = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
                    .parameters = {{"field.delim", ","}}},
      .bucket_columns = {"id"},
      .sort_columns = {SortColumn{.column = "id", .sort_order = 0}},
      .parameters = {{"skip.header.line.count", "1"}},
      .stored_as_sub_directories = true};
}

TEST(RecordCodecTest, TableDefinitionRoundTrips) {
  TableDefinition table{
      .name = "users",
      .description = "people",
      .owner = "hadoop",
      .last_access_millis = 1000,
      .last_analyzed_millis = -5,
      .retention = 7,
      .storage = FullStorage(),
      .partition_keys = {Column{.name = "dt", .type = "date"}},
      .view_original_text = "/* Presto View */",
      .view_expanded_text = "SELECT 1",
      .table_type = "EXTERNAL_TABLE",
      .parameters = {{"table_type", "ICEBERG"}},
      .target_table = TableIdentifier{
          .catalog_id = "1", .database_name = "d", .name = "t", .region = "us-east-1"}};
  ASSERT_OK_AND_ASSIGN(TableDefinition decoded, DecodeTable(EncodeTable(table)));
  EXPECT_EQ(decoded, table);
  ASSERT_OK_AND_ASSIGN(TableDefinition bare,
                       DecodeTable(EncodeTable(TableDefinition{.name = "x"})));
  EXPECT_EQ(bare, TableDefinition{.name = "x"});
}

TEST(RecordCodecTest, DatabaseAndPartitionDefinitionsRoundTrip) {
  DatabaseDefinition database{.name = "lake",
                              .description = "d",
                              .location_uri = "s3://lake/",
                              .parameters = {{"k", "v"}},
                              .create_table_default_permissions = {PrincipalPermissions{
                                  .principal = "IAM_ALLOWED_PRINCIPALS", .permissions = {"ALL"}}}};
  ASSERT_OK_AND_ASSIGN(DatabaseDefinition decoded_database,
                       DecodeDatabase(EncodeDatabase(database)));
  EXPECT_EQ(decoded_database, database);

  PartitionDefinition partition{.values = {"2024-01-01", "eu"},
                                .last_access_millis = 3,
                                .storage = FullStorage(),
                                .parameters = {{"numRows", "10"}}};
  ASSERT_OK_AND_ASSIGN(PartitionDefinition decoded_partition,
                       DecodePartition(EncodePartition(partition)));
  EXPECT_EQ(decoded_partition, partition);
}

TEST(RecordCodecTest, EqualValueListsAndOnlyThoseEncodeEqually) {
  EXPECT_EQ(EncodeValues({"a", "b"}), EncodeValues({"a", "b"}));
  EXPECT_NE(EncodeValues({"ab"}), EncodeValues({"a", "b"}));
  EXPECT_NE(EncodeValues({"a", ""}), EncodeValues({"a"}));
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> values, DecodeValues(EncodeValues({"x", "y"})));
  EXPECT_EQ(values, (std::vector<std::string>{"x", "y"}));
}

TEST(RecordCodecTest, TruncatedOrForeignBytesAreCorruption) {
  const std::string bytes = EncodeTable(TableDefinition{.name = "t", .storage = FullStorage()});
  for (size_t size = 0; size < bytes.size(); ++size) {
    EXPECT_STATUS(StatusCode::kCorruption, DecodeTable(bytes.substr(0, size)).status());
  }
  EXPECT_STATUS(StatusCode::kCorruption, DecodeTable(bytes + "x").status());
  std::string future = bytes;
  future[0] = '\x02';  // A format version this build does not know.
  EXPECT_STATUS(StatusCode::kCorruption, DecodeTable(future).status());
}

}  // namespace
}  // namespace stratus::glue
