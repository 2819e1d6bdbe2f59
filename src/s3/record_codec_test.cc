#include "s3/record_codec.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace stratus::s3 {
namespace {

TEST(RecordCodecTest, AttributesRoundTrip) {
  ObjectAttributes attributes;
  attributes.system = {{"ContentType", "text/csv"}, {"CacheControl", "no-cache"}};
  attributes.user_metadata = {{"owner", "data team"}, {"empty", ""}};
  attributes.tags = {{"env", "staging"}};
  attributes.checksum_algorithm = "CRC32";
  attributes.checksum_value = "AAAAAA==";
  attributes.checksum_type = "FULL_OBJECT";
  ASSERT_OK_AND_ASSIGN(ObjectAttributes decoded, DecodeAttributes(EncodeAttributes(attributes)));
  EXPECT_EQ(decoded.system, attributes.system);
  EXPECT_EQ(decoded.user_metadata, attributes.user_metadata);
  EXPECT_EQ(decoded.tags, attributes.tags);
  EXPECT_EQ(decoded.checksum_algorithm, "CRC32");
  EXPECT_EQ(decoded.checksum_value, "AAAAAA==");
  EXPECT_EQ(decoded.checksum_type, "FULL_OBJECT");
}

TEST(RecordCodecTest, StorageRoundTrip) {
  ObjectVersion version;
  version.segments = {{.blob_id = std::string(32, 'a'), .size = 5 << 20},
                      {.blob_id = std::string(32, 'b'), .size = 7}};
  version.parts = {{.part_number = 1, .size = 5 << 20, .checksum_value = "x"},
                   {.part_number = 3, .size = 7, .checksum_value = ""}};
  ObjectVersion decoded;
  ASSERT_OK(DecodeStorage(EncodeStorage(version), &decoded));
  EXPECT_FALSE(decoded.stored_inline);
  ASSERT_EQ(decoded.segments.size(), 2u);
  EXPECT_EQ(decoded.segments[0].size, uint64_t{5} << 20);
  EXPECT_EQ(decoded.parts[1].part_number, 3);
}

TEST(RecordCodecTest, MalformedRecordsAreCorruptionNotCrashes) {
  const std::string good = EncodeAttributes(ObjectAttributes{.system = {{"A", "B"}}});
  for (size_t cut = 0; cut < good.size(); ++cut) {
    EXPECT_EQ(DecodeAttributes(good.substr(0, cut)).status().code(), StatusCode::kCorruption);
  }
  EXPECT_EQ(DecodeAttributes("\x09").status().code(), StatusCode::kCorruption);
  EXPECT_EQ(DecodeAttributes(std::string("\x01\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 11))
                .status()
                .code(),
            StatusCode::kCorruption);
  ObjectVersion version;
  EXPECT_EQ(DecodeStorage("\x01\x00\x05", &version).code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace stratus::s3
