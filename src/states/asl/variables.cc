#include "states/asl/variables.h"

namespace stratus::states::asl {

const Json* VariableScope::Find(std::string_view name) const {
  auto it = values_.find(name);
  if (it != values_.end()) {
    return &*it;
  }
  return parent_ != nullptr ? parent_->Find(name) : nullptr;
}

void VariableScope::Assign(Json assignments) {
  if (!assignments.is_object()) {
    return;
  }
  for (auto& [name, value] : assignments.items()) {
    values_[name] = std::move(value);
  }
}

}  // namespace stratus::states::asl
