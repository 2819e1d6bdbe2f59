// Higher-order functions: $map, $filter, $single, $reduce.

#include <utility>

#include "states/jsonata/builtins_internal.h"
#include "states/jsonata/error_internal.h"
#include "states/jsonata/evaluator_internal.h"

namespace stratus::states::jsonata {
namespace {

Result<Value> MapFn(CallContext& context, std::vector<Value>& args) {
  const Value& array = args[0];
  if (array.undefined()) {
    return Value();
  }
  auto result = NewSequence();
  const size_t size = array.ArraySize();
  for (size_t i = 0; i < size; ++i) {
    STRATUS_ASSIGN_OR_RETURN(Value mapped, context.evaluator.CallCallback(args[1], array.ArrayAt(i),
                                                                          i, array, context.env));
    if (!mapped.undefined()) {
      result->items.push_back(std::move(mapped));
    }
  }
  return Value::FromSequence(std::move(result));
}

Result<Value> FilterFn(CallContext& context, std::vector<Value>& args) {
  const Value& array = args[0];
  if (array.undefined()) {
    return Value();
  }
  auto result = NewSequence();
  const size_t size = array.ArraySize();
  for (size_t i = 0; i < size; ++i) {
    Value item = array.ArrayAt(i);
    STRATUS_ASSIGN_OR_RETURN(Value keep,
                             context.evaluator.CallCallback(args[1], item, i, array, context.env));
    if (BooleanOf(keep).value_or(false)) {
      result->items.push_back(std::move(item));
    }
  }
  return Value::FromSequence(std::move(result));
}

Result<Value> SingleFn(CallContext& context, std::vector<Value>& args) {
  const Value& array = args[0];
  if (array.undefined()) {
    return Value();
  }
  std::optional<Value> found;
  const size_t size = array.ArraySize();
  for (size_t i = 0; i < size; ++i) {
    Value item = array.ArrayAt(i);
    bool matches = true;
    if (!args[1].undefined()) {
      STRATUS_ASSIGN_OR_RETURN(
          Value result, context.evaluator.CallCallback(args[1], item, i, array, context.env));
      matches = BooleanOf(result).value_or(false);
    }
    if (matches) {
      if (found.has_value()) {
        return JsonataError("D3138", {.index = static_cast<int>(i)});
      }
      found = std::move(item);
    }
  }
  if (!found.has_value()) {
    return JsonataError("D3139");
  }
  return *found;
}

Result<Value> ReduceFn(CallContext& context, std::vector<Value>& args) {
  const Value& array = args[0];
  if (array.undefined()) {
    return Value();
  }
  const int arity = args[1].function().Arity();
  if (arity < 2) {
    return JsonataError("D3050", {.index = 1});
  }
  const size_t size = array.ArraySize();
  size_t index = 0;
  Value result = args[2];
  if (result.undefined() && size > 0) {
    result = array.ArrayAt(0);
    index = 1;
  }
  for (; index < size; ++index) {
    std::vector<Value> call{result, array.ArrayAt(index)};
    if (arity >= 3) {
      call.push_back(Value::Number(static_cast<double>(index)));
    }
    if (arity >= 4) {
      call.push_back(array);
    }
    STRATUS_ASSIGN_OR_RETURN(
        result, context.evaluator.Apply(args[1], std::move(call), Value(), context.env));
  }
  return result;
}

}  // namespace

void RegisterHigherOrderFunctions(BuiltinRegistry& registry) {
  registry.Add("map", "<af>", 2, &MapFn);
  registry.Add("filter", "<af>", 2, &FilterFn);
  registry.Add("single", "<af?>", 2, &SingleFn);
  registry.Add("reduce", "<afj?:j>", 3, &ReduceFn);
}

}  // namespace stratus::states::jsonata
