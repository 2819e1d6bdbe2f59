#include "states/jsonata/utf8_internal.h"

namespace stratus::states::jsonata {
namespace {

// Decodes the code point at `i`, advancing it; returns U+FFFD for a bad byte.
char32_t DecodeOne(std::string_view text, size_t& i, bool* valid) {
  const auto byte = static_cast<unsigned char>(text[i]);
  int length = 0;
  char32_t code_point = 0;
  if (byte < 0x80) {
    ++i;
    return byte;
  }
  if ((byte & 0xE0) == 0xC0) {
    length = 2;
    code_point = byte & 0x1F;
  } else if ((byte & 0xF0) == 0xE0) {
    length = 3;
    code_point = byte & 0x0F;
  } else if ((byte & 0xF8) == 0xF0) {
    length = 4;
    code_point = byte & 0x07;
  } else {
    ++i;
    *valid = false;
    return 0xFFFD;
  }
  if (i + static_cast<size_t>(length) > text.size()) {
    ++i;
    *valid = false;
    return 0xFFFD;
  }
  for (int k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[i + static_cast<size_t>(k)]);
    if ((next & 0xC0) != 0x80) {
      ++i;
      *valid = false;
      return 0xFFFD;
    }
    code_point = (code_point << 6) | (next & 0x3F);
  }
  i += static_cast<size_t>(length);
  return code_point;
}

char32_t UpperOf(char32_t c) {
  if (c >= 'a' && c <= 'z') {
    return c - 32;
  }
  if (c < 0x80) {
    return c;
  }
  if (c >= 0xE0 && c <= 0xFE && c != 0xF7) {
    return c - 32;
  }
  if (c == 0xFF) {
    return 0x178;
  }
  if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 && c != 0x138 && c != 0x149) {
    // Latin Extended-A pairs: even upper, odd lower (with a shifted block).
    const bool shifted = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
    if (shifted ? (c % 2 == 0) : (c % 2 == 1)) {
      return c - 1;
    }
    return c;
  }
  if (c == 0x3C2) {
    return 0x3A3;
  }
  if (c >= 0x3B1 && c <= 0x3C9) {
    return c - 32;
  }
  if (c >= 0x430 && c <= 0x44F) {
    return c - 32;
  }
  if (c >= 0x450 && c <= 0x45F) {
    return c - 80;
  }
  return c;
}

char32_t LowerOf(char32_t c) {
  if (c >= 'A' && c <= 'Z') {
    return c + 32;
  }
  if (c < 0x80) {
    return c;
  }
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) {
    return c + 32;
  }
  if (c == 0x178) {
    return 0xFF;
  }
  if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 && c != 0x138 && c != 0x149) {
    const bool shifted = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
    if (shifted ? (c % 2 == 1) : (c % 2 == 0)) {
      return c + 1;
    }
    return c;
  }
  if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) {
    return c + 32;
  }
  if (c >= 0x410 && c <= 0x42F) {
    return c + 32;
  }
  if (c >= 0x400 && c <= 0x40F) {
    return c + 80;
  }
  return c;
}

}  // namespace

std::u32string DecodeUtf8(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  bool valid = true;
  for (size_t i = 0; i < text.size();) {
    out.push_back(DecodeOne(text, i, &valid));
  }
  return out;
}

std::string EncodeUtf8(std::u32string_view code_points) {
  std::string out;
  out.reserve(code_points.size());
  for (char32_t c : code_points) {
    AppendUtf8(out, c);
  }
  return out;
}

size_t CodePointOffset(std::string_view text, size_t bytes) {
  size_t count = 0;
  for (size_t i = 0; i < bytes && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++count;
    }
  }
  return count;
}

bool IsValidUtf8(std::string_view text) {
  bool valid = true;
  for (size_t i = 0; i < text.size() && valid;) {
    DecodeOne(text, i, &valid);
  }
  return valid;
}

std::string ToUpperUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool valid = true;
  for (size_t i = 0; i < text.size();) {
    const char32_t c = DecodeOne(text, i, &valid);
    if (c == 0xDF) {
      out += "SS";
    } else {
      AppendUtf8(out, UpperOf(c));
    }
  }
  return out;
}

std::string ToLowerUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool valid = true;
  for (size_t i = 0; i < text.size();) {
    AppendUtf8(out, LowerOf(DecodeOne(text, i, &valid)));
  }
  return out;
}

}  // namespace stratus::states::jsonata
