#include "states/asl/intrinsic_expression.h"

#include <optional>
#include <vector>

#include "base/format.h"
#include "states/asl/errors.h"
#include "states/asl/evaluation_context.h"
#include "states/asl/intrinsic_registry.h"
#include "states/asl/json_path.h"

namespace stratus::states::asl {

struct IntrinsicExpression::Node {  // NOLINT(bugprone-exception-escape): only allocation throws.
  enum class Kind : uint8_t { kLiteral, kPath, kCall };

  Kind kind = Kind::kLiteral;
  Json literal = {};
  std::optional<JsonPath> path = std::nullopt;
  const IntrinsicFunction* function = nullptr;
  std::vector<Node> args = {};
};

namespace {

using Node = IntrinsicExpression::Node;

constexpr std::string_view kFormatName = "States.Format";

class CallParser {
 public:
  CallParser(std::string_view text, const IntrinsicRegistry& registry)
      : text_(text), registry_(registry) {}

  Result<Node> ParseAll() {
    STRATUS_ASSIGN_OR_RETURN(Node node, ParseCall());
    SkipSpaces();
    if (pos_ != text_.size()) {
      return Error("unexpected text after the closing ')'");
    }
    return node;
  }

 private:
  Status Error(std::string_view what) const {
    return Status::InvalidArgument(
        Format("invalid intrinsic function call '{}' at position {}: {}", text_, pos_, what));
  }

  void SkipSpaces() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }

  Result<Node> ParseCall() {
    SkipSpaces();
    const size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != '(' && text_[pos_] != ' ') {
      ++pos_;
    }
    std::string_view name = text_.substr(start, pos_ - start);
    const IntrinsicFunction* function = registry_.Find(name);
    if (function == nullptr) {
      return Status::InvalidArgument(Format("unknown intrinsic function '{}'", name));
    }
    SkipSpaces();
    if (pos_ >= text_.size() || text_[pos_] != '(') {
      return Error("expected '('");
    }
    ++pos_;
    Node node;
    node.kind = Node::Kind::kCall;
    node.function = function;
    SkipSpaces();
    if (pos_ < text_.size() && text_[pos_] == ')') {
      ++pos_;
    } else {
      while (true) {
        const bool format_template = name == kFormatName && node.args.empty();
        STRATUS_ASSIGN_OR_RETURN(Node arg, ParseArgument(format_template));
        node.args.push_back(std::move(arg));
        SkipSpaces();
        if (pos_ < text_.size() && text_[pos_] == ',') {
          ++pos_;
          continue;
        }
        if (pos_ < text_.size() && text_[pos_] == ')') {
          ++pos_;
          break;
        }
        return Error("expected ',' or ')'");
      }
    }
    const auto num_args = static_cast<int>(node.args.size());
    if (num_args < function->min_args ||
        (function->max_args >= 0 && num_args > function->max_args)) {
      return Status::InvalidArgument(
          Format("{} does not accept {} argument(s)", function->name, num_args));
    }
    return node;
  }

  Result<Node> ParseArgument(bool format_template) {
    SkipSpaces();
    if (pos_ >= text_.size()) {
      return Error("expected an argument");
    }
    const char c = text_[pos_];
    if (c == '\'') {
      return ParseString(format_template);
    }
    if (c == '$') {
      return ParsePath();
    }
    if (text_.substr(pos_, 7) == "States.") {
      return ParseCall();
    }
    return ParseScalar();
  }

  // A string literal. Escapes: \' \{ \} \\. In the template of
  // States.Format, \{ \} and \\ stay escaped so that Format can tell a
  // literal brace from a placeholder.
  Result<Node> ParseString(bool format_template) {
    ++pos_;
    std::string value;
    while (pos_ < text_.size() && text_[pos_] != '\'') {
      char c = text_[pos_];
      if (c == '\\' && pos_ + 1 < text_.size()) {
        const char escaped = text_[pos_ + 1];
        if (escaped == '\'' || escaped == '{' || escaped == '}' || escaped == '\\') {
          if (format_template && escaped != '\'') {
            value.push_back('\\');
          }
          value.push_back(escaped);
          pos_ += 2;
          continue;
        }
      }
      value.push_back(c);
      ++pos_;
    }
    if (pos_ >= text_.size()) {
      return Error("unterminated string literal");
    }
    ++pos_;
    Node node;
    node.literal = std::move(value);
    return node;
  }

