#include "states/interpreter/csv_rows.h"

#include "base/format.h"

namespace stratus::states::interpreter {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

bool IsLineEnd(char c) {
  return c == '\n' || c == '\r';
}

}  // namespace

CsvRows::CsvRows(std::string_view text, char delimiter) : text_(text), delimiter_(delimiter) {
  if (text_.substr(0, kByteOrderMark.size()) == kByteOrderMark) {
    at_ = kByteOrderMark.size();
  }
}

Result<bool> CsvRows::Next(std::vector<std::string>* row) {
  row->clear();
  // Skip empty lines.
  while (at_ < text_.size() && IsLineEnd(text_[at_])) {
    ++at_;
  }
  if (at_ >= text_.size()) {
    return false;
  }
  std::string field;
  bool quoted = false;  // Inside double quotes.
  while (at_ < text_.size()) {
    const char c = text_[at_];
    if (quoted) {
      ++at_;
      if (c != '"') {
        field.push_back(c);
      } else if (at_ < text_.size() && text_[at_] == '"') {
        field.push_back('"');
        ++at_;
      } else {
        quoted = false;
      }
      continue;
    }
    if (c == delimiter_) {
      row->push_back(std::move(field));
      field.clear();
      ++at_;
      continue;
    }
    if (IsLineEnd(c)) {
      ++at_;
      if (c == '\r' && at_ < text_.size() && text_[at_] == '\n') {
        ++at_;
      }
      break;
    }
    if (c == '"' && field.empty()) {
      quoted = true;
    } else {
      field.push_back(c);
    }
    ++at_;
  }
  if (quoted) {
    return Status::InvalidArgument(
        Format("field {} of a row opens a quote that never closes", row->size() + 1));
  }
  row->push_back(std::move(field));
  return true;
}

}  // namespace stratus::states::interpreter
