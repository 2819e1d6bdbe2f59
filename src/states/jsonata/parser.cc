#include <string>
#include <utility>

#include "states/jsonata/error_internal.h"
#include "states/jsonata/lexer_internal.h"
#include "states/jsonata/parser_internal.h"
#include "states/jsonata/regex_internal.h"

namespace stratus::states::jsonata {
namespace {

// Left binding powers of the operators (jsonata-js parser.js).
int BindingPower(const Token& token) {
  if (token.type != TokenType::kOperator) {
    return 0;
  }
  const std::string& op = token.text;
  if (op == ".") {
    return 75;
  }
  if (op == "[" || op == "(" || op == "@" || op == "#") {
    return 80;
  }
  if (op == "{") {
    return 70;
  }
  if (op == "*" || op == "/" || op == "%") {
    return 60;
  }
  if (op == "+" || op == "-" || op == "&") {
    return 50;
  }
  if (op == "=" || op == "<" || op == ">" || op == "^" || op == "!=" || op == "<=" || op == ">=" ||
      op == "~>" || op == "?:" || op == "??" || op == "in") {
    return 40;
  }
  if (op == "and") {
    return 30;
  }
  if (op == "or") {
    return 25;
  }
  if (op == "?") {
    return 20;
  }
  if (op == ":=") {
    return 10;
  }
  return 0;
}

bool IsKnownOperator(const std::string& op) {
  return op != "!" && op != "~";
}

std::optional<BinaryOp> InfixOperator(const std::string& op) {
  if (op == ".") {
    return BinaryOp::kPath;
  }
  if (op == "+") {
    return BinaryOp::kAdd;
  }
  if (op == "-") {
    return BinaryOp::kSubtract;
  }
  if (op == "*") {
    return BinaryOp::kMultiply;
  }
  if (op == "/") {
    return BinaryOp::kDivide;
  }
  if (op == "%") {
    return BinaryOp::kModulo;
  }
  if (op == "=") {
    return BinaryOp::kEqual;
  }
  if (op == "!=") {
    return BinaryOp::kNotEqual;
  }
  if (op == "<") {
    return BinaryOp::kLess;
  }
  if (op == "<=") {
    return BinaryOp::kLessEqual;
  }
  if (op == ">") {
    return BinaryOp::kGreater;
  }
  if (op == ">=") {
    return BinaryOp::kGreaterEqual;
  }
  if (op == "&") {
    return BinaryOp::kConcat;
  }
  if (op == "and") {
    return BinaryOp::kAnd;
  }
  if (op == "or") {
    return BinaryOp::kOr;
  }
  if (op == "in") {
    return BinaryOp::kIn;
  }
  if (op == "~>") {
    return BinaryOp::kApply;
  }
  return std::nullopt;
}

// The text the "got ..." part of a syntax error shows for a token.
std::string TokenValue(const Token& token) {
  switch (token.type) {
    case TokenType::kEnd:
      return "(end)";
    case TokenType::kNumber:
    case TokenType::kValue:
      return token.literal.dump();
    default:
      return token.text;
  }
}

std::unique_ptr<Node> NewNode(NodeType type, size_t position) {
  auto node = std::make_unique<Node>();
  node->type = type;
  node->position = position;
  return node;
}

// A Pratt (top-down operator precedence) parser, as in jsonata-js.
class Parser {
 public:
  explicit Parser(std::string_view source) : lexer_(source) {}

  Result<std::unique_ptr<Node>> Run() {
    STRATUS_RETURN_IF_ERROR(Advance("", false));
    STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<Node> expression, Expression(0));
    if (current_.type != TokenType::kEnd) {
      return JsonataError("S0201", {.token = TokenValue(current_)});
    }
    return expression;
  }

 private:
  bool At(std::string_view op) const {
    return current_.type == TokenType::kOperator && current_.text == op;
  }

  Status Advance(std::string_view expected, bool infix) {
    if (!expected.empty() && !At(expected)) {
      const bool at_end = current_.type == TokenType::kEnd;
      return JsonataError(at_end ? "S0203" : "S0202",
                          {.token = TokenValue(current_), .value = std::string(expected)});
    }
    STRATUS_ASSIGN_OR_RETURN(current_, lexer_.Next(infix));
    if (current_.type == TokenType::kOperator && !IsKnownOperator(current_.text)) {
      return JsonataError("S0204", {.token = current_.text});
    }
    return Status::Ok();
  }

