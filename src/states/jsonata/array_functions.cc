// Array functions: $count, $append, $sort, $reverse, $shuffle, $distinct, $zip.

#include <utility>

#include "base/random.h"
#include "states/jsonata/builtins_internal.h"
#include "states/jsonata/error_internal.h"
#include "states/jsonata/evaluator_internal.h"
#include "states/jsonata/jsonata.h"

namespace stratus::states::jsonata {
namespace {

std::vector<Value> Elements(const Value& array) {
  std::vector<Value> items;
  const size_t size = array.ArraySize();
  items.reserve(size);
  for (size_t i = 0; i < size; ++i) {
    items.push_back(array.ArrayAt(i));
  }
  return items;
}

Result<Value> CountFn(CallContext&, std::vector<Value>& args) {
  if (args[0].undefined()) {
    return Value::Number(0);
  }
  return Value::Number(static_cast<double>(args[0].ArraySize()));
}

Result<Value> AppendFn(CallContext&, std::vector<Value>& args) {
  return AppendValues(args[0], args[1]);
}

// A stable merge sort; `after(a, b)` says whether a must follow b.
template <typename After>
Status MergeSortValues(std::vector<Value>& items, After& after) {
  if (items.size() <= 1) {
    return Status::Ok();
  }
  const auto middle = static_cast<long>(items.size() / 2);
  std::vector<Value> left(items.begin(), items.begin() + middle);
  std::vector<Value> right(items.begin() + middle, items.end());
  STRATUS_RETURN_IF_ERROR(MergeSortValues(left, after));
  STRATUS_RETURN_IF_ERROR(MergeSortValues(right, after));
  size_t l = 0;
  size_t r = 0;
  size_t out = 0;
  while (l < left.size() && r < right.size()) {
    STRATUS_ASSIGN_OR_RETURN(bool swap, after(left[l], right[r]));
    items[out++] = swap ? std::move(right[r++]) : std::move(left[l++]);
  }
  while (l < left.size()) {
    items[out++] = std::move(left[l++]);
  }
  while (r < right.size()) {
    items[out++] = std::move(right[r++]);
  }
  return Status::Ok();
}

Result<Value> SortFn(CallContext& context, std::vector<Value>& args) {
  if (args[0].undefined()) {
    return Value();
  }
  if (args[0].ArraySize() <= 1) {
    return args[0];
  }
  std::vector<Value> items = Elements(args[0]);
  if (args[1].undefined()) {
    bool all_numbers = true;
    bool all_strings = true;
    for (const Value& item : items) {
      all_numbers = all_numbers && item.IsNumber();
      all_strings = all_strings && item.IsString();
    }
    if (!all_numbers && !all_strings) {
      return JsonataError("D3070", {.token = "sort", .index = 1});
    }
    auto after = [all_numbers](const Value& a, const Value& b) -> Result<bool> {
      return all_numbers ? a.AsNumber() > b.AsNumber() : a.AsString() > b.AsString();
    };
    STRATUS_RETURN_IF_ERROR(MergeSortValues(items, after));
  } else {
    const Value& comparator = args[1];
    auto after = [&](const Value& a, const Value& b) -> Result<bool> {
      STRATUS_ASSIGN_OR_RETURN(Value swap,
                               context.evaluator.Apply(comparator, {a, b}, Value(), context.env));
      return BooleanOf(swap).value_or(false);
    };
    STRATUS_RETURN_IF_ERROR(MergeSortValues(items, after));
  }
  return MakeArray(std::move(items));
}

Result<Value> ReverseFn(CallContext&, std::vector<Value>& args) {
  if (args[0].undefined()) {
    return Value();
  }
  if (args[0].ArraySize() <= 1) {
    return args[0];
  }
  std::vector<Value> items = Elements(args[0]);
  std::reverse(items.begin(), items.end());
  return MakeArray(std::move(items));
}

Result<Value> ShuffleFn(CallContext& context, std::vector<Value>& args) {
  if (args[0].undefined()) {
    return Value();
  }
  if (args[0].ArraySize() <= 1) {
    return args[0];
  }
  IdGenerator* ids = context.evaluator.bindings().id_generator();
  if (ids == nullptr) {
    return Status::FailedPrecondition("$shuffle() needs an id generator in the JSONata bindings");
  }
  // Fisher-Yates over indices (swapping Values trips GCC 12's
  // maybe-uninitialized warning on std::variant at -O2).
  const size_t size = args[0].ArraySize();
  std::vector<size_t> order(size);
  for (size_t i = 0; i < size; ++i) {
    order[i] = i;
  }
  for (size_t i = size - 1; i > 0; --i) {
    std::swap(order[i], order[ids->Uniform(i + 1)]);
  }
  std::vector<Value> items;
  items.reserve(size);
  for (size_t index : order) {
    items.push_back(args[0].ArrayAt(index));
  }
  return MakeArray(std::move(items));
}

Result<Value> DistinctFn(CallContext&, std::vector<Value>& args) {
  const Value& arg = args[0];
  if (arg.undefined()) {
    return Value();
  }
  if (!arg.IsArray() || arg.ArraySize() <= 1) {
    return arg;
  }
  std::vector<Value> results;
  const size_t size = arg.ArraySize();
  for (size_t i = 0; i < size; ++i) {
    Value item = arg.ArrayAt(i);
    bool seen = false;
    for (const Value& existing : results) {
      if (DeepEqual(item, existing)) {
        seen = true;
        break;
      }
    }
    if (!seen) {
      results.push_back(std::move(item));
    }
  }
  if (arg.IsSequenceFlagged()) {
    auto sequence = NewSequence();
    sequence->items = std::move(results);
    return Value::FromSequence(std::move(sequence));
  }
  return MakeArray(std::move(results));
}

Result<Value> ZipFn(CallContext&, std::vector<Value>& args) {
  size_t length = args.empty() ? 0 : SIZE_MAX;
  for (const Value& arg : args) {
    length = std::min(length, arg.IsArray() ? arg.ArraySize() : 0);
  }
  std::vector<Value> tuples;
  for (size_t i = 0; i < length; ++i) {
    std::vector<Value> tuple;
    tuple.reserve(args.size());
    for (const Value& arg : args) {
      tuple.push_back(arg.ArrayAt(i));
    }
    tuples.push_back(MakeArray(std::move(tuple)));
  }
  return MakeArray(std::move(tuples));
}

}  // namespace

void RegisterArrayFunctions(BuiltinRegistry& registry) {
  registry.Add("count", "<a:n>", 1, &CountFn);
  registry.Add("append", "<xx:a>", 2, &AppendFn);
  registry.Add("sort", "<af?:a>", 2, &SortFn);
  registry.Add("reverse", "<a:a>", 1, &ReverseFn);
  registry.Add("shuffle", "<a:a>", 1, &ShuffleFn);
  registry.Add("distinct", "<x:x>", 1, &DistinctFn);
  registry.Add("zip", "<a+>", 0, &ZipFn);
}

}  // namespace stratus::states::jsonata
