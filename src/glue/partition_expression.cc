#include "glue/partition_expression.h"

#include <cctype>
#include <charconv>
#include <optional>
#include <utility>

#include "base/format.h"
#include "glue/errors.h"

namespace stratus::glue {
namespace {

constexpr int kMaxDepth = 100;
// Bounds the AND/OR chains (left-deep trees that Matches() walks
// recursively); Glue's 2,048-character limit allows about 500.
constexpr int kMaxPredicates = 1000;

enum class TokenKind : uint8_t {
  kIdentifier,  // Bare word (maybe a keyword) or quoted name.
  kString,
  kNumber,
  kOperator,
  kLeftParen,
  kRightParen,
  kComma,
  kEnd,
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text = {};  // Unquoted for strings and quoted names.
  bool quoted = false;    // A quoted name: never a keyword.
  size_t position = 0;
};

Status SyntaxError(std::string_view detail, size_t position) {
  return GlueError::InvalidExpression(
      Format("Unsupported expression: {} at position {}.", detail, position + 1));
}

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '$';
}

// Splits an expression into tokens.
class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  Result<std::vector<Token>> Run() {
    std::vector<Token> tokens;
    while (true) {
      while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_])) != 0) {
        ++pos_;
      }
      if (pos_ >= text_.size()) {
        tokens.push_back(Token{.kind = TokenKind::kEnd, .position = pos_});
        return tokens;
      }
      STRATUS_ASSIGN_OR_RETURN(Token token, Next());
      tokens.push_back(std::move(token));
    }
  }

 private:
  Result<Token> Next() {
    const size_t start = pos_;
    const char c = text_[pos_];
    if (c == '\'' || c == '"' || c == '`') {
      STRATUS_ASSIGN_OR_RETURN(std::string body, Quoted(c));
      return c == '\''
                 ? Token{.kind = TokenKind::kString, .text = std::move(body), .position = start}
                 : Token{.kind = TokenKind::kIdentifier,
                         .text = std::move(body),
                         .quoted = true,
                         .position = start};
    }
    const bool negative = c == '-' && pos_ + 1 < text_.size() &&
                          std::isdigit(static_cast<unsigned char>(text_[pos_ + 1])) != 0;
    if (std::isdigit(static_cast<unsigned char>(c)) != 0 || negative) {
      return Number();
    }
    if (IsWordChar(c)) {
      while (pos_ < text_.size() && IsWordChar(text_[pos_])) {
        ++pos_;
      }
      return Token{.kind = TokenKind::kIdentifier,
                   .text = std::string(text_.substr(start, pos_ - start)),
                   .position = start};
    }
    ++pos_;
    switch (c) {
      case '(':
        return Token{.kind = TokenKind::kLeftParen, .text = "(", .position = start};
      case ')':
        return Token{.kind = TokenKind::kRightParen, .text = ")", .position = start};
      case ',':
        return Token{.kind = TokenKind::kComma, .text = ",", .position = start};
      case '=':
        return Operator("=", start);
      case '!':
        if (pos_ < text_.size() && text_[pos_] == '=') {
          ++pos_;
          return Operator("<>", start);
        }
        break;
      case '<':
        if (pos_ < text_.size() && (text_[pos_] == '=' || text_[pos_] == '>')) {
          return Operator(text_[pos_++] == '=' ? "<=" : "<>", start);
        }
        return Operator("<", start);
      case '>':
        if (pos_ < text_.size() && text_[pos_] == '=') {
          ++pos_;
          return Operator(">=", start);
        }
        return Operator(">", start);
      default:
        break;
    }
    return SyntaxError(Format("unexpected character '{}'", c), start);
  }

  static Token Operator(std::string_view op, size_t start) {
    return Token{.kind = TokenKind::kOperator, .text = std::string(op), .position = start};
  }

  // Reads a quoted run; a doubled quote stands for itself.
  Result<std::string> Quoted(char quote) {
    const size_t start = pos_++;
    std::string body;
    while (pos_ < text_.size()) {
      if (text_[pos_] == quote) {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == quote) {
          body.push_back(quote);
          pos_ += 2;
          continue;
        }
        ++pos_;
        return body;
      }
      body.push_back(text_[pos_++]);
    }
    return SyntaxError("unterminated quote", start);
  }

  Result<Token> Number() {
    const size_t start = pos_;
    if (text_[pos_] == '-') {
      ++pos_;
    }
    auto digits = [&] {
      while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_])) != 0) {
        ++pos_;
      }
    };
    digits();
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      digits();
    }
    if (pos_ < text_.size() && IsWordChar(text_[pos_])) {
      return SyntaxError("malformed number", start);
    }
    return Token{.kind = TokenKind::kNumber,
                 .text = std::string(text_.substr(start, pos_ - start)),
                 .position = start};
  }

  std::string_view text_;
  size_t pos_ = 0;
};

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

