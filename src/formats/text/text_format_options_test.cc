#include "formats/text/text_format_options.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace stratus::formats::text {
namespace {

TEST(TextFormatOptionsTest, LazySimpleDefaultsAreHives) {
  ASSERT_OK_AND_ASSIGN(TextFormatOptions options, TextFormatOptionsFromProperties("", {}, {}));
  EXPECT_EQ(options.serde, TextSerde::kLazySimple);
  EXPECT_EQ(options.field_delimiter, '\x01');
  EXPECT_EQ(options.collection_delimiter, '\x02');
  EXPECT_EQ(options.map_key_delimiter, '\x03');
  EXPECT_EQ(options.escape, std::nullopt);
  EXPECT_EQ(options.null_format, "\\N");
  EXPECT_EQ(options.skip_header_lines, 0);
}

TEST(TextFormatOptionsTest, ReadsJsonSerdes) {
  for (const std::string_view library :
       {kOpenxJsonSerdeLibrary, kHcatalogJsonSerdeLibrary, kHiveJsonSerdeLibrary}) {
    ASSERT_OK_AND_ASSIGN(TextFormatOptions options,
                         TextFormatOptionsFromProperties(library, {}, {}));
    EXPECT_EQ(options.serde, TextSerde::kJson);
    EXPECT_TRUE(options.json_case_insensitive);
    EXPECT_FALSE(options.json_ignore_malformed);
  }
  ASSERT_OK_AND_ASSIGN(
      TextFormatOptions options,
      TextFormatOptionsFromProperties(
          kOpenxJsonSerdeLibrary,
          {{"ignore.malformed.json", "true"}, {"mapping.When", "TS"}, {"case.insensitive", "true"}},
          {}));
  EXPECT_TRUE(options.json_ignore_malformed);
  EXPECT_EQ(options.json_key_of_column.at("when"), "ts");
}

TEST(TextFormatOptionsTest, ReadsRowFormatDelimitedAsGlueStoresIt) {
  ASSERT_OK_AND_ASSIGN(TextFormatOptions options,
                       TextFormatOptionsFromProperties(kLazySimpleSerdeLibrary,
                                                       {{"field.delim", ","},
                                                        {"serialization.format", ","},
                                                        {"escape.delim", "\\"},
                                                        {"colelction.delim", "|"},
                                                        {"mapkey.delim", ":"},
                                                        {"serialization.null.format", ""}},
                                                       {{"skip.header.line.count", "1"}}));
  EXPECT_EQ(options.field_delimiter, ',');
  EXPECT_EQ(options.escape, '\\');
  EXPECT_EQ(options.collection_delimiter, '|');
  EXPECT_EQ(options.map_key_delimiter, ':');
  EXPECT_EQ(options.null_format, "");
  EXPECT_EQ(options.skip_header_lines, 1);
}

TEST(TextFormatOptionsTest, NumericDelimitersAreByteValues) {
  ASSERT_OK_AND_ASSIGN(TextFormatOptions options,
                       TextFormatOptionsFromProperties("", {{"field.delim", "9"}}, {}));
  EXPECT_EQ(options.field_delimiter, '\t');
  ASSERT_OK_AND_ASSIGN(options, TextFormatOptionsFromProperties("", {{"field.delim", "\t"}}, {}));
  EXPECT_EQ(options.field_delimiter, '\t');
}

TEST(TextFormatOptionsTest, OpenCsvDefaultsAndChecks) {
  ASSERT_OK_AND_ASSIGN(TextFormatOptions options,
                       TextFormatOptionsFromProperties(kOpenCsvSerdeLibrary, {}, {}));
  EXPECT_EQ(options.serde, TextSerde::kOpenCsv);
  EXPECT_EQ(options.separator, ',');
  EXPECT_EQ(options.quote, '"');
  EXPECT_EQ(options.csv_escape, '\\');
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                TextFormatOptionsFromProperties(kOpenCsvSerdeLibrary,
                                                {{"separatorChar", ","}, {"quoteChar", ","}}, {}));
  EXPECT_STATUS(
      StatusCode::kNotImplemented,
      TextFormatOptionsFromProperties("org.apache.hadoop.hive.serde2.avro.AvroSerDe", {}, {}));
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                TextFormatOptionsFromProperties("", {}, {{"skip.header.line.count", "x"}}));
  EXPECT_STATUS(StatusCode::kNotImplemented,
                TextFormatOptionsFromProperties("", {{"line.delim", "\r"}}, {}));
}

}  // namespace
}  // namespace stratus::formats::text
