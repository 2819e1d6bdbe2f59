#include "base/json_escape.h"

#include <string>

#include <gtest/gtest.h>

#include "base/json.h"

namespace stratus {
namespace {

std::string Escaped(std::string_view text) {
  std::string out;
  AppendJsonEscaped(out, text);
  return out;
}

TEST(JsonEscapeTest, EscapesQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(Escaped("plain text"), "plain text");
  EXPECT_EQ(Escaped("a\"b\\c"), "a\\\"b\\\\c");
  EXPECT_EQ(Escaped("\b\f\n\r\t"), "\\b\\f\\n\\r\\t");
  EXPECT_EQ(Escaped(std::string("\x00\x01\x1f", 3)), "\\u0000\\u0001\\u001f");
  EXPECT_EQ(Escaped("\x7f é ✓"), "\x7f é ✓");
}

TEST(JsonEscapeTest, WritesEveryByteBelow0x80AsTheJsonLibraryDoes) {
  std::string ascii;
  for (int c = 0; c < 0x80; ++c) {
    ascii.push_back(static_cast<char>(c));
  }
  EXPECT_EQ("\"" + Escaped(ascii) + "\"", DumpJson(Json(ascii)));
}

}  // namespace
}  // namespace stratus
