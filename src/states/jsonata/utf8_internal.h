#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/utf8.h"

namespace stratus::states::jsonata {

/// Decodes UTF-8 into code points; invalid bytes become U+FFFD.
std::u32string DecodeUtf8(std::string_view text);

/// Encodes code points as UTF-8.
std::string EncodeUtf8(std::u32string_view code_points);

/// Appends one code point as UTF-8.
using ::stratus::AppendUtf8;

/// Returns the number of code points in the first `bytes` bytes of `text`.
size_t CodePointOffset(std::string_view text, size_t bytes);

/// Returns true if `text` is well-formed UTF-8.
bool IsValidUtf8(std::string_view text);

/// Upper- and lower-cases ASCII, Latin-1, Greek and Cyrillic letters.
std::string ToUpperUtf8(std::string_view text);
std::string ToLowerUtf8(std::string_view text);

}  // namespace stratus::states::jsonata
