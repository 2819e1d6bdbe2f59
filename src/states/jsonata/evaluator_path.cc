// Path evaluation: steps, tuple streams (focus, index and parent bindings),
// predicates, order-by and group-by.

#include <cmath>
#include <string>
#include <utility>

#include "states/jsonata/builtins_internal.h"
#include "states/jsonata/error_internal.h"
#include "states/jsonata/evaluator_internal.h"
#include "states/jsonata/jsonata.h"

namespace stratus::states::jsonata {
namespace {

std::optional<Json> OptionalJson(const Value& value) {
  if (value.undefined()) {
    return std::nullopt;
  }
  return ToJsonLenient(value);
}

Value SingletonSequence(const Value& item) {
  auto sequence = NewSequence();
  sequence->items.push_back(item);
  return Value::FromSequence(std::move(sequence));
}

void SetBinding(TupleBindings& bindings, const std::string& name, Value value) {
  for (auto& [key, existing] : bindings) {
    if (key == name) {
      existing = std::move(value);
      return;
    }
  }
  bindings.emplace_back(name, std::move(value));
}

const Value* FindBinding(const TupleBindings& bindings, const std::string& name) {
  for (const auto& [key, value] : bindings) {
    if (key == name) {
      return &value;
    }
  }
  return nullptr;
}

std::shared_ptr<const TupleBindings> EmptyBindings() {
  return std::make_shared<const TupleBindings>();
}

// Returns a sequence we may modify: `value`'s own if nobody else holds it.
std::shared_ptr<Sequence> Writable(const Value& value) {
  if (value.use_count() <= 1) {
    return value.sequence_ptr();
  }
  return std::make_shared<Sequence>(value.sequence());
}

void RecurseDescendants(const Value& input, std::vector<Value>& out) {
  if (!input.IsArray()) {
    out.push_back(input);
  }
  if (input.IsArray()) {
    const size_t size = input.ArraySize();
    for (size_t i = 0; i < size; ++i) {
      RecurseDescendants(input.ArrayAt(i), out);
    }
  } else if (input.IsObject()) {
    for (const auto& [key, child] : input.json().items()) {
      RecurseDescendants(Value::Child(input, child), out);
    }
  }
}

void FlattenDeep(const Value& value, std::vector<Value>& out) {
  if (value.IsArray()) {
    const size_t size = value.ArraySize();
    for (size_t i = 0; i < size; ++i) {
      FlattenDeep(value.ArrayAt(i), out);
    }
  } else {
    out.push_back(value);
  }
}

bool IsArrayOfNumbers(const Value& value) {
  if (!value.IsArray()) {
    return false;
  }
  const size_t size = value.ArraySize();
  for (size_t i = 0; i < size; ++i) {
    if (!value.ArrayAt(i).IsNumber()) {
      return false;
    }
  }
  return true;
}

// One sortable entry and its evaluated sort keys.
struct SortEntry {
  size_t index = 0;
  std::vector<Value> keys = {};
};

// Compares two entries by the order-by terms; returns true if `a` must come
// after `b`, or an error for keys that cannot be compared.
Result<bool> SortAfter(const Node& sort, const SortEntry& a, const SortEntry& b) {
  for (size_t t = 0; t < sort.terms.size(); ++t) {
    const Value& x = a.keys[t];
    const Value& y = b.keys[t];
    if (x.undefined()) {
      if (y.undefined()) {
        continue;
      }
      return true;
    }
    if (y.undefined()) {
      return false;
    }
    const bool x_ok = x.IsNumber() || x.IsString();
    const bool y_ok = y.IsNumber() || y.IsString();
    if (!x_ok || !y_ok) {
      return JsonataError("T2008", {.value = OptionalJson(!x_ok ? x : y)});
    }
    if (x.IsNumber() != y.IsNumber()) {
      return JsonataError("T2007", {.value = OptionalJson(x), .value2 = OptionalJson(y)});
    }
    int compare = 0;
    if (x.IsNumber()) {
      compare = x.AsNumber() < y.AsNumber() ? -1 : (x.AsNumber() > y.AsNumber() ? 1 : 0);
    } else {
      const int c = x.AsString().compare(y.AsString());
      compare = c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    if (compare == 0) {
      continue;
    }
    if (sort.terms[t].descending) {
      compare = -compare;
    }
    return compare == 1;
  }
  return false;
}

// A stable merge sort whose comparison may fail.
Status MergeSort(const Node& sort, std::vector<SortEntry>& entries) {
  if (entries.size() <= 1) {
    return Status::Ok();
  }
  const size_t middle = entries.size() / 2;
  std::vector<SortEntry> left(std::make_move_iterator(entries.begin()),
                              std::make_move_iterator(entries.begin() + static_cast<long>(middle)));
  std::vector<SortEntry> right(std::make_move_iterator(entries.begin() + static_cast<long>(middle)),
                               std::make_move_iterator(entries.end()));
  STRATUS_RETURN_IF_ERROR(MergeSort(sort, left));
  STRATUS_RETURN_IF_ERROR(MergeSort(sort, right));
  size_t l = 0;
  size_t r = 0;
  size_t out = 0;
  while (l < left.size() && r < right.size()) {
    STRATUS_ASSIGN_OR_RETURN(bool after, SortAfter(sort, left[l], right[r]));
    entries[out++] = after ? std::move(right[r++]) : std::move(left[l++]);
  }
  while (l < left.size()) {
    entries[out++] = std::move(left[l++]);
  }
  while (r < right.size()) {
    entries[out++] = std::move(right[r++]);
  }
  return Status::Ok();
}

}  // namespace

FramePtr FrameFromTuple(const FramePtr& env, const TupleBindings* bindings) {
  auto frame = std::make_shared<Frame>(env);
  if (bindings != nullptr) {
    for (const auto& [name, value] : *bindings) {
      frame->Bind(name, value);
    }
  }
  return frame;
}

Value CollectStepResults(std::vector<Value> results, bool last_step) {
  if (last_step && results.size() == 1 && results[0].IsArray() && !results[0].IsSequenceFlagged()) {
    return results[0];
  }
  auto sequence = NewSequence();
  for (Value& result : results) {
    if (!result.IsArray() || (result.is_sequence() && result.sequence().cons)) {
      sequence->items.push_back(std::move(result));
    } else {
      AppendFlattened(sequence->items, result);
    }
  }
  return Value::FromSequence(std::move(sequence));
}

Value LookupField(const Value& input, std::string_view name) {
  if (input.IsArray()) {
    auto sequence = NewSequence();
    const size_t size = input.ArraySize();
    for (size_t i = 0; i < size; ++i) {
      Value found = LookupField(input.ArrayAt(i), name);
      if (!found.undefined()) {
        AppendFlattened(sequence->items, found);
      }
    }
    return Value::FromSequence(std::move(sequence));
  }
  if (input.IsObject()) {
    const Json& object = input.json();
    auto it = object.find(name);
    if (it != object.end()) {
      return Value::Child(input, *it);
    }
  }
  return {};
}

Value EvaluateWildcard(const Value& input) {
  auto sequence = NewSequence();
  const Value* target = &input;
  if (input.is_sequence() && input.sequence().outer_wrapper && !input.sequence().items.empty()) {
    target = &input.sequence().items[0];
  }
  auto add = [&](Value value) {
    if (value.IsArray()) {
      FlattenDeep(value, sequence->items);
    } else {
      sequence->items.push_back(std::move(value));
    }
  };
  if (target->IsObject()) {
    for (const auto& [key, child] : target->json().items()) {
      add(Value::Child(*target, child));
    }
  } else if (target->IsArray()) {
    // JavaScript sees an array as an object keyed by index.
    const size_t size = target->ArraySize();
    for (size_t i = 0; i < size; ++i) {
      add(target->ArrayAt(i));
    }
  }
  return Value::FromSequence(std::move(sequence));
}

Value EvaluateDescendants(const Value& input) {
  if (input.undefined()) {
    return {};
  }
  auto sequence = NewSequence();
  RecurseDescendants(input, sequence->items);
  if (sequence->items.size() == 1) {
    return sequence->items[0];
  }
  return Value::FromSequence(std::move(sequence));
}

namespace {

// True for a step with nothing attached (no predicate, binding or grouping).
bool IsPlainStep(const Node& step) {
  return step.predicates.empty() && step.stages.empty() && !step.group.has_value() &&
         step.focus.empty() && step.index_name.empty() && !step.tuple && !step.keep_array &&
         step.ancestor == nullptr && !step.cons_array;
}

}  // namespace

// `$name.member...` where $name was bound with BindObject(): the path starts
// at the borrowed member, so the object is never built.
std::optional<Value> Evaluator::BorrowedMember(const Node& path, const FramePtr& env) const {
  if (path.steps.size() < 2) {
    return std::nullopt;
  }
  const Node& variable = *path.steps[0];
  const Node& member = *path.steps[1];
  if (variable.type != NodeType::kVariable || member.type != NodeType::kName ||
      !IsPlainStep(variable) || !IsPlainStep(member) || env->Lookup(variable.name) != nullptr) {
    return std::nullopt;
  }
  const auto* members = bindings_.FindObject(variable.name);
  if (members == nullptr || bindings_.FindVariable(variable.name) != nullptr) {
    return std::nullopt;
  }
  for (const auto& [key, json] : *members) {
    if (key == member.name) {
      return Value::Borrow(*json);
    }
  }
  return Value();
}

// The fast path for the common `a.b.c` / `$v.a.b` / `$states.input.a`: plain
// field steps walked through objects without building sequences. Returns
// nullopt (use the general algorithm) as soon as an array is met or a step
// carries a predicate, binding or grouping.
std::optional<Value> Evaluator::WalkFieldPath(const Node& path,
                                              const Value& input,
                                              const FramePtr& env) {
  if (path.keep_singleton_array || path.group.has_value() || path.tuple) {
    return std::nullopt;
  }
  size_t first = 0;
  Value current = input;
  if (std::optional<Value> member = BorrowedMember(path, env); member.has_value()) {
    current = std::move(*member);
    first = 2;
  } else if (path.steps[0]->type == NodeType::kVariable && IsPlainStep(*path.steps[0])) {
    const Node& variable = *path.steps[0];
    if (variable.name.empty()) {
      if (input.is_sequence()) {
        return std::nullopt;
      }
    } else {
      current = LookupVariable(variable.name, env);
    }
    first = 1;
  }
  for (size_t i = first; i < path.steps.size(); ++i) {
    const Node& step = *path.steps[i];
    if (step.type != NodeType::kName || !IsPlainStep(step)) {
      return std::nullopt;
    }
    if (current.undefined()) {
      return Value();
    }
    if (current.IsArray()) {
      return std::nullopt;
    }
    if (!current.IsObject()) {
      return Value();
    }
    const Json& object = current.json();
    auto it = object.find(step.name);
    if (it == object.end()) {
      return Value();
    }
    current = Value::Child(current, *it);
  }
  if (current.is_sequence()) {
    return std::nullopt;
  }
  return current;
}

Result<Value> Evaluator::EvaluatePath(const Node& node, const Value& input, const FramePtr& env) {
  if (std::optional<Value> walked = WalkFieldPath(node, input, env); walked.has_value()) {
    return std::move(*walked);
  }
  Value input_sequence;
  if (input.IsArray() && node.steps.front()->type != NodeType::kVariable) {
    input_sequence = input;
  } else {
    input_sequence = SingletonSequence(input);
  }
  Value result_sequence;
  bool is_tuple_stream = false;
  std::shared_ptr<Sequence> tuples;
  size_t first_step = 0;
  if (std::optional<Value> member = BorrowedMember(node, env); member.has_value()) {
    std::vector<Value> results;
    if (!member->undefined()) {
      results.push_back(std::move(*member));
    }
    result_sequence = CollectStepResults(std::move(results), node.steps.size() == 2);
    input_sequence = result_sequence;
    first_step =
        result_sequence.IsArray() && result_sequence.ArraySize() == 0 ? node.steps.size() : 2;
  }
  for (size_t i = first_step; i < node.steps.size(); ++i) {
    const Node& step = *node.steps[i];
    if (step.tuple) {
      is_tuple_stream = true;
    }
    if (i == 0 && step.cons_array) {
      STRATUS_ASSIGN_OR_RETURN(result_sequence, Evaluate(step, input_sequence, env));
    } else if (is_tuple_stream) {
      STRATUS_ASSIGN_OR_RETURN(Value stream, EvaluateTupleStep(step, input_sequence, tuples, env));
      tuples = stream.sequence_ptr();
    } else {
      STRATUS_ASSIGN_OR_RETURN(result_sequence,
                               EvaluateStep(step, input_sequence, env, i + 1 == node.steps.size()));
    }
    if (!is_tuple_stream && (result_sequence.undefined() ||
                             (result_sequence.IsArray() && result_sequence.ArraySize() == 0))) {
      break;
    }
    if (step.focus.empty()) {
      input_sequence = result_sequence;
    }
  }
  if (is_tuple_stream) {
    if (tuples == nullptr) {
      tuples = NewSequence();
      tuples->tuple_stream = true;
    }
    if (node.tuple) {
      result_sequence = Value::FromSequence(tuples);
    } else {
      auto sequence = NewSequence();
      sequence->items = tuples->items;
      result_sequence = Value::FromSequence(std::move(sequence));
    }
  }
  if (node.keep_singleton_array && result_sequence.is_sequence()) {
    if (result_sequence.sequence().cons && !result_sequence.sequence().is_sequence) {
      result_sequence = SingletonSequence(result_sequence);
    }
    std::shared_ptr<Sequence> writable = Writable(result_sequence);
    writable->keep_singleton = true;
    result_sequence = Value::FromSequence(std::move(writable));
  }
  if (node.group.has_value()) {
    const Value grouped_input = is_tuple_stream ? Value::FromSequence(tuples) : result_sequence;
    return EvaluateGroup(node.group->pairs, grouped_input, env);
  }
  return result_sequence;
}

Result<Value> Evaluator::EvaluateStep(const Node& step,
                                      const Value& input,
                                      const FramePtr& env,
                                      bool last_step) {
  if (step.type == NodeType::kSort) {
    STRATUS_ASSIGN_OR_RETURN(Value sorted, EvaluateSort(step, input, env));
    if (!step.stages.empty()) {
      return EvaluateStages(step.stages, sorted, env);
    }
    return sorted;
  }
  std::vector<Value> results;
  if (input.IsArray()) {
    const size_t size = input.ArraySize();
    results.reserve(size);
    for (size_t i = 0; i < size; ++i) {
      STRATUS_ASSIGN_OR_RETURN(Value result, Evaluate(step, input.ArrayAt(i), env));
      for (const Stage& stage : step.stages) {
        STRATUS_ASSIGN_OR_RETURN(result, EvaluateFilter(*stage.filter, result, env));
      }
      if (!result.undefined()) {
        results.push_back(std::move(result));
      }
    }
  }
  return CollectStepResults(std::move(results), last_step);
}

Result<Value> Evaluator::EvaluateTupleStep(const Node& step,
                                           const Value& input,
                                           std::shared_ptr<Sequence> tuples,
                                           const FramePtr& env) {
  if (step.type == NodeType::kSort) {
    Value result;
    if (tuples != nullptr) {
      STRATUS_ASSIGN_OR_RETURN(result, EvaluateSort(step, Value::FromSequence(tuples), env));
    } else {
      STRATUS_ASSIGN_OR_RETURN(Value sorted, EvaluateSort(step, input, env));
      auto stream = NewSequence();
      stream->tuple_stream = true;
      const size_t size = sorted.IsArray() ? sorted.ArraySize() : 0;
      for (size_t i = 0; i < size; ++i) {
        stream->items.push_back(sorted.ArrayAt(i));
        auto bindings = std::make_shared<TupleBindings>();
        if (!step.index_name.empty()) {
          SetBinding(*bindings, step.index_name, Value::Number(static_cast<double>(i)));
        }
        stream->tuples.push_back(std::move(bindings));
      }
      result = Value::FromSequence(std::move(stream));
    }
    if (!step.stages.empty()) {
      return EvaluateStages(step.stages, result, env);
    }
    return result;
  }
  if (tuples == nullptr) {
    tuples = NewSequence();
    tuples->tuple_stream = true;
    const size_t size = input.IsArray() ? input.ArraySize() : 0;
    for (size_t i = 0; i < size; ++i) {
      tuples->items.push_back(input.ArrayAt(i));
      tuples->tuples.push_back(EmptyBindings());
    }
  }
  auto result = NewSequence();
  result->tuple_stream = true;
  for (size_t e = 0; e < tuples->items.size(); ++e) {
    const Value& focus = tuples->items[e];
    const TupleBindings& bindings = *tuples->tuples[e];
    FramePtr step_env = FrameFromTuple(env, &bindings);
    STRATUS_ASSIGN_OR_RETURN(Value res, Evaluate(step, focus, step_env));
    if (res.undefined()) {
      continue;
    }
    const Value items = res.IsArray() ? res : SingletonSequence(res);
    const bool res_is_stream = res.is_sequence() && res.sequence().tuple_stream;
    const size_t size = items.ArraySize();
    for (size_t b = 0; b < size; ++b) {
      auto tuple = std::make_shared<TupleBindings>(bindings);
      Value tuple_focus = focus;
      if (res_is_stream) {
        for (const auto& [name, value] : *res.sequence().tuples[b]) {
          SetBinding(*tuple, name, value);
        }
        tuple_focus = res.sequence().items[b];
      } else {
        if (!step.focus.empty()) {
          SetBinding(*tuple, step.focus, items.ArrayAt(b));
        } else {
          tuple_focus = items.ArrayAt(b);
        }
        if (!step.index_name.empty()) {
          SetBinding(*tuple, step.index_name, Value::Number(static_cast<double>(b)));
        }
        if (step.ancestor != nullptr) {
          SetBinding(*tuple, step.ancestor->label, focus);
        }
      }
      result->items.push_back(std::move(tuple_focus));
      result->tuples.push_back(std::move(tuple));
    }
  }
  Value stream = Value::FromSequence(std::move(result));
  if (!step.stages.empty()) {
    return EvaluateStages(step.stages, stream, env);
  }
  return stream;
}

Result<Value> Evaluator::EvaluateStages(const std::vector<Stage>& stages,
                                        Value input,
                                        const FramePtr& env) {
  Value result = std::move(input);
  for (const Stage& stage : stages) {
    if (!stage.is_index) {
      STRATUS_ASSIGN_OR_RETURN(result, EvaluateFilter(*stage.filter, result, env));
      continue;
    }
    if (!result.is_sequence() || !result.sequence().tuple_stream) {
      continue;
    }
    auto indexed = std::make_shared<Sequence>(result.sequence());
    for (size_t e = 0; e < indexed->tuples.size(); ++e) {
      auto tuple = std::make_shared<TupleBindings>(*indexed->tuples[e]);
      SetBinding(*tuple, stage.index_name, Value::Number(static_cast<double>(e)));
      indexed->tuples[e] = std::move(tuple);
    }
    result = Value::FromSequence(std::move(indexed));
  }
  return result;
}

Result<Value> Evaluator::EvaluateFilter(const Node& predicate,
                                        const Value& input,
                                        const FramePtr& env) {
  auto results = NewSequence();
  const bool is_stream = input.is_sequence() && input.sequence().tuple_stream;
  results->tuple_stream = is_stream;
  if (input.undefined()) {
    return Value::FromSequence(std::move(results));
  }
  const Value items = input.IsArray() ? input : SingletonSequence(input);
  const size_t size = items.ArraySize();
  auto push = [&](size_t index) {
    results->items.push_back(items.ArrayAt(index));
    if (is_stream) {
      results->tuples.push_back(input.sequence().tuples[index]);
    }
  };
  if (predicate.type == NodeType::kNumber) {
    auto index = static_cast<long>(std::floor(predicate.literal.get<double>()));
    if (index < 0) {
      index += static_cast<long>(size);
    }
    if (index >= 0 && static_cast<size_t>(index) < size) {
      Value item = items.ArrayAt(static_cast<size_t>(index));
      if (item.IsArray() && !is_stream) {
        return item;
      }
      push(static_cast<size_t>(index));
    }
    return Value::FromSequence(std::move(results));
  }
  for (size_t index = 0; index < size; ++index) {
    Value item = items.ArrayAt(index);
    FramePtr item_env = env;
    if (is_stream) {
      item_env = FrameFromTuple(env, input.sequence().tuples[index].get());
    }
    STRATUS_ASSIGN_OR_RETURN(Value res, Evaluate(predicate, item, item_env));
    if (res.IsNumber()) {
      res = SingletonSequence(res);
    }
    if (IsArrayOfNumbers(res)) {
      const size_t count = res.ArraySize();
      for (size_t k = 0; k < count; ++k) {
        auto position = static_cast<long>(std::floor(res.ArrayAt(k).AsNumber()));
        if (position < 0) {
          position += static_cast<long>(size);
        }
        if (position == static_cast<long>(index)) {
          push(index);
        }
      }
    } else if (BooleanOf(res).value_or(false)) {
      push(index);
    }
  }
  return Value::FromSequence(std::move(results));
}

Result<Value> Evaluator::EvaluateSort(const Node& sort, const Value& input, const FramePtr& env) {
  if (!input.IsArray() || input.ArraySize() <= 1) {
    return input;
  }
  const bool is_stream = input.is_sequence() && input.sequence().tuple_stream;
  const size_t size = input.ArraySize();
  std::vector<SortEntry> entries(size);
  for (size_t i = 0; i < size; ++i) {
    entries[i].index = i;
    const Value item = input.ArrayAt(i);
    FramePtr item_env = env;
    if (is_stream) {
      item_env = FrameFromTuple(env, input.sequence().tuples[i].get());
    }
    for (const SortTerm& term : sort.terms) {
      STRATUS_ASSIGN_OR_RETURN(Value key, Evaluate(*term.expression, item, item_env));
      entries[i].keys.push_back(std::move(key));
    }
  }
  STRATUS_RETURN_IF_ERROR(MergeSort(sort, entries));
  auto sorted = std::make_shared<Sequence>();
  sorted->is_sequence = is_stream;
  sorted->tuple_stream = is_stream;
  for (const SortEntry& entry : entries) {
    sorted->items.push_back(input.ArrayAt(entry.index));
    if (is_stream) {
      sorted->tuples.push_back(input.sequence().tuples[entry.index]);
    }
  }
  return Value::FromSequence(std::move(sorted));
}

Result<Value> Evaluator::EvaluateGroup(
    const std::vector<std::pair<std::unique_ptr<Node>, std::unique_ptr<Node>>>& pairs,
    const Value& input,
    const FramePtr& env) {
  const bool reduce = input.is_sequence() && input.sequence().tuple_stream;
  std::vector<Value> items;
  std::vector<const TupleBindings*> item_bindings;
  if (input.IsArray()) {
    const size_t size = input.ArraySize();
    for (size_t i = 0; i < size; ++i) {
      items.push_back(input.ArrayAt(i));
      item_bindings.push_back(reduce ? input.sequence().tuples[i].get() : nullptr);
    }
  } else {
    items.push_back(input);
    item_bindings.push_back(nullptr);
  }
  if (items.empty() && !reduce) {
    items.emplace_back();
    item_bindings.push_back(nullptr);
  }

  struct Group {
    std::string key;
    size_t expr_index = 0;
    std::vector<size_t> members;
  };

  std::vector<Group> groups;
  std::map<std::string, size_t, std::less<>> group_index;
  for (size_t i = 0; i < items.size(); ++i) {
    FramePtr item_env = reduce ? FrameFromTuple(env, item_bindings[i]) : env;
    for (size_t p = 0; p < pairs.size(); ++p) {
      STRATUS_ASSIGN_OR_RETURN(Value key, Evaluate(*pairs[p].first, items[i], item_env));
      if (key.undefined()) {
        continue;
      }
      if (!key.IsString()) {
        return JsonataError("T1003", {.value = OptionalJson(key)});
      }
      const std::string& name = key.AsString();
      auto it = group_index.find(name);
      if (it == group_index.end()) {
        group_index.emplace(name, groups.size());
        groups.push_back(Group{.key = name, .expr_index = p, .members = {i}});
      } else if (groups[it->second].expr_index != p) {
        return JsonataError("D1009", {.value = name});
      } else {
        groups[it->second].members.push_back(i);
      }
    }
  }
  Json object = Json::object();
  for (const Group& group : groups) {
    Value context;
    FramePtr group_env = env;
    if (!reduce) {
      if (group.members.size() == 1) {
        context = items[group.members[0]];
      } else {
        auto sequence = NewSequence();
        for (size_t member : group.members) {
          AppendFlattened(sequence->items, items[member]);
        }
        context = Value::FromSequence(std::move(sequence));
      }
    } else {
      // Reduce the group's tuples: each binding becomes the sequence of its values.
      TupleBindings merged = *item_bindings[group.members[0]];
      context = items[group.members[0]];
      for (size_t m = 1; m < group.members.size(); ++m) {
        const size_t member = group.members[m];
        context = AppendValues(context, items[member]);
        for (const auto& [name, value] : *item_bindings[member]) {
          const Value* existing = FindBinding(merged, name);
          SetBinding(merged, name, AppendValues(existing ? *existing : Value(), value));
        }
      }
      group_env = FrameFromTuple(env, &merged);
    }
    STRATUS_ASSIGN_OR_RETURN(Value value,
                             Evaluate(*pairs[group.expr_index].second, context, group_env));
    if (!value.undefined()) {
      object[group.key] = ToJsonLenient(value);
    }
  }
  return Value::Own(std::move(object));
}

}  // namespace stratus::states::jsonata