std::optional<int64_t> ParseInteger(std::string_view text) {
  if (!text.empty() && text.front() == '+') {
    text.remove_prefix(1);
  }
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
    return std::nullopt;
  }
  return value;
}

std::optional<double> ParseDecimal(std::string_view text) {
  if (!text.empty() && text.front() == '+') {
    text.remove_prefix(1);
  }
  double value = 0;
  const auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::fixed);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
    return std::nullopt;
  }
  return value;
}

// Returns yyyy-mm-dd as yyyymmdd, or nullopt when it is not a date.
std::optional<int64_t> ParseDate(std::string_view text) {
  const size_t first = text.find('-');
  const size_t second = first == std::string_view::npos ? first : text.find('-', first + 1);
  if (second == std::string_view::npos) {
    return std::nullopt;
  }
  const std::optional<int64_t> year = ParseInteger(text.substr(0, first));
  const std::optional<int64_t> month = ParseInteger(text.substr(first + 1, second - first - 1));
  const std::optional<int64_t> day = ParseInteger(text.substr(second + 1));
  if (!year || !month || !day || *year < 0 || *year > 9999 || *month < 1 || *month > 12 ||
      *day < 1 || *day > 31 || text[first + 1] == '-' || text[first + 1] == '+' ||
      text[second + 1] == '-' || text[second + 1] == '+' || text[0] == '+') {
    return std::nullopt;
  }
  return *year * 10000 + *month * 100 + *day;
}

template <typename T>
int ThreeWay(T a, T b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

// Compares two texts as `kind`; nullopt when either does not parse.
std::optional<int> CompareAs(KeyKind kind, std::string_view a, std::string_view b) {
  switch (kind) {
    case KeyKind::kInteger: {
      const std::optional<int64_t> x = ParseInteger(a);
      const std::optional<int64_t> y = ParseInteger(b);
      if (!x || !y) {
        return std::nullopt;
      }
      return ThreeWay(*x, *y);
    }
    case KeyKind::kDecimal: {
      const std::optional<double> x = ParseDecimal(a);
      const std::optional<double> y = ParseDecimal(b);
      if (!x || !y) {
        return std::nullopt;
      }
      return ThreeWay(*x, *y);
    }
    case KeyKind::kDate: {
      const std::optional<int64_t> x = ParseDate(a);
      const std::optional<int64_t> y = ParseDate(b);
      if (!x || !y) {
        return std::nullopt;
      }
      return ThreeWay(*x, *y);
    }
    case KeyKind::kString:
    case KeyKind::kTimestamp:
      break;
  }
  return ThreeWay(a.compare(b), 0);
}

bool LiteralFits(KeyKind kind, std::string_view text) {
  switch (kind) {
    case KeyKind::kInteger:
      return ParseInteger(text).has_value();
    case KeyKind::kDecimal:
      return ParseDecimal(text).has_value();
    case KeyKind::kDate:
      return ParseDate(text).has_value();
    case KeyKind::kString:
    case KeyKind::kTimestamp:
      break;
  }
  return true;
}

// SQL LIKE: % any run, _ any one byte.
bool LikeMatch(std::string_view pattern, std::string_view text) {
  size_t p = 0;
  size_t t = 0;
  size_t star = std::string_view::npos;
  size_t resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '_' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '%') {
      star = p++;
      resume = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '%') {
    ++p;
  }
  return p == pattern.size();
}

std::string QuoteString(std::string_view text, char quote) {
  std::string out(1, quote);
  for (char c : text) {
    out.push_back(c);
    if (c == quote) {
      out.push_back(quote);
    }
  }
  out.push_back(quote);
  return out;
}

}  // namespace

