#include "states/asl/payload_template.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/format.h"
#include "states/asl/errors.h"
#include "states/asl/evaluation_context.h"
#include "states/asl/intrinsic_expression.h"
#include "states/asl/json_path.h"

namespace stratus::states::asl {

struct PayloadTemplate::Node {  // NOLINT(bugprone-exception-escape): only allocation throws.
  enum class Kind : uint8_t { kConstant, kObject, kArray, kPath, kIntrinsic };

  Kind kind = Kind::kConstant;
  Json constant = {};
  std::vector<std::pair<std::string, Node>> members = {};
  std::vector<Node> items = {};
  std::optional<JsonPath> path = std::nullopt;
  std::optional<IntrinsicExpression> intrinsic = std::nullopt;
  /// The key as written ("x.$"), for error messages.
  std::string field = {};
  /// Root only: the template as written.
  Json source = {};
};

namespace {

using Node = PayloadTemplate::Node;

constexpr std::string_view kDynamicSuffix = ".$";

bool IsDynamicKey(std::string_view key) {
  return key.size() > kDynamicSuffix.size() &&
         key.substr(key.size() - kDynamicSuffix.size()) == kDynamicSuffix;
}

bool HasDynamicKey(const Json& value) {
  if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      if (IsDynamicKey(key) || HasDynamicKey(item)) {
        return true;
      }
    }
  } else if (value.is_array()) {
    for (const Json& item : value) {
      if (HasDynamicKey(item)) {
        return true;
      }
    }
  }
  return false;
}

Status InvalidDynamicValue(std::string_view key) {
  return Status::InvalidArgument(
      Format("The value for the field '{}' must be a valid JSONPath or a valid intrinsic "
             "function call",
             key));
}

Result<Node> CompileDynamic(std::string_view key,
                            const Json& value,
                            const IntrinsicRegistry& registry) {
  if (!value.is_string()) {
    return InvalidDynamicValue(key);
  }
  const auto& text = value.get_ref<const std::string&>();
  Node node;
  node.field = std::string(key);
  if (IntrinsicExpression::LooksLikeCall(text)) {
    auto intrinsic = IntrinsicExpression::Parse(text, registry);
    if (!intrinsic.ok()) {
      return InvalidDynamicValue(key);
    }
    node.kind = Node::Kind::kIntrinsic;
    node.intrinsic = std::move(intrinsic).value();
    return node;
  }
  auto path = JsonPath::Parse(text);
  if (!path.ok()) {
    return InvalidDynamicValue(key);
  }
  node.kind = Node::Kind::kPath;
  node.path = std::move(path).value();
  return node;
}

Result<Node> CompileNode(const Json& value, const IntrinsicRegistry& registry) {
  Node node;
  if (!HasDynamicKey(value)) {
    node.constant = value;
    return node;
  }
  if (value.is_array()) {
    node.kind = Node::Kind::kArray;
    for (const Json& item : value) {
      STRATUS_ASSIGN_OR_RETURN(Node child, CompileNode(item, registry));
      node.items.push_back(std::move(child));
    }
    return node;
  }
  node.kind = Node::Kind::kObject;
  for (const auto& [key, item] : value.items()) {
    if (IsDynamicKey(key)) {
      STRATUS_ASSIGN_OR_RETURN(Node child, CompileDynamic(key, item, registry));
      node.members.emplace_back(key.substr(0, key.size() - kDynamicSuffix.size()),
                                std::move(child));
    } else {
      STRATUS_ASSIGN_OR_RETURN(Node child, CompileNode(item, registry));
      node.members.emplace_back(key, std::move(child));
    }
  }
  return node;
}

Status PathNotFound(const Node& node,
                    std::string_view path_text,
                    const Json& input,
                    const EvaluationContext& context) {
  return RuntimeError(context,
                      Format("The JSONPath '{}' specified for the field '{}' could not be found "
                             "in the input '{}'",
                             path_text, node.field, DumpJson(input)));
}

Result<Json> EvaluateNode(const Node& node, const Json& input, const EvaluationContext& context) {
  switch (node.kind) {
    case Node::Kind::kConstant:
      return node.constant;
    case Node::Kind::kObject: {
      Json out = Json::object();
      for (const auto& [key, child] : node.members) {
        STRATUS_ASSIGN_OR_RETURN(out[key], EvaluateNode(child, input, context));
      }
      return out;
    }
    case Node::Kind::kArray: {
      Json out = Json::array();
      for (const Node& child : node.items) {
        STRATUS_ASSIGN_OR_RETURN(Json value, EvaluateNode(child, input, context));
        out.push_back(std::move(value));
      }
      return out;
    }
    case Node::Kind::kPath: {
      Result<Json> value = EvaluatePath(*node.path, input, context);
      if (!value.ok()) {
        return PathNotFound(node, node.path->text(), input, context);
      }
      return value;
    }
    case Node::Kind::kIntrinsic: {
      Result<Json> value = node.intrinsic->Evaluate(input, context);
      if (!value.ok() && value.status().aws_type().empty()) {
        return PathNotFound(node, node.intrinsic->text(), input, context);
      }
      return value;
    }
  }
  return Json();
}

}  // namespace

Result<PayloadTemplate> PayloadTemplate::Compile(const Json& value,
                                                 const IntrinsicRegistry& registry) {
  STRATUS_ASSIGN_OR_RETURN(Node root, CompileNode(value, registry));
  root.source = value;
  return PayloadTemplate(std::make_shared<const Node>(std::move(root)));
}

Result<Json> PayloadTemplate::Evaluate(const Json& input, const EvaluationContext& context) const {
  return EvaluateNode(*root_, input, context);
}

const Json& PayloadTemplate::source() const {
  return root_->source;
}

}  // namespace stratus::states::asl
