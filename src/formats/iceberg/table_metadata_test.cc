#include "formats/iceberg/table_metadata.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "formats/iceberg/table_loader.h"
#include "testing/status_matchers.h"

namespace stratus::formats::iceberg {
namespace {

// What Athena wrote for CREATE TABLE + INSERT (icebird/athena/example, 00001).
constexpr std::string_view kAthenaMetadata = R"({
  "format-version" : 2,
  "table-uuid" : "82207f47-010d-4865-90f8-c563cc85cb5b",
  "location" : "s3://hyperparam-iceberg/athena/example",
  "last-sequence-number" : 1,
  "last-updated-ms" : 1743474984216,
  "last-column-id" : 2,
  "current-schema-id" : 0,
  "schemas" : [ {
    "type" : "struct",
    "schema-id" : 0,
    "fields" : [ {"id" : 1, "name" : "id", "required" : false, "type" : "int"},
                 {"id" : 2, "name" : "name", "required" : false, "type" : "string"} ]
  } ],
  "default-spec-id" : 0,
  "partition-specs" : [ { "spec-id" : 0, "fields" : [ ] } ],
  "last-partition-id" : 999,
  "default-sort-order-id" : 0,
  "sort-orders" : [ { "order-id" : 0, "fields" : [ ] } ],
  "properties" : {
    "write.format.default" : "PARQUET",
    "write.object-storage.enabled" : "true",
    "write.object-storage.path" : "s3://hyperparam-iceberg/athena/example/data",
    "write.parquet.compression-codec" : "zstd"
  },
  "current-snapshot-id" : 6838723292707092922,
  "refs" : { "main" : { "snapshot-id" : 6838723292707092922, "type" : "branch" } },
  "snapshots" : [ {
    "sequence-number" : 1,
    "snapshot-id" : 6838723292707092922,
    "timestamp-ms" : 1743474984216,
    "summary" : {
      "operation" : "append",
      "trino_query_id" : "20250401_023623_00108_u4nkm",
      "added-data-files" : "1",
      "added-records" : "2",
      "total-records" : "2"
    },
    "manifest-list" : "s3://hyperparam-iceberg/athena/example/metadata/snap-6838723292707092922-1-3d82674b-df1e-49b5-a7a9-05b61567065a.avro",
    "schema-id" : 0
  } ],
  "statistics" : [ ],
  "snapshot-log" : [ { "timestamp-ms" : 1743474984216, "snapshot-id" : 6838723292707092922 } ],
  "metadata-log" : [ {
    "timestamp-ms" : 1743474980940,
    "metadata-file" : "s3://hyperparam-iceberg/athena/example/metadata/00000-eedf51e6-8c09-463b-8850-844ee6ec1de0.metadata.json"
  } ]
})";

constexpr std::string_view kV1Metadata = R"({
  "format-version" : 1,
  "table-uuid" : "d20125c8-7284-442c-9aea-15fee620737c",
  "location" : "s3://bucket/test/location",
  "last-updated-ms" : 1602638573874,
  "last-column-id" : 3,
  "schema" : {
    "type" : "struct",
    "fields" : [ {"id" : 1, "name" : "x", "required" : true, "type" : "long"},
                 {"id" : 2, "name" : "y", "required" : true, "type" : "long", "doc" : "comment"},
                 {"id" : 3, "name" : "z", "required" : true, "type" : "long"} ]
  },
  "partition-spec" : [ {"name" : "x", "transform" : "identity", "source-id" : 1, "field-id" : 1000} ],
  "properties" : { },
  "current-snapshot-id" : -1,
  "snapshots" : [ ]
})";

TEST(TableMetadataTest, ParsesWhatAthenaWrites) {
  ASSERT_OK_AND_ASSIGN(TableMetadata metadata, ParseTableMetadata(kAthenaMetadata));
  EXPECT_EQ(metadata.format_version, 2);
  EXPECT_EQ(metadata.location, "s3://hyperparam-iceberg/athena/example");
  EXPECT_EQ(metadata.current_schema().fields.size(), 2u);
  EXPECT_TRUE(metadata.default_spec().is_unpartitioned());
  EXPECT_EQ(metadata.last_partition_id, 999);
  ASSERT_NE(metadata.current_snapshot(), nullptr);
  EXPECT_EQ(metadata.current_snapshot()->operation, "append");
  ASSERT_NE(metadata.current_snapshot()->FindSummary("trino_query_id"), nullptr);
  EXPECT_EQ(metadata.refs.at("main").snapshot_id, 6838723292707092922);
  EXPECT_EQ(metadata.Property("write.parquet.compression-codec"), "zstd");
  EXPECT_EQ(metadata.metadata_log.size(), 1u);
}

