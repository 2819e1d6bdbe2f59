#include "connectors/mysql/text_row_encoder.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace stratus::connectors::mysql {
namespace {

std::string Encode(const TextFileOptions& options, const std::vector<FieldValue>& fields) {
  std::string out;
  TextRowEncoder(options).AppendRow(fields, &out);
  return out;
}

FieldValue Text(std::string_view bytes) {
  return FieldValue{.bytes = bytes, .is_null = false, .numeric = false};
}

FieldValue Number(std::string_view bytes) {
  return FieldValue{.bytes = bytes, .is_null = false, .numeric = true};
}

constexpr FieldValue kNull{.bytes = {}, .is_null = true, .numeric = false};

TEST(TextRowEncoderTest, TextFormatIsTabSeparatedWithBackslashEscapes) {
  EXPECT_EQ(Encode({}, {Number("1"), Text("a\tb"), kNull, Text("x\ny"), Text("c:\\")}),
            "1\ta\\\tb\t\\N\tx\\\ny\tc:\\\\\n");
  EXPECT_EQ(Encode({}, {Text(std::string_view("a\0b", 3))}), "a\\0b\n");
}

TEST(TextRowEncoderTest, CustomTerminatorsEscapeTheirFirstCharacter) {
  TextFileOptions options{
      .fields_terminated_by = ",", .lines_starting_by = "> ", .lines_terminated_by = "\r\n"};
  EXPECT_EQ(Encode(options, {Text("a,b"), Text("c\rd"), Text("e\nf")}), "> a\\,b,c\\\rd,e\nf\r\n");
}

TEST(TextRowEncoderTest, EnclosedFieldsEscapeTheEnclosureTheEscapeAndTheLineTerminator) {
  TextFileOptions options{.fields_terminated_by = ",", .enclosed_by = "\""};
  EXPECT_EQ(Encode(options, {Number("1"), Text("a,\"b\"\n"), kNull}),
            "\"1\",\"a,\\\"b\\\"\\\n\",\\N\n");
  options.optionally_enclosed = true;
  EXPECT_EQ(Encode(options, {Number("1.5"), Text("x")}), "1.5,\"x\"\n");
}

TEST(TextRowEncoderTest, NumbersAreNeitherEnclosedOptionallyNorEscaped) {
  TextFileOptions options{.fields_terminated_by = "-", .lines_terminated_by = "\n"};
  // A numeric terminator is left alone even in strings.
  EXPECT_EQ(Encode(options, {Number("-1"), Text("a-b\n")}), "-1-a-b\\\n\n");
  options.fields_terminated_by = ",";
  options.enclosed_by = "'";
  options.optionally_enclosed = true;
  EXPECT_EQ(Encode(options, {Number("1\n"), Text("x'")}), "1\n,'x\\''\n");
}

TEST(TextRowEncoderTest, AnAmbiguousEnclosureIsDoubledAndAnEmptyLineTerminatorIsTheFieldOne) {
  TextFileOptions options{.fields_terminated_by = ";", .enclosed_by = "Z"};
  options.lines_terminated_by = "";
  EXPECT_EQ(Encode(options, {Text("aZb;c")}), "ZaZZb\\;cZ;");
}

TEST(TextRowEncoderTest, WithoutAnEscapeNothingIsEscapedAndNullIsAWord) {
  TextFileOptions options{.fields_terminated_by = ",", .escaped_by = ""};
  EXPECT_EQ(Encode(options, {Text("a,b\\"), kNull}), "a,b\\,NULL\n");
}

}  // namespace
}  // namespace stratus::connectors::mysql