KeyKind KeyKindOf(std::string_view type) {
  std::string lower;
  for (char c : type) {
    if (std::isspace(static_cast<unsigned char>(c)) == 0) {
      lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  if (lower == "int" || lower == "integer" || lower == "bigint" || lower == "long" ||
      lower == "tinyint" || lower == "smallint") {
    return KeyKind::kInteger;
  }
  if (lower.starts_with("decimal") || lower == "double" || lower == "float") {
    return KeyKind::kDecimal;
  }
  if (lower == "date") {
    return KeyKind::kDate;
  }
  if (lower == "timestamp") {
    return KeyKind::kTimestamp;
  }
  return KeyKind::kString;
}

// One operand: a partition key or a literal.
struct Term {
  int key = -1;              // Index of the partition key, or -1 for a literal.
  std::string text = {};     // The literal's text.
  bool is_string = false;    // A quoted literal (else a number).
  std::string keyword = {};  // "DATE" / "TIMESTAMP" before a typed literal.
};

enum class NodeKind : uint8_t { kAnd, kOr, kNot, kCompare, kBetween, kIn, kLike, kIsNull };

struct PartitionFilter::Node {
  NodeKind kind = NodeKind::kAnd;
  std::string op = {};   // kCompare: = <> < <= > >=.
  bool negated = false;  // NOT BETWEEN / NOT IN / NOT LIKE / IS NOT NULL.
  KeyKind compare_kind = KeyKind::kString;
  std::vector<Term> terms = {};
  std::vector<std::unique_ptr<Node>> children = {};
};

namespace {

using Node = PartitionFilter::Node;

// Recursive-descent parser over the tokens (grammar in the header).
class Parser {
 public:
  Parser(std::vector<Token> tokens, std::span<const Column> keys)
      : tokens_(std::move(tokens)), keys_(keys) {}

  Result<std::unique_ptr<Node>> Run() {
    STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<Node> root, Expression(0));
    if (Peek().kind != TokenKind::kEnd) {
      return Unexpected();
    }
    return root;
  }

 private:
  const Token& Peek() const { return tokens_[index_]; }

  const Token& Take() {
    const Token& token = tokens_[index_];
    if (token.kind != TokenKind::kEnd) {
      ++index_;
    }
    return token;
  }

  bool IsKeyword(std::string_view word) const {
    const Token& token = Peek();
    return token.kind == TokenKind::kIdentifier && !token.quoted &&
           EqualsIgnoreCase(token.text, word);
  }

  bool TakeKeyword(std::string_view word) {
    if (!IsKeyword(word)) {
      return false;
    }
    Take();
    return true;
  }

  Status Unexpected() const {
    const Token& token = Peek();
    if (token.kind == TokenKind::kEnd) {
      return SyntaxError("unexpected end of expression", token.position);
    }
    return SyntaxError(Format("unexpected '{}'", token.text), token.position);
  }

  Status Expect(TokenKind kind) {
    if (Peek().kind != kind) {
      return Unexpected();
    }
    Take();
    return Status::Ok();
  }

  static std::unique_ptr<Node> Combine(NodeKind kind,
                                       std::unique_ptr<Node> left,
                                       std::unique_ptr<Node> right) {
    auto node = std::make_unique<Node>();
    node->kind = kind;
    node->children.push_back(std::move(left));
    node->children.push_back(std::move(right));
    return node;
  }

  Result<std::unique_ptr<Node>> Expression(int depth) {
    if (depth > kMaxDepth) {
      return SyntaxError("expression nested too deeply", Peek().position);
    }
    STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<Node> left, Conjunction(depth));
    while (TakeKeyword("OR")) {
      STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<Node> right, Conjunction(depth));
      left = Combine(NodeKind::kOr, std::move(left), std::move(right));
    }
    return left;
  }

  Result<std::unique_ptr<Node>> Conjunction(int depth) {
    STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<Node> left, Factor(depth));
    while (TakeKeyword("AND")) {
      STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<Node> right, Factor(depth));
      left = Combine(NodeKind::kAnd, std::move(left), std::move(right));
    }
    return left;
  }

  Result<std::unique_ptr<Node>> Factor(int depth) {
    if (depth > kMaxDepth) {
      return SyntaxError("expression nested too deeply", Peek().position);
    }
    if (TakeKeyword("NOT")) {
      STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<Node> operand, Factor(depth + 1));
      auto node = std::make_unique<Node>();
      node->kind = NodeKind::kNot;
      node->children.push_back(std::move(operand));
      return node;
    }
    if (Peek().kind == TokenKind::kLeftParen) {
      Take();
      STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<Node> inner, Expression(depth + 1));
      STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen));
      return inner;
    }
    return Predicate();
  }

  Result<Term> ParseTerm() {
    const Token& token = Peek();
    if (token.kind == TokenKind::kString || token.kind == TokenKind::kNumber) {
      Take();
      return Term{.text = token.text, .is_string = token.kind == TokenKind::kString};
    }
    if (token.kind != TokenKind::kIdentifier) {
      return Unexpected();
    }
    for (std::string_view keyword : {"DATE", "TIMESTAMP"}) {
      if (IsKeyword(keyword) && tokens_[index_ + 1].kind == TokenKind::kString) {
        Take();
        const Token& literal = Take();
        return Term{.text = literal.text, .is_string = true, .keyword = std::string(keyword)};
      }
    }
    for (size_t i = 0; i < keys_.size(); ++i) {
      if (EqualsIgnoreCase(keys_[i].name, token.text)) {
        Take();
        return Term{.key = static_cast<int>(i)};
      }
    }
    return GlueError::InvalidExpression(
        Format("Unsupported expression: unknown partition key '{}' at position {}.", token.text,
               token.position + 1));
  }

  Result<std::unique_ptr<Node>> Predicate() {
    if (++num_predicates_ > kMaxPredicates) {
      return SyntaxError("too many predicates", Peek().position);
    }
    auto node = std::make_unique<Node>();
    STRATUS_ASSIGN_OR_RETURN(Term first, ParseTerm());
    node->terms.push_back(std::move(first));
    if (Peek().kind == TokenKind::kOperator) {
      node->kind = NodeKind::kCompare;
      node->op = Take().text;
      STRATUS_ASSIGN_OR_RETURN(Term second, ParseTerm());
      node->terms.push_back(std::move(second));
      STRATUS_RETURN_IF_ERROR(Bind(*node));
      return node;
    }
    if (TakeKeyword("IS")) {
      node->kind = NodeKind::kIsNull;
      node->negated = TakeKeyword("NOT");
      if (!TakeKeyword("NULL")) {
        return Unexpected();
      }
      return node;
    }
    node->negated = TakeKeyword("NOT");
    if (TakeKeyword("BETWEEN")) {
      node->kind = NodeKind::kBetween;
      STRATUS_ASSIGN_OR_RETURN(Term low, ParseTerm());
      if (!TakeKeyword("AND")) {
        return Unexpected();
      }
      STRATUS_ASSIGN_OR_RETURN(Term high, ParseTerm());
      node->terms.push_back(std::move(low));
      node->terms.push_back(std::move(high));
    } else if (TakeKeyword("IN")) {
      node->kind = NodeKind::kIn;
      STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kLeftParen));
      while (true) {
        STRATUS_ASSIGN_OR_RETURN(Term item, ParseTerm());
        node->terms.push_back(std::move(item));
        if (Peek().kind != TokenKind::kComma) {
          break;
        }
        Take();
      }
      STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen));
    } else if (TakeKeyword("LIKE")) {
      node->kind = NodeKind::kLike;
      STRATUS_ASSIGN_OR_RETURN(Term pattern, ParseTerm());
      node->terms.push_back(std::move(pattern));
      return node;  // LIKE compares text whatever the key's type.
    } else {
      return Unexpected();
    }
    STRATUS_RETURN_IF_ERROR(Bind(*node));
    return node;
  }

  // Chooses the comparison type (the first key's) and checks the literals.
  Status Bind(Node& node) const {
    for (const Term& term : node.terms) {
      if (term.key >= 0) {
        node.compare_kind = KeyKindOf(keys_[term.key].type);
        break;
      }
    }
    for (const Term& term : node.terms) {
      if (term.key < 0 && !LiteralFits(node.compare_kind, term.text)) {
        return GlueError::InvalidExpression(
            Format("Unsupported expression: '{}' is not a valid value for the partition key's "
                   "type.",
                   term.text));
      }
    }
    return Status::Ok();
  }

  std::vector<Token> tokens_;
  std::span<const Column> keys_;
  size_t index_ = 0;
  int num_predicates_ = 0;
};

