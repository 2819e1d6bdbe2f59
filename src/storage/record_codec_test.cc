#include "storage/record_codec.h"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace stratus::storage {
namespace {

TEST(RecordCodecTest, FieldsReadBackAsWritten) {
  RecordWriter writer(7);
  writer.Varint(300);
  writer.Int(-5);
  writer.Int(std::numeric_limits<int64_t>::min());
  writer.Bool(true);
  writer.String("hello");
  writer.String("");
  const std::string bytes = writer.Take();

  RecordReader reader(bytes, "test");
  ASSERT_TRUE(reader.Format(7).ok());
  EXPECT_EQ(reader.Varint().value(), 300U);
  EXPECT_EQ(reader.Int().value(), -5);
  EXPECT_EQ(reader.Int().value(), std::numeric_limits<int64_t>::min());
  EXPECT_TRUE(reader.Bool().value());
  EXPECT_EQ(reader.String().value(), "hello");
  EXPECT_EQ(reader.String().value(), "");
  EXPECT_TRUE(reader.End().ok());
}

TEST(RecordCodecTest, StringListsReadBackAsWritten) {
  RecordWriter writer(1);
  writer.Strings({"a", "", "bc"});
  writer.Strings({});
  const std::string bytes = writer.Take();
  EXPECT_EQ(bytes, std::string("\x01\x03\x01"
                               "a\x00\x02"
                               "bc\x00",
                               9));

  RecordReader reader(bytes, "test");
  ASSERT_TRUE(reader.Format(1).ok());
  EXPECT_EQ(reader.Strings().value(), (std::vector<std::string>{"a", "", "bc"}));
  EXPECT_TRUE(reader.Strings().value().empty());
  EXPECT_TRUE(reader.End().ok());
}

TEST(RecordCodecTest, OptionalValuesReadBackAsWritten) {
  RecordWriter writer(1);
  auto write_int = [&writer](int64_t value) {
    writer.Int(value);
  };
  writer.Optional(std::optional<int64_t>(-2), write_int);
  writer.Optional(std::optional<int64_t>(), write_int);
  const std::string bytes = writer.Take();
  EXPECT_EQ(bytes, std::string("\x01\x01\x03\x00", 4));

  RecordReader reader(bytes, "test");
  ASSERT_TRUE(reader.Format(1).ok());
  auto read_int = [&reader] {
    return reader.Int();
  };
  EXPECT_EQ(reader.Optional<int64_t>(read_int).value(), std::optional<int64_t>(-2));
  EXPECT_EQ(reader.Optional<int64_t>(read_int).value(), std::nullopt);
  EXPECT_TRUE(reader.End().ok());
}

TEST(RecordCodecTest, CutShortOrMalformedRecordsAreCorruption) {
  RecordWriter writer(1);
  writer.String("abcdef");
  const std::string bytes = writer.Take();
  for (size_t size = 0; size < bytes.size(); ++size) {
    RecordReader reader(std::string_view(bytes).substr(0, size), "test");
    Status status = reader.Format(1);
    if (status.ok()) {
      status = reader.String().status();
    }
    EXPECT_EQ(status.code(), StatusCode::kCorruption) << size;
  }
  RecordReader wrong_format(bytes, "test");
  EXPECT_EQ(wrong_format.Format(2).message(), "test record has an unknown format version");
  const std::string bad_bool = std::string("\1\2", 2);
  RecordReader reader(bad_bool, "test");
  ASSERT_TRUE(reader.Format(1).ok());
  EXPECT_EQ(reader.Bool().status().message(), "test record is malformed");
  const std::string huge_count = std::string("\1\xff\xff\x03", 4);
  RecordReader counts(huge_count, "test");
  ASSERT_TRUE(counts.Format(1).ok());
  EXPECT_EQ(counts.Count().status().code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace stratus::storage
