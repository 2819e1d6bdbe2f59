#include "cli/statement_splitter.h"

#include <cctype>

namespace stratus::cli {
namespace {

std::string Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

}  // namespace

std::vector<std::string> SplitStatements(std::string_view text, std::string* rest) {
  std::vector<std::string> statements;
  size_t start = 0;
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '\'' || c == '"') {
      const size_t end = text.find(c, i + 1);
      if (end == std::string_view::npos) {
        break;
      }
      i = end + 1;
      // A doubled quote continues the string.
      continue;
    }
    if (c == '-' && i + 1 < text.size() && text[i + 1] == '-') {
      const size_t end = text.find('\n', i);
      if (end == std::string_view::npos) {
        break;
      }
      i = end + 1;
      continue;
    }
    if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      const size_t end = text.find("*/", i + 2);
      if (end == std::string_view::npos) {
        break;
      }
      i = end + 2;
      continue;
    }
    if (c == ';') {
      std::string statement = Trim(text.substr(start, i - start));
      if (!statement.empty()) {
        statements.push_back(std::move(statement));
      }
      start = i + 1;
    }
    ++i;
  }
  if (rest != nullptr) {
    *rest = Trim(text.substr(start));
  }
  return statements;
}

}  // namespace stratus::cli