  // A path runs to the next ',' or ')' outside brackets, quotes and
  // filter parentheses.
  Result<Node> ParsePath() {
    const size_t start = pos_;
    int brackets = 0;
    int parens = 0;
    char quote = 0;
    for (; pos_ < text_.size(); ++pos_) {
      const char c = text_[pos_];
      if (quote != 0) {
        if (c == '\\') {
          ++pos_;
        } else if (c == quote) {
          quote = 0;
        }
        continue;
      }
      if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '[') {
        ++brackets;
      } else if (c == ']') {
        --brackets;
      } else if (c == '(') {
        ++parens;
      } else if (c == ')') {
        if (parens == 0 && brackets == 0) {
          break;
        }
        --parens;
      } else if (c == ',' && brackets == 0 && parens == 0) {
        break;
      }
    }
    std::string_view path_text = text_.substr(start, pos_ - start);
    while (!path_text.empty() && path_text.back() == ' ') {
      path_text.remove_suffix(1);
    }
    auto path = JsonPath::Parse(path_text);
    if (!path.ok()) {
      return Status::InvalidArgument(path.status().message());
    }
    Node node;
    node.kind = Node::Kind::kPath;
    node.path = std::move(path).value();
    return node;
  }

  Result<Node> ParseScalar() {
    const size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != ')' && text_[pos_] != ' ') {
      ++pos_;
    }
    std::string_view word = text_.substr(start, pos_ - start);
    Json value = Json::parse(word, nullptr, /*allow_exceptions=*/false);
    if (word.empty() || value.is_discarded() || value.is_string() || value.is_object() ||
        value.is_array()) {
      return Error(Format("invalid argument '{}'", word));
    }
    Node node;
    node.literal = std::move(value);
    return node;
  }

  std::string_view text_;
  const IntrinsicRegistry& registry_;
  size_t pos_ = 0;
};

Result<Json> EvaluateNode(const Node& node, const Json& input, const EvaluationContext& context) {
  switch (node.kind) {
    case Node::Kind::kLiteral:
      return node.literal;
    case Node::Kind::kPath:
      return EvaluatePath(*node.path, input, context);
    case Node::Kind::kCall: {
      std::vector<Json> args;
      args.reserve(node.args.size());
      for (const Node& arg : node.args) {
        STRATUS_ASSIGN_OR_RETURN(Json value, EvaluateNode(arg, input, context));
        args.push_back(std::move(value));
      }
      Result<Json> result = node.function->implementation(args, context);
      if (!result.ok() && result.status().aws_type().empty()) {
        // AWS: a failing intrinsic is States.IntrinsicFailure naming the function.
        return StatesError(
            kErrorIntrinsicFailure,
            StateErrorPrefix(context) + Format("Invalid arguments in {}: {}", node.function->name,
                                               result.status().message()));
      }
      return result;
    }
  }
  return Json();
}

}  // namespace

IntrinsicExpression::IntrinsicExpression(std::string text, std::shared_ptr<const Node> root)
    : text_(std::move(text)), root_(std::move(root)) {}

Result<IntrinsicExpression> IntrinsicExpression::Parse(std::string_view text,
                                                       const IntrinsicRegistry& registry) {
  CallParser parser(text, registry);
  STRATUS_ASSIGN_OR_RETURN(Node root, parser.ParseAll());
  return IntrinsicExpression(std::string(text), std::make_shared<const Node>(std::move(root)));
}

bool IntrinsicExpression::LooksLikeCall(std::string_view text) {
  return text.substr(0, 7) == "States.";
}

Result<Json> IntrinsicExpression::Evaluate(const Json& input,
                                           const EvaluationContext& context) const {
  return EvaluateNode(*root_, input, context);
}

const std::string& IntrinsicExpression::text() const {
  return text_;
}

}  // namespace stratus::states::asl