  Result<std::unique_ptr<Node>> Expression(int rbp) {
    if (++depth_ > kMaxDepth) {
      return JsonataError("S0201", {.token = "expression nested too deeply"});
    }
    Token token = std::move(current_);
    STRATUS_RETURN_IF_ERROR(Advance("", true));
    STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<Node> left, Nud(std::move(token)));
    while (rbp < BindingPower(current_)) {
      token = std::move(current_);
      STRATUS_RETURN_IF_ERROR(Advance("", false));
      STRATUS_ASSIGN_OR_RETURN(left, Led(token, std::move(left)));
    }
    --depth_;
    return left;
  }

  Result<std::unique_ptr<Node>> Nud(Token token);
  Result<std::unique_ptr<Node>> Led(const Token& token, std::unique_ptr<Node> left);
  Result<std::unique_ptr<Node>> ParseBlock(size_t position);
  Result<std::unique_ptr<Node>> ParseArray(size_t position);
  Status ParseObjectPairs(Node& node);
  Result<std::unique_ptr<Node>> ParseTransform(size_t position);
  Result<std::unique_ptr<Node>> ParseCall(size_t position, std::unique_ptr<Node> procedure);
  Status ParseLambdaRest(Node& node);
  Result<std::unique_ptr<Node>> ParsePredicate(size_t position, std::unique_ptr<Node> left);
  Result<std::unique_ptr<Node>> ParseSort(size_t position, std::unique_ptr<Node> left);

  static constexpr int kMaxDepth = 500;

  Lexer lexer_;
  Token current_;
  int depth_ = 0;
};

Result<std::unique_ptr<Node>> Parser::Nud(Token token) {
  const size_t position = token.position;
  switch (token.type) {
    case TokenType::kEnd:
      return NewNode(NodeType::kEnd, position);
    case TokenType::kName: {
      auto node = NewNode(NodeType::kName, position);
      node->name = std::move(token.text);
      return node;
    }
    case TokenType::kVariable: {
      auto node = NewNode(NodeType::kVariable, position);
      node->name = std::move(token.text);
      return node;
    }
    case TokenType::kString: {
      auto node = NewNode(NodeType::kString, position);
      node->literal = std::move(token.text);
      return node;
    }
    case TokenType::kNumber: {
      auto node = NewNode(NodeType::kNumber, position);
      node->literal = std::move(token.literal);
      return node;
    }
    case TokenType::kValue: {
      auto node = NewNode(NodeType::kValue, position);
      node->literal = std::move(token.literal);
      return node;
    }
    case TokenType::kRegex: {
      auto node = NewNode(NodeType::kRegex, position);
      STRATUS_ASSIGN_OR_RETURN(CompiledRegex regex, CompiledRegex::Compile(std::move(token.text),
                                                                           std::move(token.flags)));
      node->regex = std::make_shared<const CompiledRegex>(std::move(regex));
      return node;
    }
    case TokenType::kOperator:
      break;
  }
  const std::string& op = token.text;
  if (op == "and" || op == "or" || op == "in") {
    auto node = NewNode(NodeType::kOperatorName, position);
    node->name = op;
    return node;
  }
  if (op == "-") {
    auto node = NewNode(NodeType::kNegate, position);
    STRATUS_ASSIGN_OR_RETURN(node->lhs, Expression(70));
    return node;
  }
  if (op == "*") {
    return NewNode(NodeType::kWildcard, position);
  }
  if (op == "**") {
    return NewNode(NodeType::kDescendant, position);
  }
  if (op == "%") {
    return NewNode(NodeType::kParent, position);
  }
  if (op == "(") {
    return ParseBlock(position);
  }
  if (op == "[") {
    return ParseArray(position);
  }
  if (op == "{") {
    auto node = NewNode(NodeType::kObject, position);
    STRATUS_RETURN_IF_ERROR(ParseObjectPairs(*node));
    return node;
  }
  if (op == "|") {
    return ParseTransform(position);
  }
  return JsonataError("S0211", {.token = op});
}

