#pragma once

// The tree-walking JSONata evaluator.
//
// One Evaluator runs one evaluation: it holds the bindings, the timestamp
// $now() reports, and the guards against runaway expressions (a recursion
// depth limit and a step budget). The tree it walks is shared and immutable;
// everything mutable (frames, sequences built along the way) belongs to the
// evaluation. The semantics follow jsonata-js 2.x: path steps map over
// sequences and flatten them, one-item sequences collapse to their item at the
// end of each expression, and missing data is "undefined" rather than null.
//
// Thread safety: none; an Evaluator belongs to one Evaluate() call.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "states/jsonata/function_internal.h"
#include "states/jsonata/node_internal.h"
#include "states/jsonata/value_internal.h"

namespace stratus::states {
class JsonataBindings;
}  // namespace stratus::states

namespace stratus::states::jsonata {

class BuiltinRegistry;

class Evaluator {
 public:
  Evaluator(const JsonataBindings& bindings, const BuiltinRegistry& builtins);
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;
  /// Breaks the reference cycles closures form with their frames.
  ~Evaluator();

  /// Evaluates a whole expression against the input document.
  Result<Value> EvaluateRoot(const Node& root, const Json& input);

  /// Evaluates `node` with context `input` in frame `env`.
  Result<Value> Evaluate(const Node& node, const Value& input, const FramePtr& env);

  /// Calls `procedure` with `args` (validated against its signature), running
  /// tail calls to completion. `name` names the function in errors.
  Result<Value> Apply(const Value& procedure,
                      std::vector<Value> args,
                      const Value& input,
                      const FramePtr& env,
                      std::string_view name = {});

  /// Calls a function argument of a higher-order function with as many of
  /// (value, index, collection) as its arity accepts; the index is a
  /// position ($map, $filter) or a key ($each, $sift).
  Result<Value> CallCallback(const Value& function,
                             const Value& value,
                             size_t index,
                             const Value& collection,
                             const FramePtr& env);
  Result<Value> CallCallback(const Value& function,
                             const Value& value,
                             std::string_view key,
                             const Value& collection,
                             const FramePtr& env);

  /// Looks up $name: frames, then the bindings, then the built-in library.
  Value LookupVariable(std::string_view name, const FramePtr& env);

  /// Parses and evaluates `text` ($eval); the tree is kept for the rest of
  /// the evaluation because lambdas defined in it may outlive the call.
  Result<Value> EvaluateText(std::string_view text, const Value& input, const FramePtr& env);

  const JsonataBindings& bindings() const { return bindings_; }

  /// The time $now() and $millis() report: fixed for the whole evaluation.
  Result<int64_t> NowMillis();

 private:
  /// Notes that a closure captured `env`, so that ~Evaluator() can clear it.
  void Capture(const FramePtr& env);

  Result<Value> Dispatch(const Node& node, const Value& input, const FramePtr& env);
  Result<Value> EvaluateOperator(const Node& node, const Value& input, const FramePtr& env);
  Result<Value> EvaluateBinary(const Node& node, const Value& input, const FramePtr& env);
  Result<Value> EvaluateArray(const Node& node, const Value& input, const FramePtr& env);
  Result<Value> EvaluateBlock(const Node& node, const Value& input, const FramePtr& env);
  Result<Value> EvaluateFunctionCall(const Node& node,
                                     const Value& input,
                                     const FramePtr& env,
                                     const Value* apply_to);
  Result<Value> EvaluatePartial(const Node& node, const Value& input, const FramePtr& env);
  Result<Value> EvaluateApplyOperator(const Node& node, const Value& input, const FramePtr& env);
  Result<Value> ApplyInner(const Value& procedure,
                           std::vector<Value> args,
                           const Value& input,
                           const FramePtr& env,
                           std::string_view name);
  Result<Value> ApplyLambda(const LambdaFunction& lambda,
                            std::vector<Value> args,
                            const Value& input,
                            std::string_view name);
  Result<Value> ApplyNative(const NativeFunctionRef& native,
                            std::vector<Value> args,
                            const Value& input,
                            std::string_view name);
  Result<Value> ApplyTransform(const TransformFunction& transform, const std::vector<Value>& args);
  Result<Value> CallWithArity(const Value& function,
                              const Value& value,
                              Value index,
                              const Value& collection,
                              const FramePtr& env);
  Result<Value> ApplyRegex(const RegexFunction& regex, const std::vector<Value>& args);

  // Paths (evaluator_path.cc).
  Result<Value> EvaluatePath(const Node& node, const Value& input, const FramePtr& env);
  std::optional<Value> BorrowedMember(const Node& path, const FramePtr& env) const;
  std::optional<Value> WalkFieldPath(const Node& path, const Value& input, const FramePtr& env);
  Result<Value> EvaluateStep(const Node& step,
                             const Value& input,
                             const FramePtr& env,
                             bool last_step);
  Result<Value> EvaluateTupleStep(const Node& step,
                                  const Value& input,
                                  std::shared_ptr<Sequence> tuples,
                                  const FramePtr& env);
  Result<Value> EvaluateStages(const std::vector<Stage>& stages, Value input, const FramePtr& env);
  Result<Value> EvaluateFilter(const Node& predicate, const Value& input, const FramePtr& env);
  Result<Value> EvaluateSort(const Node& sort, const Value& input, const FramePtr& env);
  Result<Value> EvaluateGroup(
      const std::vector<std::pair<std::unique_ptr<Node>, std::unique_ptr<Node>>>& pairs,
      const Value& input,
      const FramePtr& env);

  // Guards against runaway recursion: a nesting depth and, because the stack
  // cost of one level differs between builds, the stack bytes used since
  // EvaluateRoot (2 MiB leaves room on the usual 8 MiB thread stacks).
  static constexpr int kMaxDepth = 10000;
  static constexpr uintptr_t kMaxStackBytes = uintptr_t{2} * 1024 * 1024;

  /// Returns D1011 if the nesting depth or stack use is over its limit.
  Status CheckDepth() const;

  const JsonataBindings& bindings_;
  const BuiltinRegistry& builtins_;
  std::optional<int64_t> now_millis_;
  int depth_ = 0;
  uintptr_t stack_base_ = 0;
  uint64_t steps_ = 0;
  uint64_t max_steps_ = 0;
  std::vector<std::unique_ptr<Program>> eval_programs_;
  // Frames captured by closures. A closure bound in its own frame (or an
  // ancestor) is a shared_ptr cycle; clearing these frames at the end frees it.
  std::vector<std::weak_ptr<Frame>> captured_frames_;
  size_t compact_at_ = 64;
  // Objects bound with BindObject(), built on first use as a whole.
  std::map<std::string, Value, std::less<>> materialized_objects_;
};

/// The text JSONata shows for a non-finite number in D1001 messages.
Json NonFiniteText(double number);

/// Creates a frame below `env` holding a tuple's bindings.
FramePtr FrameFromTuple(const FramePtr& env, const TupleBindings* bindings);

/// `*`: the values of the fields of `input`, arrays flattened.
Value EvaluateWildcard(const Value& input);

/// `**`: `input` and all of its descendants.
Value EvaluateDescendants(const Value& input);

/// Turns the values a path step produced into its result sequence: one
/// array value at the last step is kept whole, otherwise arrays are
/// flattened one level (arrays built by constructors stay nested).
Value CollectStepResults(std::vector<Value> results, bool last_step);

/// Looks up field `name` in `input`, mapping over arrays (JSONata $lookup).
Value LookupField(const Value& input, std::string_view name);

}  // namespace stratus::states::jsonata
