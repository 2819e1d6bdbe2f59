#pragma once

// Private to sql/functions: UTF-8 code points as string functions count them
// (Trino counts code points, not bytes, in length, substr, strpos, lpad...).
//
// Thread safety: pure functions.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace stratus::sql::functions {

/// Returns the byte length of the code point starting with `lead` (1 for stray bytes).
inline size_t Utf8Length(unsigned char lead) {
  if (lead < 0x80) {
    return 1;
  }
  if ((lead >> 5) == 0x6) {
    return 2;
  }
  if ((lead >> 4) == 0xE) {
    return 3;
  }
  if ((lead >> 3) == 0x1E) {
    return 4;
  }
  return 1;
}

/// Returns the number of code points.
size_t CountCodePoints(std::string_view text);

/// Returns the byte offset of code point `index` (0-based), or text.size() past the end.
size_t CodePointOffset(std::string_view text, size_t index);

/// Decodes the code point at text[*pos] and advances *pos.
char32_t DecodeCodePoint(std::string_view text, size_t* pos);

/// Appends a code point as UTF-8.
void AppendCodePoint(std::string* out, char32_t code_point);

}  // namespace stratus::sql::functions
