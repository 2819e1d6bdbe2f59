#include "states/asl/intrinsic_registry.h"

#include <algorithm>

#include "base/check.h"

namespace stratus::states::asl {

void IntrinsicRegistry::Register(IntrinsicFunction function) {
  STRATUS_CHECK(function.implementation != nullptr, "intrinsic {} has no implementation",
                function.name);
  std::string name = function.name;
  const bool inserted = functions_.emplace(std::move(name), std::move(function)).second;
  STRATUS_CHECK(inserted, "intrinsic registered twice");
}

const IntrinsicFunction* IntrinsicRegistry::Find(std::string_view name) const {
  auto it = functions_.find(std::string(name));
  return it == functions_.end() ? nullptr : &it->second;
}

std::vector<const IntrinsicFunction*> IntrinsicRegistry::List() const {
  std::vector<const IntrinsicFunction*> out;
  out.reserve(functions_.size());
  for (const auto& [name, function] : functions_) {
    out.push_back(&function);
  }
  std::sort(out.begin(), out.end(), [](const IntrinsicFunction* a, const IntrinsicFunction* b) {
    return a->name < b->name;
  });
  return out;
}

}  // namespace stratus::states::asl
