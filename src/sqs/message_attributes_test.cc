#include "sqs/message_attributes.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace stratus::sqs {
namespace {

// Expected digests come from an independent implementation of AWS's
// algorithm (moto.sqs.models.Message.attribute_md5), computed with
//   m.message_attributes = {...}; print(m.attribute_md5)
TEST(MessageAttributesTest, DigestMatchesReferenceForStringBinaryAndNumber) {
  const MessageAttributes attributes = {
      {"a", {.data_type = "String", .value = "x"}},
      {"b", {.data_type = "Binary", .value = std::string("\x00\x01", 2)}},
      {"n", {.data_type = "Number", .value = "12"}},
  };
  EXPECT_EQ(Md5OfMessageAttributes(attributes), "f67a13c367c670df78d99c7dfb30afb7");
}

TEST(MessageAttributesTest, DigestMatchesReferenceForCustomTypesAndUnicode) {
  const MessageAttributes attributes = {
      {"trace", {.data_type = "String", .value = "Root=1-5759e988-bd862e3fe1be46a994272793"}},
      {"price", {.data_type = "Number.float", .value = "3.14"}},
      {"blob",
       {.data_type = "Binary.gz",
        .value = std::string("\xff\xfe\x00"
                             "bin",
                             6)}},
      {"unicode", {.data_type = "String", .value = "h\xc3\xa9llo \xe2\x9c\x93"}},
  };
  EXPECT_EQ(Md5OfMessageAttributes(attributes), "67dccf87ab50e79b4d0b4bdd4d2b5211");
}

TEST(MessageAttributesTest, DigestOfTraceHeaderSystemAttribute) {
  const MessageAttributes attributes = {
      {"AWSTraceHeader",
       {.data_type = "String",
        .value = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"}}};
  EXPECT_EQ(Md5OfMessageAttributes(attributes), "5ae4d5d7636402d80f4eb6d213245a88");
}

TEST(MessageAttributesTest, NoAttributesHaveNoDigest) {
  EXPECT_EQ(Md5OfMessageAttributes({}), "");
}

TEST(MessageAttributesTest, EncodingRoundTrips) {
  const MessageAttributes attributes = {
      {"b", {.data_type = "Binary", .value = std::string("\x00\x01\x02", 3)}},
      {"s", {.data_type = "String.custom", .value = "value"}},
  };
  ASSERT_OK_AND_ASSIGN(MessageAttributes decoded,
                       DecodeMessageAttributes(EncodeMessageAttributes(attributes)));
  EXPECT_EQ(decoded, attributes);
}

TEST(MessageAttributesTest, EncodingIsTheLengthPrefixedCanonicalForm) {
  const MessageAttributes attributes = {{"k", {.data_type = "String", .value = "v"}}};
  const std::string expected("\0\0\0\1k\0\0\0\6String\1\0\0\0\1v", 21);
  EXPECT_EQ(EncodeMessageAttributes(attributes), expected);
}

TEST(MessageAttributesTest, TruncatedEncodingIsCorruption) {
  const std::string encoded =
      EncodeMessageAttributes({{"k", {.data_type = "String", .value = "value"}}});
  EXPECT_STATUS(StatusCode::kCorruption,
                DecodeMessageAttributes(std::string_view(encoded).substr(0, encoded.size() - 1)));
}

TEST(MessageAttributesTest, SizeCountsNamesTypesAndValues) {
  EXPECT_EQ(MessageAttributesSize({{"ab", {.data_type = "String", .value = "xyz"}}}), 11u);
}

}  // namespace
}  // namespace stratus::sqs
