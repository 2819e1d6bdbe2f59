// Object functions: $keys, $lookup, $spread, $merge, $each, $sift, $error,
// $assert, $type, $clone.

#include <set>
#include <string>
#include <utility>

#include "states/jsonata/builtins_internal.h"
#include "states/jsonata/error_internal.h"
#include "states/jsonata/evaluator_internal.h"

namespace stratus::states::jsonata {
namespace {

void CollectKeys(const Value& value, std::vector<std::string>& keys, std::set<std::string>& seen) {
  if (value.IsArray()) {
    const size_t size = value.ArraySize();
    for (size_t i = 0; i < size; ++i) {
      CollectKeys(value.ArrayAt(i), keys, seen);
    }
    return;
  }
  if (value.IsObject()) {
    for (const auto& [key, child] : value.json().items()) {
      if (seen.insert(key).second) {
        keys.push_back(key);
      }
    }
  }
}

Result<Value> KeysFn(CallContext&, std::vector<Value>& args) {
  std::vector<std::string> keys;
  std::set<std::string> seen;
  CollectKeys(args[0], keys, seen);
  auto sequence = NewSequence();
  for (std::string& key : keys) {
    sequence->items.push_back(Value::String(std::move(key)));
  }
  return Value::FromSequence(std::move(sequence));
}

Result<Value> LookupFn(CallContext&, std::vector<Value>& args) {
  return LookupField(args[0], args[1].AsString());
}

Value Spread(const Value& value) {
  if (value.IsArray()) {
    auto sequence = NewSequence();
    const size_t size = value.ArraySize();
    for (size_t i = 0; i < size; ++i) {
      Value spread = Spread(value.ArrayAt(i));
      if (!spread.undefined()) {
        AppendFlattened(sequence->items, spread);
      }
    }
    return Value::FromSequence(std::move(sequence));
  }
  if (value.IsObject()) {
    auto sequence = NewSequence();
    for (const auto& [key, child] : value.json().items()) {
      sequence->items.push_back(Value::Own(Json{{key, child}}));
    }
    return Value::FromSequence(std::move(sequence));
  }
  return value;
}

Result<Value> SpreadFn(CallContext&, std::vector<Value>& args) {
  return Spread(args[0]);
}

Result<Value> MergeFn(CallContext&, std::vector<Value>& args) {
  if (args[0].undefined()) {
    return Value();
  }
  Json merged = Json::object();
  const size_t size = args[0].ArraySize();
  for (size_t i = 0; i < size; ++i) {
    const Value item = args[0].ArrayAt(i);
    for (const auto& [key, child] : item.json().items()) {
      merged[key] = child;
    }
  }
  return Value::Own(std::move(merged));
}

Result<Value> EachFn(CallContext& context, std::vector<Value>& args) {
  auto sequence = NewSequence();
  const Value& object = args[0];
  if (!object.IsObject()) {
    return Value::FromSequence(std::move(sequence));
  }
  for (const auto& [key, child] : object.json().items()) {
    STRATUS_ASSIGN_OR_RETURN(
        Value result, context.evaluator.CallCallback(args[1], Value::Child(object, child), key,
                                                     object, context.env));
    if (!result.undefined()) {
      sequence->items.push_back(std::move(result));
    }
  }
  return Value::FromSequence(std::move(sequence));
}

Result<Value> SiftFn(CallContext& context, std::vector<Value>& args) {
  const Value& object = args[0];
  if (!object.IsObject()) {
    return Value();
  }
  Json result = Json::object();
  for (const auto& [key, child] : object.json().items()) {
    STRATUS_ASSIGN_OR_RETURN(
        Value keep, context.evaluator.CallCallback(args[1], Value::Child(object, child), key,
                                                   object, context.env));
    if (BooleanOf(keep).value_or(false)) {
      result[key] = child;
    }
  }
  if (result.empty()) {
    return Value();
  }
  return Value::Own(std::move(result));
}

Result<Value> ErrorFn(CallContext&, std::vector<Value>& args) {
  const std::string message = args[0].undefined() || args[0].AsString().empty()
                                  ? std::string("$error() function evaluated")
                                  : args[0].AsString();
  return JsonataError("D3137", {.message = message});
}

Result<Value> AssertFn(CallContext&, std::vector<Value>& args) {
  if (!args[0].AsBoolean()) {
    const std::string message = args[1].undefined() || args[1].AsString().empty()
                                    ? std::string("$assert() statement failed")
                                    : args[1].AsString();
    return JsonataError("D3141", {.message = message});
  }
  return Value();
}

Result<Value> TypeFn(CallContext&, std::vector<Value>& args) {
  if (args[0].undefined()) {
    return Value();
  }
  return Value::String(std::string(TypeName(args[0])));
}

Result<Value> CloneFn(CallContext&, std::vector<Value>& args) {
  if (args[0].undefined()) {
    return Value();
  }
  return Value::Own(ToJsonLenient(args[0]));
}

}  // namespace

void RegisterObjectFunctions(BuiltinRegistry& registry) {
  registry.Add("keys", "<x-:a<s>>", 1, &KeysFn);
  registry.Add("lookup", "<x-s:x>", 2, &LookupFn);
  registry.Add("spread", "<x-:a<o>>", 1, &SpreadFn);
  registry.Add("merge", "<a<o>:o>", 1, &MergeFn);
  registry.Add("each", "<o-f:a>", 2, &EachFn);
  registry.Add("sift", "<o-f?:o>", 2, &SiftFn);
  registry.Add("error", "<s?:x>", 1, &ErrorFn);
  registry.Add("assert", "<bs?:x>", 2, &AssertFn);
  registry.Add("type", "<x:s>", 1, &TypeFn);
  registry.Add("clone", "<(oa)-:o>", 1, &CloneFn);
}

}  // namespace stratus::states::jsonata
