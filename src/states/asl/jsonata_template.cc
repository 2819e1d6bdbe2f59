#include "states/asl/jsonata_template.h"

#include <string>
#include <utility>
#include <vector>

#include "base/format.h"
#include "states/asl/errors.h"
#include "states/asl/evaluation_context.h"
#include "states/asl/jsonata_evaluator.h"

namespace stratus::states::asl {

struct JsonataTemplate::Node {  // NOLINT(bugprone-exception-escape): only allocation throws.
  enum class Kind : uint8_t { kConstant, kObject, kArray, kExpression };

  Kind kind = Kind::kConstant;
  Json constant = {};
  std::vector<std::pair<std::string, Node>> members = {};
  std::vector<Node> items = {};
  /// The expression between "{%" and "%}", trimmed.
  std::string expression = {};
  /// Where the node sits below the field, for messages: "/result", "/n/1".
  std::string suffix = {};
  /// Root only: the value as written.
  Json source = {};
};

namespace {

using Node = JsonataTemplate::Node;

// The JSONata error code for a value without a JSON form (a function);
// states/jsonata's kJsonataUnsupportedResultCode.
constexpr std::string_view kUnsupportedResultCode = "U1001";

std::string_view Trim(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    return {};
  }
  const size_t last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

bool HasExpression(const Json& value) {
  if (value.is_string()) {
    return JsonataTemplate::IsExpression(value.get_ref<const std::string&>());
  }
  if (value.is_object() || value.is_array()) {
    for (const Json& item : value) {
      if (HasExpression(item)) {
        return true;
      }
    }
  }
  return false;
}

Result<Node> CompileNode(const Json& value,
                         const JsonataEvaluator* syntax_checker,
                         std::string suffix) {
  Node node;
  node.suffix = std::move(suffix);
  if (!HasExpression(value)) {
    node.constant = value;
    return node;
  }
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    node.kind = Node::Kind::kExpression;
    node.expression = std::string(Trim(std::string_view(text).substr(2, text.size() - 4)));
    if (syntax_checker != nullptr) {
      STRATUS_RETURN_IF_ERROR(syntax_checker->CheckSyntax(node.expression));
    }
    return node;
  }
  if (value.is_array()) {
    node.kind = Node::Kind::kArray;
    for (size_t i = 0; i < value.size(); ++i) {
      STRATUS_ASSIGN_OR_RETURN(
          Node child, CompileNode(value[i], syntax_checker, Format("{}/{}", node.suffix, i)));
      node.items.push_back(std::move(child));
    }
    return node;
  }
  node.kind = Node::Kind::kObject;
  for (const auto& [key, item] : value.items()) {
    STRATUS_ASSIGN_OR_RETURN(Node child,
                             CompileNode(item, syntax_checker, node.suffix + "/" + key));
    node.members.emplace_back(key, std::move(child));
  }
  return node;
}

// `field` names the template's field ("Output"); a node's messages append
// its suffix ("Output/result").
Result<Json> EvaluateNode(const Node& node,
                          const JsonataBindings& bindings,
                          const EvaluationContext& context,
                          std::string_view field) {
  switch (node.kind) {
    case Node::Kind::kConstant:
      return node.constant;
    case Node::Kind::kObject: {
      Json out = Json::object();
      for (const auto& [key, child] : node.members) {
        STRATUS_ASSIGN_OR_RETURN(out[key], EvaluateNode(child, bindings, context, field));
      }
      return out;
    }
    case Node::Kind::kArray: {
      Json out = Json::array();
      for (const Node& child : node.items) {
        STRATUS_ASSIGN_OR_RETURN(Json value, EvaluateNode(child, bindings, context, field));
        out.push_back(std::move(value));
      }
      return out;
    }
    case Node::Kind::kExpression: {
      if (context.jsonata == nullptr) {
        return QueryEvaluationError(
            context, Format("The JSONata expression '{}' specified for the field '{}{}' cannot be "
                            "evaluated: no JSONata evaluator is configured.",
                            node.expression, field, node.suffix));
      }
      Result<std::optional<Json>> value = context.jsonata->Evaluate(node.expression, bindings);
      if (!value.ok() && value.status().message().substr(0, 5) == kUnsupportedResultCode) {
        return QueryEvaluationError(
            context, Format("The JSONata expression '{}' specified for the field '{}{}' returned "
                            "an unsupported result type.",
                            node.expression, field, node.suffix));
      }
      if (!value.ok()) {
        return QueryEvaluationError(
            context, Format("The JSONata expression '{}' specified for the field '{}{}' threw an "
                            "error during evaluation. {}",
                            node.expression, field, node.suffix, value.status().message()));
      }
      if (!value->has_value()) {
        return QueryEvaluationError(
            context, Format("The JSONata expression '{}' specified for the field '{}{}' returned "
                            "nothing (undefined).",
                            node.expression, field, node.suffix));
      }
      return std::move(**value);
    }
  }
  return Json();
}

}  // namespace

std::optional<JsonataTemplate::SyntaxError> JsonataTemplate::FindSyntaxError(
    const Json& value, const JsonataEvaluator& syntax_checker) {
  if (!HasExpression(value)) {
    return std::nullopt;
  }
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    Status status =
        syntax_checker.CheckSyntax(Trim(std::string_view(text).substr(2, text.size() - 4)));
    if (status.ok()) {
      return std::nullopt;
    }
    return SyntaxError{.suffix = "", .status = std::move(status)};
  }
  auto below = [&](const std::string& step,
                   const Json& item) -> std::optional<JsonataTemplate::SyntaxError> {
    std::optional<SyntaxError> error = FindSyntaxError(item, syntax_checker);
    if (error.has_value()) {
      error->suffix = "/" + step + error->suffix;
    }
    return error;
  };
  if (value.is_array()) {
    for (size_t i = 0; i < value.size(); ++i) {
      if (auto error = below(std::to_string(i), value[i])) {
        return error;
      }
    }
    return std::nullopt;
  }
  for (const auto& [key, item] : value.items()) {
    if (auto error = below(key, item)) {
      return error;
    }
  }
  return std::nullopt;
}

Result<JsonataTemplate> JsonataTemplate::Compile(const Json& value,
                                                 const JsonataEvaluator* syntax_checker) {
  STRATUS_ASSIGN_OR_RETURN(Node root, CompileNode(value, syntax_checker, ""));
  root.source = value;
  return JsonataTemplate(std::make_shared<const Node>(std::move(root)));
}

bool JsonataTemplate::IsExpression(std::string_view text) {
  return text.size() >= 4 && text.substr(0, 2) == "{%" && text.substr(text.size() - 2) == "%}";
}

Result<Json> JsonataTemplate::Evaluate(const StateValues& values,
                                       const EvaluationContext& context,
                                       std::string_view field) const {
  const JsonataBindings bindings{
      .states = values, .context = context.context_object, .variables = context.variables};
  return EvaluateNode(*root_, bindings, context, field);
}

bool JsonataTemplate::is_constant() const {
  return root_->kind == Node::Kind::kConstant;
}

const std::string& JsonataTemplate::expression() const {
  return root_->expression;
}

const Json& JsonataTemplate::source() const {
  return root_->source;
}

}  // namespace stratus::states::asl