TEST(TableMetadataTest, SerializedMetadataParsesBackTheSame) {
  ASSERT_OK_AND_ASSIGN(TableMetadata metadata, ParseTableMetadata(kAthenaMetadata));
  const std::string json = SerializeTableMetadata(metadata);
  for (const char* field :
       {"format-version", "table-uuid", "location", "last-sequence-number", "last-updated-ms",
        "last-column-id", "schemas", "current-schema-id", "partition-specs", "default-spec-id",
        "last-partition-id", "properties", "current-snapshot-id", "snapshots", "snapshot-log",
        "metadata-log", "sort-orders", "default-sort-order-id", "refs"}) {
    EXPECT_THAT(json, ::testing::HasSubstr(std::string("\"") + field + "\"")) << field;
  }
  ASSERT_OK_AND_ASSIGN(TableMetadata back, ParseTableMetadata(json));
  EXPECT_EQ(SerializeTableMetadata(back), json);
  EXPECT_EQ(back.schemas, metadata.schemas);
  EXPECT_EQ(back.snapshots[0].summary, metadata.snapshots[0].summary);
  EXPECT_EQ(back.current_snapshot_id, metadata.current_snapshot_id);
}

TEST(TableMetadataTest, ReadsVersionOneMetadata) {
  ASSERT_OK_AND_ASSIGN(TableMetadata metadata, ParseTableMetadata(kV1Metadata));
  EXPECT_EQ(metadata.format_version, 1);
  EXPECT_EQ(metadata.current_schema().fields[1].doc, "comment");
  ASSERT_EQ(metadata.default_spec().fields.size(), 1u);
  EXPECT_EQ(metadata.default_spec().fields[0].field_id, 1000);
  EXPECT_EQ(metadata.last_partition_id, 1000);
  EXPECT_EQ(metadata.current_snapshot(), nullptr);
  // Written back as v2.
  EXPECT_THAT(SerializeTableMetadata(metadata), ::testing::HasSubstr(R"("format-version": 2)"));
}

TEST(TableMetadataTest, BrokenMetadataIsCorruption) {
  EXPECT_STATUS(StatusCode::kCorruption, ParseTableMetadata("{").status());
  EXPECT_STATUS(StatusCode::kCorruption, ParseTableMetadata(R"({"format-version": 2})").status());
  std::string dangling(kAthenaMetadata);
  dangling.replace(dangling.find("\"current-schema-id\" : 0"), 23, "\"current-schema-id\" : 7");
  EXPECT_STATUS(StatusCode::kCorruption, ParseTableMetadata(dangling).status());
}

TEST(TableMetadataTest, SnapshotsResolveByIdAndByTime) {
  ASSERT_OK_AND_ASSIGN(TableMetadata metadata, ParseTableMetadata(kAthenaMetadata));
  ASSERT_OK_AND_ASSIGN(const Snapshot* current,
                       ResolveSnapshot(metadata, SnapshotSelector::Current()));
  ASSERT_NE(current, nullptr);
  ASSERT_OK_AND_ASSIGN(const Snapshot* by_id,
                       ResolveSnapshot(metadata, SnapshotSelector::ById(6838723292707092922)));
  EXPECT_EQ(by_id, current);
  ASSERT_OK_AND_ASSIGN(const Snapshot* as_of,
                       ResolveSnapshot(metadata, SnapshotSelector::AsOf(1743474984216)));
  EXPECT_EQ(as_of, current);
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                ResolveSnapshot(metadata, SnapshotSelector::AsOf(1743474984215)).status());
  EXPECT_STATUS(StatusCode::kNotFound,
                ResolveSnapshot(metadata, SnapshotSelector::ById(42)).status());
}

}  // namespace
}  // namespace stratus::formats::iceberg
