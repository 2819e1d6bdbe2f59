#include "connectors/mysql/text_row_encoder.h"

#include <utility>

namespace stratus::connectors::mysql {

TextRowEncoder::TextRowEncoder(TextFileOptions options) : options_(std::move(options)) {
  if (options_.escaped_by.empty()) {
    return;
  }
  auto mark = [this](std::string_view chars) {
    if (!chars.empty()) {
      must_escape_[static_cast<unsigned char>(chars[0])] = true;
    }
  };
  mark(options_.escaped_by);
  mark(options_.enclosed_by);
  if (options_.enclosed_by.empty()) {
    mark(options_.fields_terminated_by);
    mark(options_.lines_terminated_by);
  }
  must_escape_[0] = true;
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
      out->append(options_.escaped_by);
      out->push_back('N');
    }
    return;
  }
  const bool enclose =
      !options_.enclosed_by.empty() && !(options_.optionally_enclosed && field.numeric);
  if (enclose) {
    out->append(options_.enclosed_by);
  }
  if (options_.escaped_by.empty()) {
    out->append(field.bytes);
  } else {
    const char escape = options_.escaped_by[0];
    size_t plain = 0;
    for (size_t i = 0; i < field.bytes.size(); ++i) {
      const char c = field.bytes[i];
      if (!must_escape_[static_cast<unsigned char>(c)]) {
        continue;
      }
      out->append(field.bytes.substr(plain, i - plain));
      out->push_back(escape);
      out->push_back(c == '\0' ? '0' : c);
      plain = i + 1;
    }
    out->append(field.bytes.substr(plain));
  }
  if (enclose) {
    out->append(options_.enclosed_by);
  }
}

}  // namespace stratus::connectors::mysql