Result<std::unique_ptr<Node>> Parser::Led(const Token& token, std::unique_ptr<Node> left) {
  const size_t position = token.position;
  const std::string& op = token.text;
  if (op == "(") {
    return ParseCall(position, std::move(left));
  }
  if (op == "[") {
    return ParsePredicate(position, std::move(left));
  }
  if (op == "^") {
    return ParseSort(position, std::move(left));
  }
  if (op == "{") {
    auto node = NewNode(NodeType::kRawGroup, position);
    node->lhs = std::move(left);
    STRATUS_RETURN_IF_ERROR(ParseObjectPairs(*node));
    return node;
  }
  if (op == ":=") {
    if (left->type != NodeType::kVariable) {
      return JsonataError("S0212", {.token = left->name});
    }
    auto node = NewNode(NodeType::kBinary, position);
    node->op = BinaryOp::kBind;
    node->lhs = std::move(left);
    STRATUS_ASSIGN_OR_RETURN(node->rhs, Expression(10 - 1));
    return node;
  }
  if (op == "@" || op == "#") {
    auto node = NewNode(op == "@" ? NodeType::kRawFocus : NodeType::kRawIndex, position);
    node->lhs = std::move(left);
    STRATUS_ASSIGN_OR_RETURN(node->rhs, Expression(80));
    if (node->rhs->type != NodeType::kVariable) {
      return JsonataError("S0214", {.token = op});
    }
    return node;
  }
  if (op == "?") {
    auto node = NewNode(NodeType::kCondition, position);
    node->condition = std::move(left);
    STRATUS_ASSIGN_OR_RETURN(node->then_branch, Expression(0));
    if (At(":")) {
      STRATUS_RETURN_IF_ERROR(Advance(":", false));
      STRATUS_ASSIGN_OR_RETURN(node->else_branch, Expression(0));
    }
    return node;
  }
  if (op == "?:" || op == "??") {
    auto node = NewNode(op == "?:" ? NodeType::kElvis : NodeType::kCoalesce, position);
    node->lhs = std::move(left);
    STRATUS_ASSIGN_OR_RETURN(node->rhs, Expression(0));
    return node;
  }
  const std::optional<BinaryOp> binary = InfixOperator(op);
  if (!binary.has_value()) {
    return JsonataError("S0201", {.token = op});
  }
  auto node = NewNode(NodeType::kBinary, position);
  node->op = *binary;
  node->lhs = std::move(left);
  STRATUS_ASSIGN_OR_RETURN(node->rhs, Expression(BindingPower(token)));
  return node;
}

Result<std::unique_ptr<Node>> Parser::ParseBlock(size_t position) {
  auto node = NewNode(NodeType::kBlock, position);
  while (!At(")")) {
    STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<Node> item, Expression(0));
    node->items.push_back(std::move(item));
    if (!At(";")) {
      break;
    }
    STRATUS_RETURN_IF_ERROR(Advance(";", false));
  }
  STRATUS_RETURN_IF_ERROR(Advance(")", true));
  return node;
}

Result<std::unique_ptr<Node>> Parser::ParseArray(size_t position) {
  auto node = NewNode(NodeType::kArray, position);
  if (!At("]")) {
    for (;;) {
      STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<Node> item, Expression(0));
      if (At("..")) {
        auto range = NewNode(NodeType::kBinary, current_.position);
        range->op = BinaryOp::kRange;
        range->lhs = std::move(item);
        STRATUS_RETURN_IF_ERROR(Advance("..", false));
        STRATUS_ASSIGN_OR_RETURN(range->rhs, Expression(0));
        item = std::move(range);
      }
      node->items.push_back(std::move(item));
      if (!At(",")) {
        break;
      }
      STRATUS_RETURN_IF_ERROR(Advance(",", false));
    }
  }
  STRATUS_RETURN_IF_ERROR(Advance("]", true));
  return node;
}

Status Parser::ParseObjectPairs(Node& node) {
  if (!At("}")) {
    for (;;) {
      STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<Node> key, Expression(0));
      STRATUS_RETURN_IF_ERROR(Advance(":", false));
      STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<Node> value, Expression(0));
      node.pairs.emplace_back(std::move(key), std::move(value));
      if (!At(",")) {
        break;
      }
      STRATUS_RETURN_IF_ERROR(Advance(",", false));
    }
  }
  return Advance("}", true);
}

Result<std::unique_ptr<Node>> Parser::ParseTransform(size_t position) {
  auto node = NewNode(NodeType::kTransform, position);
  STRATUS_ASSIGN_OR_RETURN(node->pattern, Expression(0));
  STRATUS_RETURN_IF_ERROR(Advance("|", false));
  STRATUS_ASSIGN_OR_RETURN(node->update, Expression(0));
  if (At(",")) {
    STRATUS_RETURN_IF_ERROR(Advance(",", false));
    STRATUS_ASSIGN_OR_RETURN(node->deletion, Expression(0));
  }
  STRATUS_RETURN_IF_ERROR(Advance("|", false));
  return node;
}

