#include <utility>

#include "base/check.h"
#include "states/jsonata/builtins_internal.h"

namespace stratus::states::jsonata {

void BuiltinRegistry::Add(std::string name,
                          std::string_view signature,
                          int arity,
                          BuiltinImpl impl) {
  Result<Signature> parsed = Signature::Parse(signature);
  STRATUS_CHECK(parsed.ok(), "bad signature for ${}: {}", name, parsed.status().ToString());
  auto builtin = std::make_unique<BuiltinFunction>();
  builtin->name = name;
  builtin->signature = std::move(parsed).value();
  builtin->arity = arity;
  builtin->impl = impl;
  values_[name] = Value::FromFunction(std::make_shared<BuiltinFunctionRef>(builtin.get()));
  functions_[std::move(name)] = std::move(builtin);
}

const Value* BuiltinRegistry::Find(std::string_view name) const {
  auto it = values_.find(name);
  return it == values_.end() ? nullptr : &it->second;
}

const BuiltinRegistry& Builtins() {
  static const BuiltinRegistry* const kRegistry = [] {
    auto registry = std::make_unique<BuiltinRegistry>();
    RegisterStringFunctions(*registry);
    RegisterNumericFunctions(*registry);
    RegisterArrayFunctions(*registry);
    RegisterObjectFunctions(*registry);
    RegisterHigherOrderFunctions(*registry);
    RegisterDateTimeFunctions(*registry);
    RegisterFormatFunctions(*registry);
    return registry.release();  // Intentionally leaked: lives for the process.
  }();
  return *kRegistry;
}

Json ToJsonLenient(const Value& value) {
  Json json;
  (void)ToJson(value, json, /*nested_function_as_empty=*/true);
  return json;
}

}  // namespace stratus::states::jsonata
