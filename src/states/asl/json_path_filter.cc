#include <algorithm>
#include <regex>

#include "base/format.h"
#include "states/asl/json_path_internal.h"

namespace stratus::states::asl {
namespace {

using Expr = FilterExpression;

class FilterParser {
 public:
  FilterParser(std::string_view text, size_t* pos) : text_(text), pos_(pos) {}

  std::optional<std::string> ParseOr(std::unique_ptr<Expr>* out) {
    std::unique_ptr<Expr> left;
    if (auto error = ParseAnd(&left)) {
      return error;
    }
    while (Consume("||")) {
      std::unique_ptr<Expr> right;
      if (auto error = ParseAnd(&right)) {
        return error;
      }
      left = Combine(Expr::Kind::kOr, std::move(left), std::move(right));
    }
    *out = std::move(left);
    return std::nullopt;
  }

  bool Consume(std::string_view token) {
    SkipSpaces();
    if (text_.substr(*pos_, token.size()) == token) {
      *pos_ += token.size();
      return true;
    }
    return false;
  }

 private:
  static std::unique_ptr<Expr> Combine(Expr::Kind kind,
                                       std::unique_ptr<Expr> left,
                                       std::unique_ptr<Expr> right) {
    auto node = std::make_unique<Expr>();
    node->kind = kind;
    node->children.push_back(std::move(left));
    node->children.push_back(std::move(right));
    return node;
  }

  std::optional<std::string> ParseAnd(std::unique_ptr<Expr>* out) {
    std::unique_ptr<Expr> left;
    if (auto error = ParseUnary(&left)) {
      return error;
    }
    while (Consume("&&")) {
      std::unique_ptr<Expr> right;
      if (auto error = ParseUnary(&right)) {
        return error;
      }
      left = Combine(Expr::Kind::kAnd, std::move(left), std::move(right));
    }
    *out = std::move(left);
    return std::nullopt;
  }

  std::optional<std::string> ParseUnary(std::unique_ptr<Expr>* out) {
    SkipSpaces();
    if (Peek() == '!' && PeekAt(1) != '=') {
      ++*pos_;
      std::unique_ptr<Expr> inner;
      if (auto error = ParseUnary(&inner)) {
        return error;
      }
      auto node = std::make_unique<Expr>();
      node->kind = Expr::Kind::kNot;
      node->children.push_back(std::move(inner));
      *out = std::move(node);
      return std::nullopt;
    }
    if (Peek() == '(') {
      ++*pos_;
      if (auto error = ParseOr(out)) {
        return error;
      }
      if (!Consume(")")) {
        return std::string("expected ')' in filter");
      }
      return std::nullopt;
    }
    return ParseComparison(out);
  }

  std::optional<std::string> ParseComparison(std::unique_ptr<Expr>* out) {
    auto node = std::make_unique<Expr>();
    if (auto error = ParseValue(&node->left)) {
      return error;
    }
    SkipSpaces();
    static constexpr std::pair<std::string_view, Expr::Op> kOps[] = {
        {"==", Expr::Op::kEq},       {"!=", Expr::Op::kNe},
        {"<=", Expr::Op::kLe},       {">=", Expr::Op::kGe},
        {"=~", Expr::Op::kRegex},    {"<", Expr::Op::kLt},
        {">", Expr::Op::kGt},        {"nin", Expr::Op::kNin},
        {"in", Expr::Op::kIn},       {"subsetof", Expr::Op::kSubsetOf},
        {"anyof", Expr::Op::kAnyOf}, {"noneof", Expr::Op::kNoneOf},
        {"size", Expr::Op::kSize},   {"empty", Expr::Op::kEmpty},
    };
    bool found = false;
    for (const auto& [token, op] : kOps) {
      if (text_.substr(*pos_, token.size()) == token) {
        *pos_ += token.size();
        node->op = op;
        found = true;
        break;
      }
    }
    if (!found) {
      if (node->left.operand == Expr::Operand::kLiteral) {
        return std::string("a filter needs a path or a comparison");
      }
      node->kind = Expr::Kind::kExists;
      *out = std::move(node);
      return std::nullopt;
    }
    node->kind = Expr::Kind::kCompare;
    SkipSpaces();
    if (node->op == Expr::Op::kRegex) {
      if (auto error = ParseRegex(node.get())) {
        return error;
      }
    } else if (auto error = ParseValue(&node->right)) {
      return error;
    }
    *out = std::move(node);
    return std::nullopt;
  }

