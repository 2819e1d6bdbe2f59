#include "connectors/mysql/text_row_encoder.h"

#include <cstring>
#include <utility>

namespace stratus::connectors::mysql {
namespace {

// MariaDB's ESCAPE_CHARS: an enclosing character among them is doubled, not
// escaped (an escape before it would read as \n, \t, ...).
constexpr std::string_view kAmbiguousChars = "ntrb0ZN";
// MariaDB's NUMERIC_CHARS: with an enclosing character among them, numbers
// are escaped too.
constexpr std::string_view kNumericChars = ".0123456789e+-";

}  // namespace

TextRowEncoder::TextRowEncoder(TextFileOptions options) : options_(std::move(options)) {
  if (options_.lines_terminated_by.empty()) {
    options_.lines_terminated_by = options_.fields_terminated_by;
  }
  if (options_.escaped_by.empty()) {
    return;
  }
  const auto first = [](std::string_view chars) {
    return chars.empty() ? -1 : static_cast<int>(static_cast<unsigned char>(chars[0]));
  };
  const int escape = first(options_.escaped_by);
  const int field_term = first(options_.fields_terminated_by);
  const int enclosure = options_.enclosed_by.empty() ? field_term : first(options_.enclosed_by);
  const int line_term = first(options_.lines_terminated_by);
  for (bool* table : {must_escape_enclosed_, must_escape_bare_}) {
    table[escape] = true;
    table[0] = true;
    if (line_term >= 0) {
      table[line_term] = true;
    }
  }
  if (enclosure >= 0) {
    must_escape_enclosed_[enclosure] = true;
  }
  // A field terminator among the ambiguous or numeric characters is left
  // as it is in a field that is not enclosed (an escape before it would
  // change what it reads as).
  if (field_term >= 0) {
    const char c = static_cast<char>(field_term);
    must_escape_bare_[field_term] = kAmbiguousChars.find(c) == std::string_view::npos &&
                                    kNumericChars.find(c) == std::string_view::npos;
  }
  const bool ambiguous = enclosure >= 0 && kAmbiguousChars.find(static_cast<char>(enclosure)) !=
                                               std::string_view::npos;
  enclosure_prefix_ = ambiguous ? static_cast<char>(enclosure) : static_cast<char>(escape);
  escape_numbers_ =
      enclosure >= 0 && kNumericChars.find(static_cast<char>(enclosure)) != std::string_view::npos;
}

void TextRowEncoder::AppendRow(std::span<const FieldValue> fields, std::string* out) const {
  out->append(options_.lines_starting_by);
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) {
      out->append(options_.fields_terminated_by);
    }
    AppendField(fields[i], out);
  }
  out->append(options_.lines_terminated_by);
}

void TextRowEncoder::AppendField(const FieldValue& field, std::string* out) const {
  if (field.is_null) {
    if (options_.escaped_by.empty()) {
      out->append("NULL");
    } else {
      out->push_back(options_.escaped_by[0]);
      out->push_back('N');
    }
    return;
  }
  const bool enclose =
      !options_.enclosed_by.empty() && !(options_.optionally_enclosed && field.numeric);
  if (enclose) {
    out->append(options_.enclosed_by);
  }
  if (options_.escaped_by.empty() || (field.numeric && !escape_numbers_)) {
    out->append(field.bytes);
  } else {
    AppendEscaped(field.bytes, enclose, out);
  }
  if (enclose) {
    out->append(options_.enclosed_by);
  }
}

void TextRowEncoder::AppendEscaped(std::string_view bytes, bool enclosed, std::string* out) const {
  const bool* must_escape = enclosed ? must_escape_enclosed_ : must_escape_bare_;
  const char escape = options_.escaped_by[0];
  const char enclosure = enclosed ? options_.enclosed_by[0] : 0;
  size_t plain = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    const char c = bytes[i];
    if (!must_escape[static_cast<unsigned char>(c)]) {
      continue;
    }
    out->append(bytes.substr(plain, i - plain));
    out->push_back(enclosed && c == enclosure ? enclosure_prefix_ : escape);
    out->push_back(c == '\0' ? '0' : c);
    plain = i + 1;
  }
  out->append(bytes.substr(plain));
}

}  // namespace stratus::connectors::mysql