Result<std::unique_ptr<Node>> Parser::ParseCall(size_t position, std::unique_ptr<Node> procedure) {
  auto node = NewNode(NodeType::kFunctionCall, position);
  if (!At(")")) {
    for (;;) {
      if (At("?")) {
        node->type = NodeType::kPartial;
        node->items.push_back(NewNode(NodeType::kPlaceholder, current_.position));
        STRATUS_RETURN_IF_ERROR(Advance("?", false));
      } else {
        STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<Node> arg, Expression(0));
        node->items.push_back(std::move(arg));
      }
      if (!At(",")) {
        break;
      }
      STRATUS_RETURN_IF_ERROR(Advance(",", false));
    }
  }
  STRATUS_RETURN_IF_ERROR(Advance(")", true));
  if (procedure->type == NodeType::kName &&
      (procedure->name == "function" || procedure->name == "\u03BB")) {
    for (size_t i = 0; i < node->items.size(); ++i) {
      const Node& arg = *node->items[i];
      if (arg.type != NodeType::kVariable) {
        return JsonataError("S0208", {.token = arg.name, .value = static_cast<int>(i + 1)});
      }
    }
    node->type = NodeType::kLambda;
    for (const auto& arg : node->items) {
      node->params.push_back(arg->name);
    }
    node->items.clear();
    STRATUS_RETURN_IF_ERROR(ParseLambdaRest(*node));
    return node;
  }
  node->procedure = std::move(procedure);
  return node;
}

Status Parser::ParseLambdaRest(Node& node) {
  if (At("<")) {
    int depth = 1;
    std::string signature = "<";
    while (depth > 0 && !At("{") && current_.type != TokenType::kEnd) {
      STRATUS_RETURN_IF_ERROR(Advance("", false));
      if (At(">")) {
        --depth;
      } else if (At("<")) {
        ++depth;
      }
      signature += current_.type == TokenType::kEnd ? "" : TokenValue(current_);
    }
    STRATUS_RETURN_IF_ERROR(Advance(">", false));
    STRATUS_ASSIGN_OR_RETURN(node.signature, Signature::Parse(signature));
  }
  STRATUS_RETURN_IF_ERROR(Advance("{", false));
  STRATUS_ASSIGN_OR_RETURN(node.body, Expression(0));
  return Advance("}", false);
}

Result<std::unique_ptr<Node>> Parser::ParsePredicate(size_t position, std::unique_ptr<Node> left) {
  if (At("]")) {
    // An empty predicate keeps singleton arrays in the output.
    Node* step = left.get();
    while (step->type == NodeType::kBinary && step->op == BinaryOp::kPredicate) {
      step = step->lhs.get();
    }
    step->keep_array = true;
    STRATUS_RETURN_IF_ERROR(Advance("]", false));
    return left;
  }
  auto node = NewNode(NodeType::kBinary, position);
  node->op = BinaryOp::kPredicate;
  node->lhs = std::move(left);
  STRATUS_ASSIGN_OR_RETURN(node->rhs, Expression(0));
  STRATUS_RETURN_IF_ERROR(Advance("]", true));
  return node;
}

Result<std::unique_ptr<Node>> Parser::ParseSort(size_t position, std::unique_ptr<Node> left) {
  STRATUS_RETURN_IF_ERROR(Advance("(", false));
  auto node = NewNode(NodeType::kRawSort, position);
  node->lhs = std::move(left);
  for (;;) {
    SortTerm term;
    if (At("<")) {
      STRATUS_RETURN_IF_ERROR(Advance("<", false));
    } else if (At(">")) {
      term.descending = true;
      STRATUS_RETURN_IF_ERROR(Advance(">", false));
    }
    STRATUS_ASSIGN_OR_RETURN(term.expression, Expression(0));
    node->terms.push_back(std::move(term));
    if (!At(",")) {
      break;
    }
    STRATUS_RETURN_IF_ERROR(Advance(",", false));
  }
  STRATUS_RETURN_IF_ERROR(Advance(")", false));
  return node;
}

}  // namespace

Result<std::unique_ptr<Node>> ParseRaw(std::string_view source) {
  Parser parser(source);
  return parser.Run();
}

Result<std::unique_ptr<Program>> Parse(std::string_view source) {
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<Node> raw, ParseRaw(source));
  auto program = std::make_unique<Program>();
  STRATUS_ASSIGN_OR_RETURN(program->root, ProcessAst(std::move(raw), *program));
  return program;
}

}  // namespace stratus::states::jsonata
