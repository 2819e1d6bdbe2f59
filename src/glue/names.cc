#include "glue/names.h"

#include <cctype>

namespace stratus::glue {
namespace {

char Lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

// Returns whether `name` matches `pattern` ('*' any run, '?' any one char),
// by the classic greedy wildcard walk with one backtrack point.
bool WildcardMatch(std::string_view pattern, std::string_view name) {
  size_t p = 0;
  size_t n = 0;
  size_t star = std::string_view::npos;
  size_t resume = 0;
  while (n < name.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == Lower(name[n]))) {
      ++p;
      ++n;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') {
    ++p;
  }
  return p == pattern.size();
}

// Rewrites one alternative into WildcardMatch's language.
std::string Compile(std::string_view alternative) {
  std::string out;
  for (size_t i = 0; i < alternative.size(); ++i) {
    const char c = alternative[i];
    if (c == '.' && i + 1 < alternative.size() && alternative[i + 1] == '*') {
      out.push_back('*');
      ++i;
    } else if (c == '.') {
      out.push_back('?');
    } else {
      out.push_back(Lower(c));
    }
  }
  return out;
}

}  // namespace

std::string NormalizeName(std::string_view name) {
  std::string out(name);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = Lower(c);
    }
  }
  return out;
}

NamePattern::NamePattern(std::string_view pattern) {
  if (pattern.empty()) {
    match_all_ = true;
    return;
  }
  size_t start = 0;
  while (start <= pattern.size()) {
    const size_t bar = pattern.find('|', start);
    const size_t end = bar == std::string_view::npos ? pattern.size() : bar;
    alternatives_.push_back(Compile(pattern.substr(start, end - start)));
    if (bar == std::string_view::npos) {
      break;
    }
    start = bar + 1;
  }
}

bool NamePattern::Matches(std::string_view name) const {
  if (match_all_) {
    return true;
  }
  for (const std::string& alternative : alternatives_) {
    if (WildcardMatch(alternative, name)) {
      return true;
    }
  }
  return false;
}

}  // namespace stratus::glue
