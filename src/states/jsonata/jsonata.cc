#include "states/jsonata/jsonata.h"

#include <utility>

namespace stratus::states {

namespace jsonata {
// The compiled syntax tree; defined by the parser.
struct Node {};
}  // namespace jsonata

std::string_view JsonataErrorCode(const Status& status) {
  const std::string& message = status.message();
  const size_t colon = message.find(": ");
  if (colon == std::string::npos || colon == 0 || colon > 8) {
    return {};
  }
  return std::string_view(message).substr(0, colon);
}

std::string_view JsonataErrorMessage(const Status& status) {
  const std::string_view code = JsonataErrorCode(status);
  std::string_view message = status.message();
  return code.empty() ? message : message.substr(code.size() + 2);
}

JsonataBindings::~JsonataBindings() = default;

void JsonataBindings::SetVariable(std::string name, Json value) {
  auto owned = std::make_unique<Json>(std::move(value));
  variables_[name] = owned.get();
  owned_[std::move(name)] = std::move(owned);
}

void JsonataBindings::BindVariable(std::string name, const Json& value) {
  owned_.erase(name);
  variables_[std::move(name)] = &value;
}

void JsonataBindings::SetFunction(std::string name, JsonataNativeFunction function) {
  functions_[std::move(name)] = std::move(function);
}

const Json* JsonataBindings::FindVariable(std::string_view name) const {
  auto it = variables_.find(name);
  return it == variables_.end() ? nullptr : it->second;
}

const JsonataNativeFunction* JsonataBindings::FindFunction(std::string_view name) const {
  auto it = functions_.find(name);
  return it == functions_.end() ? nullptr : &it->second;
}

JsonataExpression::JsonataExpression(std::shared_ptr<const std::string> text,
                                     std::shared_ptr<const jsonata::Node> root)
    : text_(std::move(text)), root_(std::move(root)) {}

Result<JsonataExpression> JsonataExpression::Compile(std::string_view text) {
  (void)text;
  return Status::NotImplemented("JSONata is not implemented yet");
}

Result<std::optional<Json>> JsonataExpression::Evaluate(const Json& input,
                                                        const JsonataBindings& bindings) const {
  (void)input;
  (void)bindings;
  return Status::NotImplemented("JSONata is not implemented yet");
}

}  // namespace stratus::states
