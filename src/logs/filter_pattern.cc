#include "logs/filter_pattern.h"

#include <algorithm>
#include <charconv>
#include <utility>

#include "base/json.h"
#include "logs/errors.h"

namespace stratus::logs {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

// Splits the term pattern into words, keeping "quoted phrases" whole (with
// their prefix, e.g. -"a b" → -a b).
Result<std::vector<std::string>> Words(std::string_view text) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ' || text[i] == '\t') {
      ++i;
      continue;
    }
    std::string word;
    if ((text[i] == '?' || text[i] == '-') && i + 1 < text.size()) {
      word += text[i++];
    }
    if (text[i] == '"') {
      const size_t close = text.find('"', i + 1);
      if (close == std::string_view::npos) {
        return LogsError::InvalidParameter("Invalid filter pattern: unterminated quote");
      }
      word += text.substr(i + 1, close - i - 1);
      i = close + 1;
    } else {
      while (i < text.size() && text[i] != ' ' && text[i] != '\t') {
        word += text[i++];
      }
    }
    words.push_back(std::move(word));
  }
  return words;
}

Result<FilterPattern::Comparison> ParseComparison(std::string_view text) {
  text = Trim(text);
  if (!text.starts_with("$.")) {
    return LogsError::InvalidParameter("Invalid filter pattern: expected a $. selector");
  }
  size_t end = 2;
  while (end < text.size() && text[end] != ' ' && text[end] != '=' && text[end] != '!' &&
         text[end] != '<' && text[end] != '>') {
    ++end;
  }
  FilterPattern::Comparison comparison;
  std::string_view path = text.substr(2, end - 2);
  while (!path.empty()) {
    const size_t dot = path.find('.');
    comparison.path.emplace_back(path.substr(0, dot));
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  }
  std::string_view rest = Trim(text.substr(end));
  for (std::string_view op : {"NOT EXISTS", "EXISTS", "!=", "<=", ">=", "=", "<", ">"}) {
    if (rest.starts_with(op)) {
      comparison.op = std::string(op);
      rest = Trim(rest.substr(op.size()));
      break;
    }
  }
  if (comparison.op.empty()) {
    return LogsError::InvalidParameter("Invalid filter pattern: expected a comparison");
  }
  if (rest.size() >= 2 && rest.front() == '"' && rest.back() == '"') {
    comparison.text = std::string(rest.substr(1, rest.size() - 2));
    return comparison;
  }
  comparison.text = std::string(rest);
  double number = 0;
  const auto [ptr, error] = std::from_chars(rest.data(), rest.data() + rest.size(), number);
  comparison.is_number = !rest.empty() && error == std::errc() && ptr == rest.data() + rest.size();
  comparison.number = number;
  return comparison;
}

// Matches `text` against a pattern where '*' stands for any run of characters.
bool WildcardMatch(std::string_view pattern, std::string_view text) {
  const size_t star = pattern.find('*');
  if (star == std::string_view::npos) {
    return pattern == text;
  }
  if (!text.starts_with(pattern.substr(0, star))) {
    return false;
  }
  std::string_view rest = pattern.substr(star + 1);
  for (size_t i = star; i <= text.size(); ++i) {
    if (WildcardMatch(rest, text.substr(i))) {
      return true;
    }
  }
  return false;
}

bool Compare(const FilterPattern::Comparison& comparison, const Json& document) {
  const Json* value = &document;
  for (const std::string& key : comparison.path) {
    if (!value->is_object() || !value->contains(key)) {
      return comparison.op == "NOT EXISTS" || comparison.op == "!=";
    }
    value = &(*value)[key];
  }
  if (comparison.op == "EXISTS") {
    return true;
  }
  if (comparison.op == "NOT EXISTS") {
    return false;
  }
  if (comparison.is_number && value->is_number()) {
    const double actual = value->get<double>();
    const double expected = comparison.number;
    if (comparison.op == "=") {
      return actual == expected;
    }
    if (comparison.op == "!=") {
      return actual != expected;
    }
    if (comparison.op == "<") {
      return actual < expected;
    }
    if (comparison.op == "<=") {
      return actual <= expected;
    }
    if (comparison.op == ">") {
      return actual > expected;
    }
    return actual >= expected;
  }
  std::string actual;
  if (value->is_string()) {
    actual = value->get<std::string>();
  } else if (value->is_boolean() || value->is_null() || value->is_number()) {
    actual = DumpJson(*value);
  } else {
    return false;
  }
  const bool equal = WildcardMatch(comparison.text, actual);
  if (comparison.op == "=") {
    return equal;
  }
  if (comparison.op == "!=") {
    return !equal;
  }
  return false;
}

}  // namespace

Result<FilterPattern> FilterPattern::Parse(std::string_view text) {
  text = Trim(text);
  FilterPattern pattern;
  if (text.starts_with('[') || (text.size() >= 2 && text.front() == '%' && text.back() == '%')) {
    return LogsError::InvalidParameter(
        "Invalid filter pattern: space-delimited and regular-expression patterns are not "
        "supported");
  }
  if (text.starts_with('{')) {
    if (!text.ends_with('}')) {
      return LogsError::InvalidParameter("Invalid filter pattern: unbalanced braces");
    }
    pattern.json_ = true;
    std::string_view body = Trim(text.substr(1, text.size() - 2));
    const bool has_and = body.find("&&") != std::string_view::npos;
    const bool has_or = body.find("||") != std::string_view::npos;
    if (has_and && has_or) {
      return LogsError::InvalidParameter(
          "Invalid filter pattern: mixing && and || is not supported");
    }
    pattern.json_or_ = has_or;
    const std::string_view separator = has_or ? "||" : "&&";
    while (true) {
      const size_t at = body.find(separator);
      STRATUS_ASSIGN_OR_RETURN(Comparison comparison, ParseComparison(body.substr(0, at)));
      pattern.comparisons_.push_back(std::move(comparison));
      if (at == std::string_view::npos) {
        break;
      }
      body = body.substr(at + separator.size());
    }
    return pattern;
  }
  STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> words, Words(text));
  for (std::string& word : words) {
    if (word.size() > 1 && word.front() == '?') {
      pattern.any_of_.push_back(word.substr(1));
    } else if (word.size() > 1 && word.front() == '-') {
      pattern.excluded_.push_back(word.substr(1));
    } else {
      pattern.required_.push_back(std::move(word));
    }
  }
  return pattern;
}

bool FilterPattern::Matches(std::string_view message) const {
  return json_ ? MatchesJson(message) : MatchesTerms(message);
}

bool FilterPattern::MatchesTerms(std::string_view message) const {
  auto contains = [message](const std::string& term) {
    return message.find(term) != std::string_view::npos;
  };
  if (!std::ranges::all_of(required_, contains)) {
    return false;
  }
  if (std::ranges::any_of(excluded_, contains)) {
    return false;
  }
  return any_of_.empty() || std::ranges::any_of(any_of_, contains);
}

bool FilterPattern::MatchesJson(std::string_view message) const {
  Result<Json> document = ParseJson(message);
  if (!document.ok() || !document->is_object()) {
    return false;
  }
  auto holds = [&](const Comparison& comparison) {
    return Compare(comparison, *document);
  };
  return json_or_ ? std::ranges::any_of(comparisons_, holds)
                  : std::ranges::all_of(comparisons_, holds);
}

}  // namespace stratus::logs
