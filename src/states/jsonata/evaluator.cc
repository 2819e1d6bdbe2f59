#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "base/clock.h"
#include "states/jsonata/builtins_internal.h"
#include "states/jsonata/error_internal.h"
#include "states/jsonata/evaluator_internal.h"
#include "states/jsonata/jsonata.h"
#include "states/jsonata/parser_internal.h"
#include "states/jsonata/regex_internal.h"

namespace stratus::states::jsonata {
namespace {

// Decrements a depth counter when the evaluation of one node ends.
class DepthGuard {
 public:
  explicit DepthGuard(int& depth) : depth_(depth) { ++depth_; }

  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;

  ~DepthGuard() { --depth_; }

 private:
  int& depth_;
};

std::optional<Json> OptionalJson(const Value& value) {
  if (value.undefined()) {
    return std::nullopt;
  }
  return ToJsonLenient(value);
}

bool IsComparable(const Value& value) {
  return value.undefined() || value.IsNumber() || value.IsString();
}

// The name a function is called by, for error messages: `$name(...)`.
std::string ProcedureName(const Node& procedure) {
  if (procedure.type == NodeType::kPath && !procedure.steps.empty()) {
    return procedure.steps.front()->name;
  }
  return procedure.name;
}

}  // namespace

Json NonFiniteText(double number) {
  return std::isnan(number) ? Json("NaN") : Json(number > 0 ? "Infinity" : "-Infinity");
}

namespace {

Result<Value> NumericOperation(BinaryOp op, const Value& lhs, const Value& rhs) {
  const std::string token = BinaryOpText(op);
  if (!lhs.undefined() && !lhs.IsNumber()) {
    return JsonataError("T2001", {.token = token, .value = OptionalJson(lhs)});
  }
  if (!rhs.undefined() && !rhs.IsNumber()) {
    return JsonataError("T2002", {.token = token, .value = OptionalJson(rhs)});
  }
  for (const Value* operand : {&lhs, &rhs}) {
    if (!operand->undefined() && !std::isfinite(operand->AsNumber())) {
      return JsonataError("D1001", {.value = NonFiniteText(operand->AsNumber())});
    }
  }
  if (lhs.undefined() || rhs.undefined()) {
    return Value();
  }
  const double a = lhs.AsNumber();
  const double b = rhs.AsNumber();
  double result = 0;
  switch (op) {
    case BinaryOp::kAdd:
      result = a + b;
      break;
    case BinaryOp::kSubtract:
      result = a - b;
      break;
    case BinaryOp::kMultiply:
      result = a * b;
      break;
    case BinaryOp::kDivide:
      result = a / b;
      break;
    default:
      result = std::fmod(a, b);
      break;
  }
  // A non-finite result (1/0) is a value; using it or returning it fails.
  return Value::Number(result);
}

Result<Value> ComparisonOperation(BinaryOp op, const Value& lhs, const Value& rhs) {
  const std::string token = BinaryOpText(op);
  if (!IsComparable(lhs) || !IsComparable(rhs)) {
    const Value& bad = !IsComparable(lhs) ? lhs : rhs;
    return JsonataError("T2010", {.token = token, .value = OptionalJson(bad)});
  }
  if (lhs.undefined() || rhs.undefined()) {
    return Value();
  }
  if (lhs.IsNumber() != rhs.IsNumber()) {
    return JsonataError("T2009",
                        {.token = token, .value = OptionalJson(lhs), .value2 = OptionalJson(rhs)});
  }
  int compare = 0;
  if (lhs.IsNumber()) {
    const double a = lhs.AsNumber();
    const double b = rhs.AsNumber();
    compare = a < b ? -1 : (a > b ? 1 : 0);
  } else {
    compare = lhs.AsString().compare(rhs.AsString());
  }
  switch (op) {
    case BinaryOp::kLess:
      return Value::Boolean(compare < 0);
    case BinaryOp::kLessEqual:
      return Value::Boolean(compare <= 0);
    case BinaryOp::kGreater:
      return Value::Boolean(compare > 0);
    default:
      return Value::Boolean(compare >= 0);
  }
}

Result<Value> RangeOperation(const Value& lhs, const Value& rhs) {
  auto is_integer = [](const Value& v) {
    return v.IsNumber() && std::trunc(v.AsNumber()) == v.AsNumber();
  };
  if (!lhs.undefined() && !is_integer(lhs)) {
    return JsonataError("T2003", {.value = OptionalJson(lhs)});
  }
  if (!rhs.undefined() && !is_integer(rhs)) {
    return JsonataError("T2004", {.value = OptionalJson(rhs)});
  }
  if (lhs.undefined() || rhs.undefined()) {
    return Value();
  }
  const double from = lhs.AsNumber();
  const double to = rhs.AsNumber();
  if (from > to) {
    return Value();
  }
  const double size = to - from + 1;
  if (size > 1e7) {
    return JsonataError("D2014", {.value = NumberToJson(size)});
  }
  auto sequence = NewSequence();
  sequence->items.reserve(static_cast<size_t>(size));
  for (double item = from; item <= to; ++item) {
    sequence->items.push_back(Value::Number(item));
  }
  return Value::FromSequence(std::move(sequence));
}

bool StrictEquals(const Value& a, const Value& b) {
  if (!a.is_json() || !b.is_json()) {
    return false;
  }
  const Json& x = a.json();
  const Json& y = b.json();
  if (x.is_number() && y.is_number()) {
    return x.get<double>() == y.get<double>();
  }
  if (x.is_structured() || y.is_structured()) {
    return &x == &y;
  }
  return x == y;
}

}  // namespace

const char* BinaryOpText(BinaryOp op) {
  switch (op) {
    case BinaryOp::kPath:
      return ".";
    case BinaryOp::kPredicate:
      return "[";
    case BinaryOp::kAdd:
      return "+";
    case BinaryOp::kSubtract:
      return "-";
    case BinaryOp::kMultiply:
      return "*";
    case BinaryOp::kDivide:
      return "/";
    case BinaryOp::kModulo:
      return "%";
    case BinaryOp::kEqual:
      return "=";
    case BinaryOp::kNotEqual:
      return "!=";
    case BinaryOp::kLess:
      return "<";
    case BinaryOp::kLessEqual:
      return "<=";
    case BinaryOp::kGreater:
      return ">";
    case BinaryOp::kGreaterEqual:
      return ">=";
    case BinaryOp::kConcat:
      return "&";
    case BinaryOp::kAnd:
      return "and";
    case BinaryOp::kOr:
      return "or";
    case BinaryOp::kIn:
      return "in";
    case BinaryOp::kRange:
      return "..";
    case BinaryOp::kBind:
      return ":=";
    case BinaryOp::kApply:
      return "~>";
  }
  return "?";
}

Evaluator::Evaluator(const JsonataBindings& bindings, const BuiltinRegistry& builtins)
    : bindings_(bindings), builtins_(builtins), max_steps_(bindings.max_steps()) {}

Result<int64_t> Evaluator::NowMillis() {
  if (!now_millis_.has_value()) {
    const Clock* clock = bindings_.clock();
    if (clock == nullptr) {
      return Status::FailedPrecondition(
          "$now() and $millis() need a clock in the JSONata bindings");
    }
    now_millis_ = clock->NowMillis();
  }
  return *now_millis_;
}

Evaluator::~Evaluator() {
  for (const std::weak_ptr<Frame>& captured : captured_frames_) {
    for (FramePtr frame = captured.lock(); frame != nullptr;) {
      frame = frame->Clear();
    }
  }
}

void Evaluator::Capture(const FramePtr& env) {
  captured_frames_.push_back(env);
  if (captured_frames_.size() >= compact_at_) {
    std::erase_if(captured_frames_, [](const std::weak_ptr<Frame>& f) { return f.expired(); });
    compact_at_ = std::max<size_t>(64, captured_frames_.size() * 2);
  }
}

Status Evaluator::CheckDepth() const {
  const auto here = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  const uintptr_t used = stack_base_ > here ? stack_base_ - here : here - stack_base_;
  if (depth_ > kMaxDepth || used > kMaxStackBytes) {
    return JsonataError("D1011");
  }
  return Status::Ok();
}

Result<Value> Evaluator::EvaluateRoot(const Node& root, const Json& input) {
  stack_base_ = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  Value context = Value::Borrow(input);
  auto frame = std::make_shared<Frame>(nullptr);
  frame->Bind("$", context);
  if (input.is_array()) {
    // An input array is wrapped so that it is treated as one value.
    auto wrapper = NewSequence();
    wrapper->items.push_back(context);
    wrapper->outer_wrapper = true;
    context = Value::FromSequence(std::move(wrapper));
  }
  return Evaluate(root, context, frame);
}

Result<Value> Evaluator::Evaluate(const Node& node, const Value& input, const FramePtr& env) {
  DepthGuard guard(depth_);
  STRATUS_RETURN_IF_ERROR(CheckDepth());
  if (++steps_ > max_steps_) {
    return JsonataError("D1100");
  }
  STRATUS_ASSIGN_OR_RETURN(Value result, Dispatch(node, input, env));
  for (const auto& predicate : node.predicates) {
    STRATUS_ASSIGN_OR_RETURN(result, EvaluateFilter(*predicate, result, env));
  }
  if (node.type != NodeType::kPath && node.group.has_value()) {
    STRATUS_ASSIGN_OR_RETURN(result, EvaluateGroup(node.group->pairs, result, env));
  }
  if (result.IsSequenceFlagged() && !result.sequence().tuple_stream) {
    if (node.keep_array && !result.sequence().keep_singleton) {
      auto copy = std::make_shared<Sequence>(result.sequence());
      copy->keep_singleton = true;
      result = Value::FromSequence(std::move(copy));
    }
    return NormalizeSequence(std::move(result));
  }
  return result;
}

Result<Value> Evaluator::Dispatch(const Node& node, const Value& input, const FramePtr& env) {
  switch (node.type) {
    case NodeType::kPath:
      return EvaluatePath(node, input, env);
    case NodeType::kBinary:
      return EvaluateBinary(node, input, env);
    case NodeType::kNegate:
    case NodeType::kCondition:
    case NodeType::kElvis:
    case NodeType::kCoalesce:
    case NodeType::kBind:
      return EvaluateOperator(node, input, env);
    case NodeType::kArray:
      return EvaluateArray(node, input, env);
    case NodeType::kObject:
      return EvaluateGroup(node.pairs, input, env);
    case NodeType::kName:
      return LookupField(input, node.name);
    case NodeType::kString:
    case NodeType::kNumber:
    case NodeType::kValue:
      return Value::Borrow(node.literal);
    case NodeType::kWildcard:
      return EvaluateWildcard(input);
    case NodeType::kDescendant:
      return EvaluateDescendants(input);
    case NodeType::kParent: {
      const Value* value = env->Lookup(node.slot->label);
      return value == nullptr ? Value() : *value;
    }
    case NodeType::kBlock:
      return EvaluateBlock(node, input, env);
    case NodeType::kRegex:
      return Value::FromFunction(std::make_shared<RegexFunction>(node.regex));
    case NodeType::kFunctionCall:
      return EvaluateFunctionCall(node, input, env, nullptr);
    case NodeType::kVariable:
      if (node.name.empty()) {
        if (input.is_sequence() && input.sequence().outer_wrapper &&
            !input.sequence().items.empty()) {
          return input.sequence().items[0];
        }
        return input;
      }
      return LookupVariable(node.name, env);
    case NodeType::kLambda:
      Capture(env);
      return Value::FromFunction(std::make_shared<LambdaFunction>(&node, input, env));
    case NodeType::kPartial:
      return EvaluatePartial(node, input, env);
    case NodeType::kApply:
      return EvaluateApplyOperator(node, input, env);
    case NodeType::kTransform:
      Capture(env);
      return Value::FromFunction(std::make_shared<TransformFunction>(&node, env));
    default:
      return Status::Internal("JSONata: unexpected node in the compiled tree");
  }
}

// Unary minus, conditions, ?:, ?? and :=, kept out of Dispatch() so that its
// stack frame stays small on deep recursion.
Result<Value> Evaluator::EvaluateOperator(const Node& node,
                                          const Value& input,
                                          const FramePtr& env) {
  switch (node.type) {
    case NodeType::kNegate: {
      STRATUS_ASSIGN_OR_RETURN(Value value, Evaluate(*node.lhs, input, env));
      if (value.undefined()) {
        return Value();
      }
      if (!value.IsNumber()) {
        return JsonataError("D1002", {.token = "-", .value = OptionalJson(value)});
      }
      if (!std::isfinite(value.AsNumber())) {
        return JsonataError("D1001", {.value = NonFiniteText(value.AsNumber())});
      }
      return Value::Number(-value.AsNumber());
    }
    case NodeType::kCondition: {
      STRATUS_ASSIGN_OR_RETURN(Value condition, Evaluate(*node.condition, input, env));
      if (BooleanOf(condition).value_or(false)) {
        return Evaluate(*node.then_branch, input, env);
      }
      if (node.else_branch != nullptr) {
        return Evaluate(*node.else_branch, input, env);
      }
      return Value();
    }
    case NodeType::kElvis: {
      STRATUS_ASSIGN_OR_RETURN(Value value, Evaluate(*node.lhs, input, env));
      if (BooleanOf(value).value_or(false)) {
        return value;
      }
      return Evaluate(*node.rhs, input, env);
    }
    case NodeType::kCoalesce: {
      STRATUS_ASSIGN_OR_RETURN(Value value, Evaluate(*node.lhs, input, env));
      if (!value.undefined()) {
        return value;
      }
      return Evaluate(*node.rhs, input, env);
    }
    case NodeType::kBind: {
      STRATUS_ASSIGN_OR_RETURN(Value value, Evaluate(*node.rhs, input, env));
      env->Bind(node.name, value);
      return value;
    }
    default:
      return Status::Internal("JSONata: unexpected operator node");
  }
}

Result<Value> Evaluator::EvaluateBinary(const Node& node, const Value& input, const FramePtr& env) {
  STRATUS_ASSIGN_OR_RETURN(Value lhs, Evaluate(*node.lhs, input, env));
  if (node.op == BinaryOp::kAnd || node.op == BinaryOp::kOr) {
    const bool left = BooleanOf(lhs).value_or(false);
    if (node.op == BinaryOp::kAnd ? !left : left) {
      return Value::Boolean(left);
    }
    STRATUS_ASSIGN_OR_RETURN(Value rhs, Evaluate(*node.rhs, input, env));
    return Value::Boolean(BooleanOf(rhs).value_or(false));
  }
  STRATUS_ASSIGN_OR_RETURN(Value rhs, Evaluate(*node.rhs, input, env));
  switch (node.op) {
    case BinaryOp::kAdd:
    case BinaryOp::kSubtract:
    case BinaryOp::kMultiply:
    case BinaryOp::kDivide:
    case BinaryOp::kModulo:
      return NumericOperation(node.op, lhs, rhs);
    case BinaryOp::kEqual:
    case BinaryOp::kNotEqual: {
      if (lhs.undefined() || rhs.undefined()) {
        return Value::Boolean(false);
      }
      const bool equal = DeepEqual(lhs, rhs);
      return Value::Boolean(node.op == BinaryOp::kEqual ? equal : !equal);
    }
    case BinaryOp::kLess:
    case BinaryOp::kLessEqual:
    case BinaryOp::kGreater:
    case BinaryOp::kGreaterEqual:
      return ComparisonOperation(node.op, lhs, rhs);
    case BinaryOp::kConcat: {
      std::string text;
      if (!lhs.undefined()) {
        STRATUS_ASSIGN_OR_RETURN(text, CastToString(lhs, false));
      }
      if (!rhs.undefined()) {
        STRATUS_ASSIGN_OR_RETURN(std::string right, CastToString(rhs, false));
        text += right;
      }
      return Value::String(std::move(text));
    }
    case BinaryOp::kRange:
      return RangeOperation(lhs, rhs);
    case BinaryOp::kIn: {
      if (lhs.undefined() || rhs.undefined()) {
        return Value::Boolean(false);
      }
      if (!rhs.IsArray()) {
        return Value::Boolean(StrictEquals(lhs, rhs));
      }
      const size_t size = rhs.ArraySize();
      for (size_t i = 0; i < size; ++i) {
        if (StrictEquals(lhs, rhs.ArrayAt(i))) {
          return Value::Boolean(true);
        }
      }
      return Value::Boolean(false);
    }
    default:
      return Status::Internal("JSONata: unexpected binary operator");
  }
}

Result<Value> Evaluator::EvaluateArray(const Node& node, const Value& input, const FramePtr& env) {
  auto array = std::make_shared<Sequence>();
  array->is_sequence = false;
  for (const auto& item : node.items) {
    STRATUS_ASSIGN_OR_RETURN(Value value, Evaluate(*item, input, env));
    if (value.undefined()) {
      continue;
    }
    if (item->type == NodeType::kArray) {
      array->items.push_back(std::move(value));
    } else {
      AppendFlattened(array->items, value);
    }
  }
  array->cons = node.cons_array;
  return Value::FromSequence(std::move(array));
}

Result<Value> Evaluator::EvaluateBlock(const Node& node, const Value& input, const FramePtr& env) {
  auto frame = std::make_shared<Frame>(env);
  Value result;
  for (const auto& item : node.items) {
    STRATUS_ASSIGN_OR_RETURN(result, Evaluate(*item, input, frame));
  }
  return result;
}

Value Evaluator::LookupVariable(std::string_view name, const FramePtr& env) {
  if (const Value* value = env->Lookup(name); value != nullptr) {
    return *value;
  }
  if (const Json* json = bindings_.FindVariable(name); json != nullptr) {
    return Value::Borrow(*json);
  }
  if (const auto* members = bindings_.FindObject(name); members != nullptr) {
    auto it = materialized_objects_.find(name);
    if (it == materialized_objects_.end()) {
      Json object = Json::object();
      for (const auto& [key, json] : *members) {
        object[key] = *json;
      }
      it = materialized_objects_.emplace(std::string(name), Value::Own(std::move(object))).first;
    }
    return it->second;
  }
  if (const JsonataNativeFunction* native = bindings_.FindFunction(name); native != nullptr) {
    std::optional<Signature> signature;
    if (!native->signature.empty()) {
      Result<Signature> parsed = Signature::Parse(native->signature);
      if (parsed.ok()) {
        signature = std::move(parsed).value();
      }
    }
    return Value::FromFunction(
        std::make_shared<NativeFunctionRef>(std::string(name), native, std::move(signature)));
  }
  if (const Value* builtin = builtins_.Find(name); builtin != nullptr) {
    return *builtin;
  }
  return {};
}

Result<Value> Evaluator::EvaluateFunctionCall(const Node& node,
                                              const Value& input,
                                              const FramePtr& env,
                                              const Value* apply_to) {
  STRATUS_ASSIGN_OR_RETURN(Value procedure, Evaluate(*node.procedure, input, env));
  const std::string name = ProcedureName(*node.procedure);
  if (procedure.undefined() && node.procedure->type == NodeType::kPath &&
      !LookupVariable(name, env).undefined()) {
    return JsonataError("T1005", {.token = name});
  }
  std::vector<Value> args;
  args.reserve(node.items.size() + (apply_to != nullptr ? 1 : 0));
  if (apply_to != nullptr) {
    args.push_back(*apply_to);
  }
  for (const auto& item : node.items) {
    STRATUS_ASSIGN_OR_RETURN(Value arg, Evaluate(*item, input, env));
    args.push_back(std::move(arg));
  }
  return Apply(procedure, std::move(args), input, env, name);
}

Result<Value> Evaluator::EvaluatePartial(const Node& node,
                                         const Value& input,
                                         const FramePtr& env) {
  std::vector<std::optional<Value>> args;
  for (const auto& item : node.items) {
    if (item->type == NodeType::kPlaceholder) {
      args.emplace_back(std::nullopt);
    } else {
      STRATUS_ASSIGN_OR_RETURN(Value arg, Evaluate(*item, input, env));
      args.emplace_back(std::move(arg));
    }
  }
  STRATUS_ASSIGN_OR_RETURN(Value procedure, Evaluate(*node.procedure, input, env));
  const std::string name = ProcedureName(*node.procedure);
  if (procedure.undefined() && node.procedure->type == NodeType::kPath &&
      !LookupVariable(name, env).undefined()) {
    return JsonataError("T1007", {.token = name});
  }
  if (!procedure.is_function()) {
    return JsonataError("T1008", {.token = name});
  }
  return Value::FromFunction(std::make_shared<PartialFunction>(procedure, std::move(args)));
}

Result<Value> Evaluator::EvaluateApplyOperator(const Node& node,
                                               const Value& input,
                                               const FramePtr& env) {
  STRATUS_ASSIGN_OR_RETURN(Value lhs, Evaluate(*node.lhs, input, env));
  if (node.rhs->type == NodeType::kFunctionCall) {
    return EvaluateFunctionCall(*node.rhs, input, env, &lhs);
  }
  STRATUS_ASSIGN_OR_RETURN(Value function, Evaluate(*node.rhs, input, env));
  if (!function.is_function()) {
    return JsonataError("T2006", {.value = OptionalJson(function)});
  }
  if (lhs.is_function()) {
    return Value::FromFunction(std::make_shared<ChainFunction>(lhs, function));
  }
  return Apply(function, {lhs}, input, env);
}

Result<Value> Evaluator::Apply(const Value& procedure,
                               std::vector<Value> args,
                               const Value& input,
                               const FramePtr& env,
                               std::string_view name) {
  STRATUS_ASSIGN_OR_RETURN(Value result, ApplyInner(procedure, std::move(args), input, env, name));
  // Trampoline: a lambda whose body ends in a call returns a thunk instead of
  // recursing; run the calls here so tail recursion does not grow the stack.
  while (result.is_function() && result.function().kind() == FunctionKind::kLambda) {
    const auto& thunk = static_cast<const LambdaFunction&>(result.function());
    if (!thunk.node().thunk) {
      break;
    }
    if (++steps_ > max_steps_) {
      return JsonataError("D1100");
    }
    const Node& call = *thunk.node().body;
    STRATUS_ASSIGN_OR_RETURN(Value next, Evaluate(*call.procedure, thunk.input(), thunk.env()));
    std::vector<Value> next_args;
    next_args.reserve(call.items.size());
    for (const auto& item : call.items) {
      STRATUS_ASSIGN_OR_RETURN(Value arg, Evaluate(*item, thunk.input(), thunk.env()));
      next_args.push_back(std::move(arg));
    }
    const std::string next_name = ProcedureName(*call.procedure);
    STRATUS_ASSIGN_OR_RETURN(result, ApplyInner(next, std::move(next_args), input, env, next_name));
  }
  return result;
}

Result<Value> Evaluator::ApplyInner(const Value& procedure,
                                    std::vector<Value> args,
                                    const Value& input,
                                    const FramePtr& env,
                                    std::string_view name) {
  if (!procedure.is_function()) {
    return JsonataError("T1006", {.token = std::string(name)});
  }
  DepthGuard guard(depth_);
  STRATUS_RETURN_IF_ERROR(CheckDepth());
  const Function& function = procedure.function();
  switch (function.kind()) {
    case FunctionKind::kLambda:
      return ApplyLambda(static_cast<const LambdaFunction&>(function), std::move(args), input,
                         name);
    case FunctionKind::kBuiltin: {
      const BuiltinFunction& builtin = static_cast<const BuiltinFunctionRef&>(function).builtin();
      STRATUS_ASSIGN_OR_RETURN(
          std::vector<Value> validated,
          builtin.signature.Validate(args, input, name.empty() ? builtin.name : name));
      CallContext context{.evaluator = *this, .input = input, .env = env};
      return builtin.impl(context, validated);
    }
    case FunctionKind::kNative:
      return ApplyNative(static_cast<const NativeFunctionRef&>(function), std::move(args), input,
                         name);
    case FunctionKind::kPartial: {
      const auto& partial = static_cast<const PartialFunction&>(function);
      std::vector<Value> full;
      size_t next = 0;
      for (const std::optional<Value>& bound : partial.args()) {
        if (bound.has_value()) {
          full.push_back(*bound);
        } else {
          full.push_back(next < args.size() ? args[next] : Value());
          ++next;
        }
      }
      return Apply(partial.target(), std::move(full), input, env, name);
    }
    case FunctionKind::kRegex:
      return ApplyRegex(static_cast<const RegexFunction&>(function), args);
    case FunctionKind::kTransform:
      return ApplyTransform(static_cast<const TransformFunction&>(function), args);
    case FunctionKind::kChain: {
      const auto& chain = static_cast<const ChainFunction&>(function);
      STRATUS_ASSIGN_OR_RETURN(Value first, Apply(chain.first(), std::move(args), input, env));
      return Apply(chain.second(), {first}, input, env);
    }
  }
  return Status::Internal("JSONata: unknown function kind");
}

Result<Value> Evaluator::ApplyLambda(const LambdaFunction& lambda,
                                     std::vector<Value> args,
                                     const Value& input,
                                     std::string_view name) {
  const Node& node = lambda.node();
  if (node.signature.has_value()) {
    STRATUS_ASSIGN_OR_RETURN(args, node.signature->Validate(args, input, name));
  }
  auto frame = std::make_shared<Frame>(lambda.env());
  for (size_t i = 0; i < node.params.size(); ++i) {
    frame->Bind(node.params[i], i < args.size() ? std::move(args[i]) : Value());
  }
  if (node.thunk) {
    // A tail-call thunk: hand it back to the trampoline in Apply().
    Capture(frame);
    return Value::FromFunction(std::make_shared<LambdaFunction>(&node, lambda.input(), frame));
  }
  return Evaluate(*node.body, lambda.input(), frame);
}

Result<Value> Evaluator::ApplyNative(const NativeFunctionRef& native,
                                     std::vector<Value> args,
                                     const Value& input,
                                     std::string_view name) {
  if (native.signature().has_value()) {
    STRATUS_ASSIGN_OR_RETURN(
        args, native.signature()->Validate(args, input, name.empty() ? native.name() : name));
  }
  std::vector<std::optional<Json>> json_args;
  json_args.reserve(args.size());
  for (const Value& arg : args) {
    if (arg.undefined()) {
      json_args.emplace_back(std::nullopt);
    } else {
      json_args.emplace_back(ToJsonLenient(arg));
    }
  }
  STRATUS_ASSIGN_OR_RETURN(std::optional<Json> result, native.native().body(json_args));
  if (!result.has_value()) {
    return Value();
  }
  NormalizeNumbers(*result);
  if (native.native().returns_sequence && result->is_array()) {
    Value array = Value::Own(std::move(*result));
    auto sequence = NewSequence();
    const size_t size = array.ArraySize();
    for (size_t i = 0; i < size; ++i) {
      sequence->items.push_back(array.ArrayAt(i));
    }
    return Value::FromSequence(std::move(sequence));
  }
  return Value::Own(std::move(*result));
}

Result<Value> Evaluator::ApplyRegex(const RegexFunction& regex, const std::vector<Value>& args) {
  if (args.empty() || !args[0].IsString()) {
    return Value();
  }
  const std::string& text = args[0].AsString();
  STRATUS_ASSIGN_OR_RETURN(std::optional<RegexMatch> match, regex.regex().Find(text, 0));
  if (!match.has_value()) {
    return Value();
  }
  Json groups = Json::array();
  for (const auto& group : match->groups) {
    groups.push_back(group.value_or(""));
  }
  return Value::Own(Json{{"match", match->text},
                         {"start", match->start},
                         {"end", match->end},
                         {"groups", std::move(groups)}});
}

Result<Value> Evaluator::CallCallback(const Value& function,
                                      const Value& value,
                                      size_t index,
                                      const Value& collection,
                                      const FramePtr& env) {
  const bool wants_index = function.is_function() && function.function().Arity() >= 2;
  return CallWithArity(function, value,
                       wants_index ? Value::Number(static_cast<double>(index)) : Value(),
                       collection, env);
}

Result<Value> Evaluator::CallCallback(const Value& function,
                                      const Value& value,
                                      std::string_view key,
                                      const Value& collection,
                                      const FramePtr& env) {
  const bool wants_key = function.is_function() && function.function().Arity() >= 2;
  return CallWithArity(function, value, wants_key ? Value::String(std::string(key)) : Value(),
                       collection, env);
}

Result<Value> Evaluator::CallWithArity(const Value& function,
                                       const Value& value,
                                       Value index,
                                       const Value& collection,
                                       const FramePtr& env) {
  if (!function.is_function()) {
    return JsonataError("T1006");
  }
  const int arity = function.function().Arity();
  std::vector<Value> args{value};
  if (arity >= 2) {
    args.push_back(std::move(index));
  }
  if (arity >= 3) {
    args.push_back(collection);
  }
  return Apply(function, std::move(args), Value(), env);
}

Result<Value> Evaluator::EvaluateText(std::string_view text,
                                      const Value& input,
                                      const FramePtr& env) {
  Result<std::unique_ptr<Program>> program = Parse(text);
  if (!program.ok()) {
    return JsonataError("D3120", {.value = program.status().message()});
  }
  const Node& root = *(*program)->root;
  eval_programs_.push_back(std::move(program).value());
  Result<Value> result = Evaluate(root, input, env);
  if (!result.ok()) {
    return JsonataError("D3121", {.value = result.status().message()});
  }
  return result;
}

}  // namespace stratus::states::jsonata