  std::optional<std::string> ParseRegex(Expr* node) {
    if (Peek() != '/') {
      return std::string("expected /regex/ after =~");
    }
    ++*pos_;
    while (*pos_ < text_.size() && text_[*pos_] != '/') {
      if (text_[*pos_] == '\\' && *pos_ + 1 < text_.size()) {
        node->regex.push_back(text_[(*pos_)++]);
      }
      node->regex.push_back(text_[(*pos_)++]);
    }
    if (*pos_ >= text_.size()) {
      return std::string("unterminated regex");
    }
    ++*pos_;
    while (*pos_ < text_.size() && text_[*pos_] >= 'a' && text_[*pos_] <= 'z') {
      node->regex_icase = node->regex_icase || text_[*pos_] == 'i';
      ++*pos_;
    }
    auto flags = std::regex::ECMAScript;
    if (node->regex_icase) {
      flags |= std::regex::icase;
    }
    // std::regex reports a bad pattern by exception; convert it here.
    try {
      node->compiled_regex = std::make_shared<const std::regex>(node->regex, flags);
    } catch (const std::regex_error&) {
      return Format("invalid regex /{}/", node->regex);
    }
    return std::nullopt;
  }

  std::optional<std::string> ParseValue(Expr::Value* value) {
    SkipSpaces();
    const char c = Peek();
    if (c == '@' || c == '$') {
      value->operand = c == '@' ? Expr::Operand::kCurrent : Expr::Operand::kRoot;
      ++*pos_;
      return ParsePathSteps(text_, pos_, /*in_filter=*/true, &value->steps);
    }
    if (c == '\'' || c == '"') {
      std::string literal;
      ++*pos_;
      while (*pos_ < text_.size() && text_[*pos_] != c) {
        if (text_[*pos_] == '\\' && *pos_ + 1 < text_.size()) {
          ++*pos_;
        }
        literal.push_back(text_[(*pos_)++]);
      }
      if (*pos_ >= text_.size()) {
        return std::string("unterminated string in filter");
      }
      ++*pos_;
      value->literal = std::move(literal);
      return std::nullopt;
    }
    if (c == '[' || c == '{') {
      return ParseJsonLiteral(value);
    }
    const size_t start = *pos_;
    while (*pos_ < text_.size() && !IsDelimiter(text_[*pos_])) {
      ++*pos_;
    }
    std::string_view word = text_.substr(start, *pos_ - start);
    if (word.empty()) {
      return std::string("expected a value in filter");
    }
    Json parsed = Json::parse(word, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded() || parsed.is_object() || parsed.is_array()) {
      return Format("invalid value '{}' in filter", word);
    }
    value->literal = std::move(parsed);
    return std::nullopt;
  }

