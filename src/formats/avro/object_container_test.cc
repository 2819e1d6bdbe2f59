#include "formats/avro/object_container.h"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace stratus::formats::avro {
namespace {

constexpr std::string_view kSchema = R"({
  "type": "record", "name": "entry", "fields": [
    {"name": "id", "type": "long"},
    {"name": "name", "type": ["null", "string"], "default": null},
    {"name": "flag", "type": "boolean"},
    {"name": "ratio", "type": "double"},
    {"name": "small", "type": "int"},
    {"name": "raw", "type": "bytes"},
    {"name": "tags", "type": {"type": "array", "items": "string"}},
    {"name": "sizes", "type": {"type": "map", "values": "long"}},
    {"name": "inner", "type": ["null", {"type": "record", "name": "r2", "fields": [
      {"name": "x", "type": "int"}]}]}
  ]})";

AvroValue MakeRecord(int64_t id, bool with_name) {
  AvroValue record = AvroValue::Record();
  record.Add("id", AvroValue::Long(id))
      .Add("name", with_name ? AvroValue::String("row " + std::to_string(id)) : AvroValue::Null())
      .Add("flag", AvroValue::Boolean(id % 2 == 0))
      .Add("ratio", AvroValue::Double(static_cast<double>(id) / 4))
      .Add("small", AvroValue::Int(static_cast<int32_t>(-id)))
      .Add("raw", AvroValue::Bytes(std::string("\0\x01\xff", 3)))
      .Add("tags", AvroValue::Array({AvroValue::String("a"), AvroValue::String("b")}))
      .Add("sizes", AvroValue::Map({"k1", "k2"}, {AvroValue::Long(1), AvroValue::Long(id)}));
  AvroValue inner = AvroValue::Record();
  inner.Add("x", AvroValue::Int(7));
  record.Add("inner", with_name ? inner : AvroValue::Null());
  return record;
}

void ExpectRecordsMatch(const std::vector<AvroValue>& records) {
  ASSERT_EQ(records.size(), 300u);
  for (size_t i = 0; i < records.size(); ++i) {
    const AvroValue& record = records[i];
    const auto id = static_cast<int64_t>(i);
    ASSERT_EQ(record.kind, AvroKind::kRecord);
    EXPECT_EQ(record.Find("id")->number, id);
    if (i % 3 == 0) {
      EXPECT_TRUE(record.Find("name")->is_null());
      EXPECT_TRUE(record.Find("inner")->is_null());
    } else {
      EXPECT_EQ(record.Find("name")->bytes, "row " + std::to_string(i));
      EXPECT_EQ(record.Find("inner")->Find("x")->number, 7);
    }
    EXPECT_EQ(record.Find("flag")->boolean, i % 2 == 0);
    EXPECT_DOUBLE_EQ(record.Find("ratio")->real, static_cast<double>(i) / 4);
    EXPECT_EQ(record.Find("small")->number, -id);
    EXPECT_EQ(record.Find("raw")->bytes, std::string("\0\x01\xff", 3));
    ASSERT_EQ(record.Find("tags")->items.size(), 2u);
    EXPECT_EQ(record.Find("tags")->items[1].bytes, "b");
    EXPECT_EQ(record.Find("sizes")->Find("k2")->number, id);
  }
}

class ObjectContainerTest : public ::testing::TestWithParam<AvroCodec> {};

TEST_P(ObjectContainerTest, WrittenFileReadsBackWithMetadataAndRecords) {
  std::vector<AvroValue> records;
  for (int64_t i = 0; i < 300; ++i) {
    records.push_back(MakeRecord(i, i % 3 != 0));
  }
  AvroWriteOptions options{.codec = GetParam(),
                           .metadata = {{"format-version", "2"}, {"content", "data"}},
                           .block_bytes = 1024};
  ASSERT_OK_AND_ASSIGN(std::string bytes, WriteAvroFile(kSchema, records, options));
  ASSERT_OK_AND_ASSIGN(AvroFile file, ReadAvroFile(bytes));
  EXPECT_EQ(file.codec, GetParam());
  EXPECT_EQ(file.schema_json, kSchema);
  ASSERT_NE(file.FindMetadata("format-version"), nullptr);
  EXPECT_EQ(*file.FindMetadata("format-version"), "2");
  EXPECT_EQ(*file.FindMetadata("content"), "data");
  ExpectRecordsMatch(file.records);
}

INSTANTIATE_TEST_SUITE_P(Codecs,
                         ObjectContainerTest,
                         ::testing::Values(AvroCodec::kNull,
                                           AvroCodec::kDeflate,
                                           AvroCodec::kSnappy,
                                           AvroCodec::kZstandard));

TEST(ObjectContainerErrorsTest, RecordThatDoesNotFitTheSchemaIsInvalidArgument) {
  AvroValue record = AvroValue::Record();
  record.Add("id", AvroValue::String("not a long"));
  std::vector<AvroValue> records = {record};
  EXPECT_STATUS(StatusCode::kInvalidArgument, WriteAvroFile(kSchema, records).status());
}

TEST(ObjectContainerErrorsTest, TruncatedOrCorruptFilesAreErrorsNotCrashes) {
  std::vector<AvroValue> records;
  for (int64_t i = 0; i < 20; ++i) {
    records.push_back(MakeRecord(i, true));
  }
  ASSERT_OK_AND_ASSIGN(std::string bytes, WriteAvroFile(kSchema, records));
  for (size_t cut = 0; cut < bytes.size(); cut += 7) {
    EXPECT_FALSE(ReadAvroFile(bytes.substr(0, cut)).ok()) << "cut at " << cut;
  }
  std::string flipped = bytes;
  flipped[flipped.size() - 20] ^= 0x5a;
  EXPECT_FALSE(ReadAvroFile(flipped).ok());
  EXPECT_STATUS(StatusCode::kCorruption, ReadAvroFile("not avro").status());
}

}  // namespace
}  // namespace stratus::formats::avro