std::string_view TermValue(const Term& term, std::span<const std::string> values) {
  return term.key >= 0 ? std::string_view(values[term.key]) : std::string_view(term.text);
}

bool Evaluate(const Node& node, std::span<const std::string> values) {
  auto compare = [&](size_t a, size_t b) {
    return CompareAs(node.compare_kind, TermValue(node.terms[a], values),
                     TermValue(node.terms[b], values));
  };
  switch (node.kind) {
    case NodeKind::kAnd:
      return Evaluate(*node.children[0], values) && Evaluate(*node.children[1], values);
    case NodeKind::kOr:
      return Evaluate(*node.children[0], values) || Evaluate(*node.children[1], values);
    case NodeKind::kNot:
      return !Evaluate(*node.children[0], values);
    case NodeKind::kIsNull:
      return node.negated;
    case NodeKind::kLike:
      return LikeMatch(TermValue(node.terms[1], values), TermValue(node.terms[0], values)) !=
             node.negated;
    case NodeKind::kCompare: {
      const std::optional<int> order = compare(0, 1);
      if (!order.has_value()) {
        return false;
      }
      const std::string& op = node.op;
      return op == "="    ? *order == 0
             : op == "<>" ? *order != 0
             : op == "<"  ? *order < 0
             : op == "<=" ? *order <= 0
             : op == ">"  ? *order > 0
                          : *order >= 0;
    }
    case NodeKind::kBetween: {
      const std::optional<int> low = compare(0, 1);
      const std::optional<int> high = compare(0, 2);
      if (!low.has_value() || !high.has_value()) {
        return false;
      }
      return (*low >= 0 && *high <= 0) != node.negated;
    }
    case NodeKind::kIn: {
      for (size_t i = 1; i < node.terms.size(); ++i) {
        const std::optional<int> order = compare(0, i);
        if (!order.has_value()) {
          return false;
        }
        if (*order == 0) {
          return !node.negated;
        }
      }
      return node.negated;
    }
  }
  return false;
}

