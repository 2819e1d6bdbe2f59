#include "base/utf8.h"

#include "sql/functions/utf8_internal.h"

namespace stratus::sql::functions {

size_t CountCodePoints(std::string_view text) {
  size_t count = 0;
  for (char c : text) {
    count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }
  return count;
}

size_t CodePointOffset(std::string_view text, size_t index) {
  size_t pos = 0;
  for (size_t i = 0; i < index && pos < text.size(); ++i) {
    pos += Utf8Length(static_cast<unsigned char>(text[pos]));
  }
  return std::min(pos, text.size());
}

char32_t DecodeCodePoint(std::string_view text, size_t* pos) {
  const auto lead = static_cast<unsigned char>(text[*pos]);
  const size_t length = Utf8Length(lead);
  if (length == 1 || *pos + length > text.size()) {
    ++*pos;
    return lead;
  }
  char32_t code_point = lead & (0xFF >> (length + 1));
  for (size_t i = 1; i < length; ++i) {
    code_point = (code_point << 6) | (static_cast<unsigned char>(text[*pos + i]) & 0x3F);
  }
  *pos += length;
  return code_point;
}

void AppendCodePoint(std::string* out, char32_t code_point) {
  AppendUtf8(*out, code_point);
}

}  // namespace stratus::sql::functions
