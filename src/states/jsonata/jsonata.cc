#include "states/jsonata/jsonata.h"

#include <cmath>
#include <utility>

#include "states/jsonata/builtins_internal.h"
#include "states/jsonata/error_internal.h"
#include "states/jsonata/evaluator_internal.h"
#include "states/jsonata/parser_internal.h"

namespace stratus::states {

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

JsonataBindings::JsonataBindings(const JsonataBindings* parent)
    : max_steps_(parent != nullptr ? parent->max_steps() : kDefaultMaxSteps), parent_(parent) {}

JsonataBindings::~JsonataBindings() = default;

const Clock* JsonataBindings::clock() const {
  if (clock_ == nullptr && parent_ != nullptr) {
    return parent_->clock();
  }
  return clock_;
}

IdGenerator* JsonataBindings::id_generator() const {
  if (ids_ == nullptr && parent_ != nullptr) {
    return parent_->id_generator();
  }
  return ids_;
}

void JsonataBindings::SetVariable(std::string name, Json value) {
  auto owned = std::make_unique<Json>(std::move(value));
  objects_.erase(name);
  variables_[name] = owned.get();
  owned_[std::move(name)] = std::move(owned);
}

void JsonataBindings::BindVariable(std::string name, const Json& value) {
  owned_.erase(name);
  objects_.erase(name);
  variables_[std::move(name)] = &value;
}

void JsonataBindings::BindObject(std::string name,
                                 std::vector<std::pair<std::string, const Json*>> members) {
  owned_.erase(name);
  variables_.erase(name);
  objects_[std::move(name)] = std::move(members);
}

const std::vector<std::pair<std::string, const Json*>>* JsonataBindings::FindObject(
    std::string_view name) const {
  auto it = objects_.find(name);
  if (it != objects_.end()) {
    return &it->second;
  }
  if (variables_.count(name) == 0 && functions_.count(name) == 0 && parent_ != nullptr) {
    return parent_->FindObject(name);
  }
  return nullptr;
}

void JsonataBindings::SetFunction(std::string name, JsonataNativeFunction function) {
  functions_[std::move(name)] = std::move(function);
}

const Json* JsonataBindings::FindVariable(std::string_view name) const {
  auto it = variables_.find(name);
  if (it != variables_.end()) {
    return it->second;
  }
  if (objects_.count(name) == 0 && functions_.count(name) == 0 && parent_ != nullptr) {
    return parent_->FindVariable(name);
  }
  return nullptr;
}

const JsonataNativeFunction* JsonataBindings::FindFunction(std::string_view name) const {
  auto it = functions_.find(name);
  if (it != functions_.end()) {
    return &it->second;
  }
  if (variables_.count(name) == 0 && objects_.count(name) == 0 && parent_ != nullptr) {
    return parent_->FindFunction(name);
  }
  return nullptr;
}

JsonataExpression::JsonataExpression(std::shared_ptr<const std::string> text,
                                     std::shared_ptr<const jsonata::Program> program)
    : text_(std::move(text)), program_(std::move(program)) {}

Result<JsonataExpression> JsonataExpression::Compile(std::string_view text) {
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<jsonata::Program> program, jsonata::Parse(text));
  return JsonataExpression(std::make_shared<const std::string>(text),
                           std::shared_ptr<const jsonata::Program>(std::move(program)));
}

Result<std::optional<Json>> JsonataExpression::Evaluate(const Json& input,
                                                        const JsonataBindings& bindings) const {
  jsonata::Evaluator evaluator(bindings, jsonata::Builtins());
  STRATUS_ASSIGN_OR_RETURN(jsonata::Value value, evaluator.EvaluateRoot(*program_->root, input));
  if (value.undefined()) {
    return std::optional<Json>();
  }
  if (value.IsNumber() && !std::isfinite(value.AsNumber())) {
    return jsonata::JsonataError("D1001", {.value = jsonata::NonFiniteText(value.AsNumber())});
  }
  Json out;
  if (!jsonata::ToJson(value, out, /*nested_function_as_empty=*/false)) {
    return jsonata::JsonataError(kJsonataUnsupportedResultCode);
  }
  return std::optional<Json>(std::move(out));
}

}  // namespace stratus::states