std::string TermText(const Term& term, const std::vector<std::string>& key_names) {
  if (term.key >= 0) {
    return QuoteString(key_names[term.key], '`');
  }
  if (!term.is_string) {
    return term.text;
  }
  std::string quoted = QuoteString(term.text, '\'');
  return term.keyword.empty() ? quoted : term.keyword + " " + quoted;
}

std::string Print(const Node& node, const std::vector<std::string>& key_names) {
  auto term = [&](size_t i) {
    return TermText(node.terms[i], key_names);
  };
  const std::string_view negation = node.negated ? "NOT " : "";
  switch (node.kind) {
    case NodeKind::kAnd:
    case NodeKind::kOr:
      return Format("({} {} {})", Print(*node.children[0], key_names),
                    node.kind == NodeKind::kAnd ? "AND" : "OR",
                    Print(*node.children[1], key_names));
    case NodeKind::kNot:
      return Format("(NOT {})", Print(*node.children[0], key_names));
    case NodeKind::kIsNull:
      return Format("({} IS {}NULL)", term(0), negation);
    case NodeKind::kLike:
      return Format("({} {}LIKE {})", term(0), negation, term(1));
    case NodeKind::kCompare:
      return Format("({} {} {})", term(0), node.op, term(1));
    case NodeKind::kBetween:
      return Format("({} {}BETWEEN {} AND {})", term(0), negation, term(1), term(2));
    case NodeKind::kIn: {
      std::string list;
      for (size_t i = 1; i < node.terms.size(); ++i) {
        list += (i > 1 ? ", " : "") + term(i);
      }
      return Format("({} {}IN ({}))", term(0), negation, list);
    }
  }
  return "";
}

}  // namespace

PartitionFilter::PartitionFilter(std::unique_ptr<Node> root, std::vector<std::string> key_names)
    : root_(std::move(root)), key_names_(std::move(key_names)) {}

PartitionFilter::PartitionFilter(PartitionFilter&&) noexcept = default;
PartitionFilter& PartitionFilter::operator=(PartitionFilter&&) noexcept = default;
PartitionFilter::~PartitionFilter() = default;

Result<PartitionFilter> PartitionFilter::Parse(std::string_view expression,
                                               std::span<const Column> keys) {
  STRATUS_ASSIGN_OR_RETURN(std::vector<Token> tokens, Lexer(expression).Run());
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<Node> root, Parser(std::move(tokens), keys).Run());
  std::vector<std::string> key_names;
  key_names.reserve(keys.size());
  for (const Column& key : keys) {
    key_names.push_back(key.name);
  }
  return PartitionFilter(std::move(root), std::move(key_names));
}

bool PartitionFilter::Matches(std::span<const std::string> values) const {
  return Evaluate(*root_, values);
}

std::string PartitionFilter::ToString() const {
  return Print(*root_, key_names_);
}

}  // namespace stratus::glue
