// x LIKE pattern [ESCAPE e]: patterns are compiled once per batch when they
// are constant, into a fast form when they are a plain string, a prefix, a
// suffix or a substring, else into a token list matched with backtracking
// on '%' ('_' matches one UTF-8 code point).

#include <optional>
#include <string>
#include <vector>

#include "sql/functions/kernel_internal.h"
#include "sql/functions/registry_internal.h"
#include "sql/types/sql_error.h"

namespace stratus::sql::functions {
namespace {

class LikePattern {
 public:
  static Result<LikePattern> Compile(std::string_view pattern, std::optional<char> escape);

  bool Matches(std::string_view text) const;

 private:
  enum class Kind : uint8_t { kExact, kPrefix, kSuffix, kContains, kGeneral };
  enum class TokenKind : uint8_t { kLiteral, kOne, kAny };

  struct Token {
    TokenKind kind = TokenKind::kLiteral;
    std::string literal = {};
  };

  bool MatchGeneral(std::string_view text) const;

  Kind kind_ = Kind::kGeneral;
  std::string literal_;
  std::vector<Token> tokens_;
};

size_t CodePointLength(unsigned char lead) {
  if (lead < 0x80) {
    return 1;
  }
  if ((lead >> 5) == 0x6) {
    return 2;
  }
  if ((lead >> 4) == 0xE) {
    return 3;
  }
  if ((lead >> 3) == 0x1E) {
    return 4;
  }
  return 1;
}

Result<LikePattern> LikePattern::Compile(std::string_view pattern, std::optional<char> escape) {
  LikePattern compiled;
  std::vector<Token>& tokens = compiled.tokens_;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (escape.has_value() && c == *escape) {
      if (i + 1 >= pattern.size() ||
          (pattern[i + 1] != '%' && pattern[i + 1] != '_' && pattern[i + 1] != *escape)) {
        return SqlError(kInvalidFunctionArgument,
                        "Escape character must be followed by '%', '_' or the escape character");
      }
      ++i;
      if (tokens.empty() || tokens.back().kind != TokenKind::kLiteral) {
        tokens.push_back(Token{});
      }
      tokens.back().literal += pattern[i];
    } else if (c == '%') {
      if (tokens.empty() || tokens.back().kind != TokenKind::kAny) {
        tokens.push_back(Token{.kind = TokenKind::kAny});
      }
    } else if (c == '_') {
      tokens.push_back(Token{.kind = TokenKind::kOne});
    } else {
      if (tokens.empty() || tokens.back().kind != TokenKind::kLiteral) {
        tokens.push_back(Token{});
      }
      tokens.back().literal += c;
    }
  }
  auto is = [&](size_t i, TokenKind kind) {
    return tokens[i].kind == kind;
  };
  const size_t n = tokens.size();
  if (n == 0) {
    compiled.kind_ = Kind::kExact;
  } else if (n == 1 && is(0, TokenKind::kLiteral)) {
    compiled.kind_ = Kind::kExact;
    compiled.literal_ = tokens[0].literal;
  } else if (n == 2 && is(0, TokenKind::kLiteral) && is(1, TokenKind::kAny)) {
    compiled.kind_ = Kind::kPrefix;
    compiled.literal_ = tokens[0].literal;
  } else if (n == 2 && is(0, TokenKind::kAny) && is(1, TokenKind::kLiteral)) {
    compiled.kind_ = Kind::kSuffix;
    compiled.literal_ = tokens[1].literal;
  } else if (n == 3 && is(0, TokenKind::kAny) && is(1, TokenKind::kLiteral) &&
             is(2, TokenKind::kAny)) {
    compiled.kind_ = Kind::kContains;
    compiled.literal_ = tokens[1].literal;
  } else if (n == 1 && is(0, TokenKind::kAny)) {
    compiled.kind_ = Kind::kPrefix;
  }
  return compiled;
}

bool LikePattern::Matches(std::string_view text) const {
  switch (kind_) {
    case Kind::kExact:
      return text == literal_;
    case Kind::kPrefix:
      return text.starts_with(literal_);
    case Kind::kSuffix:
      return text.ends_with(literal_);
    case Kind::kContains:
      return text.find(literal_) != std::string_view::npos;
    case Kind::kGeneral:
      return MatchGeneral(text);
  }
  return false;
}

// Greedy matching with one backtrack point: the last '%' seen.
bool LikePattern::MatchGeneral(std::string_view text) const {
  size_t token = 0;
  size_t pos = 0;
  size_t star_token = std::string::npos;
  size_t star_pos = 0;
  while (true) {
    if (token < tokens_.size()) {
      const Token& t = tokens_[token];
      if (t.kind == TokenKind::kAny) {
        star_token = token++;
        star_pos = pos;
        continue;
      }
      if (t.kind == TokenKind::kOne && pos < text.size()) {
        pos += CodePointLength(static_cast<unsigned char>(text[pos]));
        ++token;
        continue;
      }
      if (t.kind == TokenKind::kLiteral && text.substr(pos).starts_with(t.literal)) {
        pos += t.literal.size();
        ++token;
        continue;
      }
    } else if (pos >= text.size()) {
      return true;
    }
    // Mismatch: let the last '%' swallow one more code point, or fail.
    if (star_token == std::string::npos || star_pos >= text.size()) {
      return false;
    }
    star_pos += CodePointLength(static_cast<unsigned char>(text[star_pos]));
    pos = star_pos;
    token = star_token + 1;
  }
}

Result<std::optional<char>> EscapeOf(const Vector* escape, size_t row) {
  if (escape == nullptr) {
    return std::optional<char>();
  }
  const Vector::ResolvedRow resolved = escape->Resolve(row);
  const std::string_view text = resolved.vector->values<StringView>()[resolved.row].view();
  if (text.size() != 1) {
    return SqlError(kInvalidFunctionArgument, "Escape string must be a single character");
  }
  return std::optional<char>(text[0]);
}

Status LikeKernel(std::span<const Vector> arguments, size_t rows, Vector* result) {
  ArgumentData value(arguments[0]);
  ArgumentData pattern(arguments[1]);
  const Vector* escape = arguments.size() > 2 ? &arguments[2] : nullptr;
  NewResult(LogicalType::Boolean(), rows, result);
  PropagateNulls(value, rows, result);
  PropagateNulls(pattern, rows, result);
  std::optional<ArgumentData> escape_data;
  if (escape != nullptr) {
    escape_data.emplace(*escape);
    PropagateNulls(*escape_data, rows, result);
  }
  const auto* values = value.values<StringView>();
  const auto* patterns = pattern.values<StringView>();
  auto* out = result->mutable_values<uint8_t>();
  const uint64_t* validity = result->validity();
  const bool constant =
      pattern.is_constant() && (escape_data == std::nullopt || escape_data->is_constant());
  if (constant) {
    if (pattern.IsNull(0) || (escape_data.has_value() && escape_data->IsNull(0))) {
      return Status::Ok();
    }
    STRATUS_ASSIGN_OR_RETURN(std::optional<char> escape_char, EscapeOf(escape, 0));
    STRATUS_ASSIGN_OR_RETURN(LikePattern compiled,
                             LikePattern::Compile(patterns[0].view(), escape_char));
    for (size_t i = 0; i < rows; ++i) {
      out[i] = compiled.Matches(values[value.Index(i)].view());
    }
    return Status::Ok();
  }
  for (size_t i = 0; i < rows; ++i) {
    if (ResultIsNull(validity, i)) {
      continue;
    }
    STRATUS_ASSIGN_OR_RETURN(std::optional<char> escape_char, EscapeOf(escape, i));
    STRATUS_ASSIGN_OR_RETURN(LikePattern compiled,
                             LikePattern::Compile(patterns[pattern.Index(i)].view(), escape_char));
    out[i] = compiled.Matches(values[value.Index(i)].view());
  }
  return Status::Ok();
}

}  // namespace

void RegisterLikeOperator(FunctionRegistry::Impl& impl) {
  auto kernel = [](std::span<const Vector> arguments, size_t rows,
                   const FunctionContext& /*context*/, Vector* result) {
    return LikeKernel(arguments, rows, result);
  };
  impl.AddScalar(
      ScalarSpec{.name = kLikeOperator, .arguments = {"varchar", "varchar"}, .returns = "boolean"},
      ScalarKernel(kernel));
  impl.AddScalar(ScalarSpec{.name = kLikeOperator,
                            .arguments = {"varchar", "varchar", "varchar"},
                            .returns = "boolean"},
                 ScalarKernel(kernel));
}

}  // namespace stratus::sql::functions
