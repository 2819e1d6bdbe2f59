#include "states/jsonata/function_internal.h"
#include "states/jsonata/jsonata.h"
#include "states/jsonata/node_internal.h"

namespace stratus::states::jsonata {

void Frame::Bind(std::string_view name, Value value) {
  for (auto& [key, existing] : bindings_) {
    if (key == name) {
      existing = std::move(value);
      return;
    }
  }
  bindings_.emplace_back(std::string(name), std::move(value));
}

const Value* Frame::Lookup(std::string_view name) const {
  for (const Frame* frame = this; frame != nullptr; frame = frame->parent_.get()) {
    for (const auto& [key, value] : frame->bindings_) {
      if (key == name) {
        return &value;
      }
    }
  }
  return nullptr;
}

std::shared_ptr<Frame> Frame::Clear() {
  bindings_.clear();
  return std::move(parent_);
}

int LambdaFunction::Arity() const {
  return static_cast<int>(node_->params.size());
}

int NativeFunctionRef::Arity() const {
  return signature_.has_value() ? static_cast<int>(signature_->num_params()) : 1;
}

int PartialFunction::Arity() const {
  int placeholders = 0;
  for (const auto& arg : args_) {
    if (!arg.has_value()) {
      ++placeholders;
    }
  }
  return placeholders;
}

}  // namespace stratus::states::jsonata