  std::optional<std::string> ParseJsonLiteral(Expr::Value* value) {
    // Finds the matching bracket, honouring strings.
    const size_t start = *pos_;
    int depth = 0;
    char quote = 0;
    for (; *pos_ < text_.size(); ++*pos_) {
      const char c = text_[*pos_];
      if (quote != 0) {
        if (c == '\\') {
          ++*pos_;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '[' || c == '{') {
        ++depth;
      } else if ((c == ']' || c == '}') && --depth == 0) {
        ++*pos_;
        break;
      }
    }
    std::string literal(text_.substr(start, *pos_ - start));
    std::replace(literal.begin(), literal.end(), '\'', '"');
    Json parsed = Json::parse(literal, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded()) {
      return Format("invalid JSON literal '{}' in filter", literal);
    }
    value->literal = std::move(parsed);
    return std::nullopt;
  }

  static bool IsDelimiter(char c) {
    return c == ' ' || c == ')' || c == '&' || c == '|' || c == '=' || c == '!' || c == '<' ||
           c == '>' || c == ',' || c == ']';
  }

  void SkipSpaces() {
    while (*pos_ < text_.size() && (text_[*pos_] == ' ' || text_[*pos_] == '\t')) {
      ++*pos_;
    }
  }

  char Peek() const { return *pos_ < text_.size() ? text_[*pos_] : '\0'; }

  char PeekAt(size_t offset) const {
    return *pos_ + offset < text_.size() ? text_[*pos_ + offset] : '\0';
  }

  std::string_view text_;
  size_t* pos_;
};

// A resolved filter operand: a value, or nothing when a path matched nothing.
std::optional<Json> Resolve(const Expr::Value& value, const Json& current, const Json& root) {
  if (value.operand == Expr::Operand::kLiteral) {
    return value.literal;
  }
  const Json& start = value.operand == Expr::Operand::kCurrent ? current : root;
  std::vector<const Json*> matches;
  std::vector<std::unique_ptr<Json>> owned;
  CollectMatches(value.steps, 0, start, root, &matches, &owned);
  const bool definite = std::all_of(value.steps.begin(), value.steps.end(),
                                    [](const PathStep& step) { return step.IsDefinite(); });
  if (definite) {
    if (matches.empty()) {
      return std::nullopt;
    }
    return *matches[0];
  }
  Json out = Json::array();
  for (const Json* match : matches) {
    out.push_back(*match);
  }
  return out;
}

bool Contains(const Json& array, const Json& value) {
  return array.is_array() && std::find(array.begin(), array.end(), value) != array.end();
}

bool Equal(const Json& a, const Json& b) {
  if (a.is_number() && b.is_number()) {
    return a.get<double>() == b.get<double>();
  }
  return a == b;
}

std::optional<int> Order(const Json& a, const Json& b) {
  if (a.is_number() && b.is_number()) {
    const auto x = a.get<double>();
    const auto y = b.get<double>();
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  if (a.is_string() && b.is_string()) {
    const int c = a.get_ref<const std::string&>().compare(b.get_ref<const std::string&>());
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  return std::nullopt;
}

bool Compare(const Expr& expr, const Json& current, const Json& root) {
  const std::optional<Json> left = Resolve(expr.left, current, root);
  if (expr.op == Expr::Op::kRegex) {
    if (!left || !left->is_string()) {
      return false;
    }
    return std::regex_match(left->get_ref<const std::string&>(), *expr.compiled_regex);
  }
  const std::optional<Json> right = Resolve(expr.right, current, root);
  if (!left || !right) {
    return expr.op == Expr::Op::kNe && (left.has_value() != right.has_value());
  }
  switch (expr.op) {
    case Expr::Op::kEq:
      return Equal(*left, *right);
    case Expr::Op::kNe:
      return !Equal(*left, *right);
    case Expr::Op::kLt:
      return Order(*left, *right) == -1;
    case Expr::Op::kLe: {
      auto order = Order(*left, *right);
      return order && *order <= 0;
    }
    case Expr::Op::kGt:
      return Order(*left, *right) == 1;
    case Expr::Op::kGe: {
      auto order = Order(*left, *right);
      return order && *order >= 0;
    }
    case Expr::Op::kIn:
      return Contains(*right, *left);
    case Expr::Op::kNin:
      return !Contains(*right, *left);
    case Expr::Op::kSubsetOf:
      return left->is_array() && std::all_of(left->begin(), left->end(), [&](const Json& item) {
               return Contains(*right, item);
             });
    case Expr::Op::kAnyOf:
      return left->is_array() && std::any_of(left->begin(), left->end(), [&](const Json& item) {
               return Contains(*right, item);
             });
    case Expr::Op::kNoneOf:
      return left->is_array() && std::none_of(left->begin(), left->end(), [&](const Json& item) {
               return Contains(*right, item);
             });
    case Expr::Op::kSize: {
      if (!right->is_number_integer()) {
        return false;
      }
      const auto expected = right->get<int64_t>();
      if (left->is_string()) {
        return static_cast<int64_t>(left->get_ref<const std::string&>().size()) == expected;
      }
      return left->is_array() && static_cast<int64_t>(left->size()) == expected;
    }
    case Expr::Op::kEmpty: {
      if (!right->is_boolean()) {
        return false;
      }
      bool empty = false;
      if (left->is_string()) {
        empty = left->get_ref<const std::string&>().empty();
      } else if (left->is_array()) {
        empty = left->empty();
      } else {
        return false;
      }
      return empty == right->get<bool>();
    }
    case Expr::Op::kRegex:
      return false;
  }
  return false;
}

}  // namespace

std::optional<std::string> ParseFilter(std::string_view text,
                                       size_t* pos,
                                       std::unique_ptr<FilterExpression>* out) {
  FilterParser parser(text, pos);
  if (!parser.Consume("(")) {
    return std::string("expected '(' to open a filter");
  }
  if (auto error = parser.ParseOr(out)) {
    return error;
  }
  if (!parser.Consume(")")) {
    return std::string("expected ')' to close a filter");
  }
  return std::nullopt;
}

bool EvaluateFilter(const FilterExpression& filter, const Json& current, const Json& root) {
  switch (filter.kind) {
    case Expr::Kind::kOr:
      return EvaluateFilter(*filter.children[0], current, root) ||
             EvaluateFilter(*filter.children[1], current, root);
    case Expr::Kind::kAnd:
      return EvaluateFilter(*filter.children[0], current, root) &&
             EvaluateFilter(*filter.children[1], current, root);
    case Expr::Kind::kNot:
      return !EvaluateFilter(*filter.children[0], current, root);
    case Expr::Kind::kExists:
      return Resolve(filter.left, current, root).has_value();
    case Expr::Kind::kCompare:
      return Compare(filter, current, root);
  }
  return false;
}

}  // namespace stratus::states::asl
