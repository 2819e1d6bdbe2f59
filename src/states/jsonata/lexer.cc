#include <cmath>
#include <cstdlib>
#include <string_view>

#include "base/utf8.h"
#include "states/jsonata/error_internal.h"
#include "states/jsonata/lexer_internal.h"
#include "states/jsonata/value_internal.h"

namespace stratus::states::jsonata {
namespace {

constexpr std::string_view kOperatorChars = ".[]{}(),@#;:?+-*/%|=<>^&!~";
constexpr std::string_view kWhitespace = " \t\n\r\v";

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

bool IsHex(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Matches -?(0|[1-9][0-9]*)(\.[0-9]+)?([Ee][-+]?[0-9]+)? at the start of
// `text`; returns the length matched (0 for none).
size_t MatchNumber(std::string_view text) {
  size_t i = 0;
  if (i < text.size() && text[i] == '-') {
    ++i;
  }
  if (i >= text.size() || !IsDigit(text[i])) {
    return 0;
  }
  if (text[i] == '0') {
    ++i;
  } else {
    while (i < text.size() && IsDigit(text[i])) {
      ++i;
    }
  }
  if (i + 1 < text.size() && text[i] == '.' && IsDigit(text[i + 1])) {
    i += 2;
    while (i < text.size() && IsDigit(text[i])) {
      ++i;
    }
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    size_t j = i + 1;
    if (j < text.size() && (text[j] == '+' || text[j] == '-')) {
      ++j;
    }
    if (j < text.size() && IsDigit(text[j])) {
      while (j < text.size() && IsDigit(text[j])) {
        ++j;
      }
      i = j;
    }
  }
  return i;
}

}  // namespace

bool IsNameTerminator(char c) {
  return kOperatorChars.find(c) != std::string_view::npos ||
         kWhitespace.find(c) != std::string_view::npos;
}

Token Lexer::Make(TokenType type, std::string text) const {
  Token token;
  token.type = type;
  token.text = std::move(text);
  token.position = position_;
  return token;
}

Result<Token> Lexer::Next(bool infix) {
  const size_t length = source_.size();
  for (;;) {
    while (position_ < length && kWhitespace.find(source_[position_]) != std::string_view::npos) {
      ++position_;
    }
    if (position_ + 1 < length && source_[position_] == '/' && source_[position_ + 1] == '*') {
      const size_t comment_start = position_;
      const size_t end = source_.find("*/", position_ + 2);
      if (end == std::string_view::npos) {
        position_ = comment_start;
        return JsonataError("S0106");
      }
      position_ = end + 2;
      continue;
    }
    break;
  }
  token_start_ = position_;
  if (position_ >= length) {
    return Make(TokenType::kEnd, "");
  }
  const char c = source_[position_];
  if (!infix && c == '/') {
    ++position_;
    return ScanRegex();
  }
  const char next = position_ + 1 < length ? source_[position_ + 1] : '\0';
  static constexpr std::string_view kDoubles[] = {
      "..", ":=", "!=", ">=", "<=", "**", "~>", "?:", "??"};
  for (std::string_view op : kDoubles) {
    if (c == op[0] && next == op[1]) {
      position_ += 2;
      return Make(TokenType::kOperator, std::string(op));
    }
  }
  if (kOperatorChars.find(c) != std::string_view::npos) {
    ++position_;
    return Make(TokenType::kOperator, std::string(1, c));
  }
  if (c == '"' || c == '\'') {
    return ScanString(c);
  }
  if (const size_t matched = MatchNumber(source_.substr(position_)); matched > 0) {
    const std::string text(source_.substr(position_, matched));
    const double number = std::strtod(text.c_str(), nullptr);
    if (!std::isfinite(number)) {
      return JsonataError("S0102", {.token = text});
    }
    position_ += matched;
    Token token = Make(TokenType::kNumber, text);
    token.literal = NumberToJson(number);
    return token;
  }
  if (c == '`') {
    const size_t end = source_.find('`', position_ + 1);
    if (end == std::string_view::npos) {
      position_ = length;
      return JsonataError("S0105");
    }
    Token token =
        Make(TokenType::kName, std::string(source_.substr(position_ + 1, end - position_ - 1)));
    position_ = end + 1;
    return token;
  }
  size_t i = position_;
  while (i < length && !IsNameTerminator(source_[i])) {
    ++i;
  }
  if (c == '$') {
    Token token =
        Make(TokenType::kVariable, std::string(source_.substr(position_ + 1, i - position_ - 1)));
    position_ = i;
    return token;
  }
  std::string name(source_.substr(position_, i - position_));
  position_ = i;
  if (name == "and" || name == "or" || name == "in") {
    return Make(TokenType::kOperator, std::move(name));
  }
  if (name == "true" || name == "false" || name == "null") {
    Token token = Make(TokenType::kValue, name);
    token.literal = name == "null" ? Json(nullptr) : Json(name == "true");
    return token;
  }
  return Make(TokenType::kName, std::move(name));
}

Result<Token> Lexer::ScanString(char quote) {
  const size_t length = source_.size();
  ++position_;
  std::string text;
  while (position_ < length) {
    char c = source_[position_];
    if (c == '\\') {
      ++position_;
      c = position_ < length ? source_[position_] : '\0';
      switch (c) {
        case '"':
        case '\\':
        case '/':
          text.push_back(c);
          break;
        case 'b':
          text.push_back('\b');
          break;
        case 'f':
          text.push_back('\f');
          break;
        case 'n':
          text.push_back('\n');
          break;
        case 'r':
          text.push_back('\r');
          break;
        case 't':
          text.push_back('\t');
          break;
        case 'u': {
          auto read_hex = [&](size_t at, uint32_t& out) {
            if (at + 4 > length) {
              return false;
            }
            out = 0;
            for (size_t k = at; k < at + 4; ++k) {
              if (!IsHex(source_[k])) {
                return false;
              }
              out = out * 16 + static_cast<uint32_t>(IsDigit(source_[k])
                                                         ? source_[k] - '0'
                                                         : (source_[k] | 0x20) - 'a' + 10);
            }
            return true;
          };
          uint32_t code = 0;
          if (!read_hex(position_ + 1, code)) {
            return JsonataError("S0104");
          }
          position_ += 4;
          // Join a UTF-16 surrogate pair written as two escapes.
          uint32_t low = 0;
          if (code >= 0xD800 && code <= 0xDBFF && position_ + 2 < length &&
              source_[position_ + 1] == '\\' && source_[position_ + 2] == 'u' &&
              read_hex(position_ + 3, low) && low >= 0xDC00 && low <= 0xDFFF) {
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
            position_ += 6;
          }
          AppendUtf8(text, code);
          break;
        }
        default:
          return JsonataError("S0103", {.token = std::string(1, c)});
      }
    } else if (c == quote) {
      ++position_;
      Token token;
      token.type = TokenType::kString;
      token.text = std::move(text);
      token.position = position_;
      return token;
    } else {
      text.push_back(c);
    }
    ++position_;
  }
  return JsonataError("S0101");
}

Result<Token> Lexer::ScanRegex() {
  const size_t length = source_.size();
  const size_t start = position_;
  int depth = 0;
  auto is_closing_slash = [&](size_t at) {
    if (source_[at] != '/' || depth != 0) {
      return false;
    }
    size_t backslashes = 0;
    while (at >= backslashes + 1 && source_[at - backslashes - 1] == '\\') {
      ++backslashes;
    }
    return backslashes % 2 == 0;
  };
  while (position_ < length) {
    const char c = source_[position_];
    if (is_closing_slash(position_)) {
      std::string pattern(source_.substr(start, position_ - start));
      if (pattern.empty()) {
        return JsonataError("S0301");
      }
      ++position_;
      const size_t flags_start = position_;
      while (position_ < length && (source_[position_] == 'i' || source_[position_] == 'm')) {
        ++position_;
      }
      Token token;
      token.type = TokenType::kRegex;
      token.text = std::move(pattern);
      token.flags = std::string(source_.substr(flags_start, position_ - flags_start));
      token.position = position_;
      return token;
    }
    const bool escaped = position_ > 0 && source_[position_ - 1] == '\\';
    if ((c == '(' || c == '[' || c == '{') && !escaped) {
      ++depth;
    }
    if ((c == ')' || c == ']' || c == '}') && !escaped) {
      --depth;
    }
    ++position_;
  }
  return JsonataError("S0302");
}

}  // namespace stratus::states::jsonata
