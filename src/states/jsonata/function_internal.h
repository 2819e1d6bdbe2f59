#pragma once

// Functions and variable frames of the JSONata evaluator.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "states/jsonata/signature_internal.h"
#include "states/jsonata/value_internal.h"

namespace stratus::states {
struct JsonataNativeFunction;
}  // namespace stratus::states

namespace stratus::states::jsonata {

class CompiledRegex;
class Evaluator;
struct Node;

/// A scope of variable bindings. Lambdas capture the frame they are defined
/// in, so frames are shared; `:=` binds into the innermost frame.
///
/// Thread safety: none; a frame belongs to one evaluation.
class Frame {
 public:
  explicit Frame(std::shared_ptr<Frame> parent) : parent_(std::move(parent)) {}

  void Bind(std::string_view name, Value value);

  /// Returns the innermost binding of `name`, or nullptr.
  const Value* Lookup(std::string_view name) const;

  /// Drops the bindings and the parent link; returns the former parent. The
  /// evaluator calls it at the end of an evaluation to break reference cycles
  /// between frames and the closures bound in them.
  std::shared_ptr<Frame> Clear();

 private:
  std::shared_ptr<Frame> parent_;
  std::vector<std::pair<std::string, Value>> bindings_;
};

using FramePtr = std::shared_ptr<Frame>;

/// What a built-in function receives besides its arguments.
struct CallContext {
  Evaluator& evaluator;
  const Value& input;  // the context value at the call site
  const FramePtr& env;
};

using BuiltinImpl = Result<Value> (*)(CallContext& context, std::vector<Value>& args);

/// A function of the JSONata library, e.g. $substring.
struct BuiltinFunction {
  std::string name = {};
  Signature signature = {};
  int arity = 1;  // the declared parameter count used by higher-order functions
  BuiltinImpl impl = nullptr;
};

enum class FunctionKind : uint8_t {
  kLambda,
  kBuiltin,
  kNative,
  kPartial,
  kRegex,
  kTransform,
  kChain,
};

/// A callable value.
class Function {
 public:
  explicit Function(FunctionKind kind) : kind_(kind) {}

  Function(const Function&) = delete;
  Function& operator=(const Function&) = delete;
  virtual ~Function() = default;

  FunctionKind kind() const { return kind_; }

  /// The number of arguments a higher-order function passes it.
  virtual int Arity() const = 0;

 private:
  FunctionKind kind_;
};

/// function($a, $b){ body } with its captured context and frame.
class LambdaFunction final : public Function {
 public:
  LambdaFunction(const Node* node, Value input, FramePtr env)
      : Function(FunctionKind::kLambda),
        node_(node),
        input_(std::move(input)),
        env_(std::move(env)) {}

  int Arity() const override;

  const Node& node() const { return *node_; }

  const Value& input() const { return input_; }

  const FramePtr& env() const { return env_; }

 private:
  const Node* node_;
  Value input_;
  FramePtr env_;
};

class BuiltinFunctionRef final : public Function {
 public:
  explicit BuiltinFunctionRef(const BuiltinFunction* builtin)
      : Function(FunctionKind::kBuiltin), builtin_(builtin) {}

  int Arity() const override { return builtin_->arity; }

  const BuiltinFunction& builtin() const { return *builtin_; }

 private:
  const BuiltinFunction* builtin_;
};

/// A function supplied through JsonataBindings::SetFunction.
class NativeFunctionRef final : public Function {
 public:
  NativeFunctionRef(std::string name,
                    const JsonataNativeFunction* native,
                    std::optional<Signature> signature)
      : Function(FunctionKind::kNative),
        name_(std::move(name)),
        native_(native),
        signature_(std::move(signature)) {}

  int Arity() const override;

  const std::string& name() const { return name_; }

  const JsonataNativeFunction& native() const { return *native_; }

  const std::optional<Signature>& signature() const { return signature_; }

 private:
  std::string name_;
  const JsonataNativeFunction* native_;
  std::optional<Signature> signature_;
};

/// f(a, ?, c): the bound arguments, with nullopt for each placeholder.
class PartialFunction final : public Function {
 public:
  PartialFunction(Value target, std::vector<std::optional<Value>> args)
      : Function(FunctionKind::kPartial), target_(std::move(target)), args_(std::move(args)) {}

  int Arity() const override;

  const Value& target() const { return target_; }

  const std::vector<std::optional<Value>>& args() const { return args_; }

 private:
  Value target_;
  std::vector<std::optional<Value>> args_;
};

/// A regex literal used as a function: returns {match, start, end, groups}.
class RegexFunction final : public Function {
 public:
  explicit RegexFunction(std::shared_ptr<const CompiledRegex> regex)
      : Function(FunctionKind::kRegex), regex_(std::move(regex)) {}

  int Arity() const override { return 1; }

  const CompiledRegex& regex() const { return *regex_; }

 private:
  std::shared_ptr<const CompiledRegex> regex_;
};

/// | pattern | update, delete |: a function of one object.
class TransformFunction final : public Function {
 public:
  TransformFunction(const Node* node, FramePtr env)
      : Function(FunctionKind::kTransform), node_(node), env_(std::move(env)) {}

  int Arity() const override { return 1; }

  const Node& node() const { return *node_; }

  const FramePtr& env() const { return env_; }

 private:
  const Node* node_;
  FramePtr env_;
};

/// f ~> g where both are functions: x => g(f(x)).
class ChainFunction final : public Function {
 public:
  ChainFunction(Value first, Value second)
      : Function(FunctionKind::kChain), first_(std::move(first)), second_(std::move(second)) {}

  int Arity() const override { return 1; }

  const Value& first() const { return first_; }

  const Value& second() const { return second_; }

 private:
  Value first_;
  Value second_;
};

}  // namespace stratus::states::jsonata
