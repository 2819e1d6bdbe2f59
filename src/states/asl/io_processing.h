#pragma once

#include <optional>
#include <string_view>

#include "base/json.h"
#include "base/result.h"
#include "states/asl/state_machine.h"

namespace stratus::states::asl {

struct EvaluationContext;
struct StateValues;

// The input and output processing of one state, in the order the interpreter
// applies it.
//
// JSONPath state:
//   raw input ─ApplyInputPath→ effective input ─ApplyParameters→ task input
//   task result ─ApplyResultSelector→ result ─(EvaluateAssign)→ variables
//   result ─ApplyResultPath(raw input)→ ─ApplyOutputPath→ state output
// JSONata state:
//   input ─EvaluateArguments→ task input;  result ─EvaluateOutput→ output;
//   Assign and Output both see the variables from before the state.
//
// Failures are States.Runtime (paths that match nothing),
// States.ResultPathMatchFailure, States.IntrinsicFailure or
// States.QueryEvaluationError, with AWS's causes (errors.h).

/// InputPath: "$" passes `raw_input` through; null gives {}; otherwise the
/// selected node. AWS: "Invalid path '$.x' : No results for path: $['x']".
Result<Json> ApplyInputPath(const State& state, Json raw_input, const EvaluationContext& context);

/// Parameters (Task, Pass, Parallel; Map uses ApplyItemSelector): the
/// template applied to the effective input, or the input when absent.
Result<Json> ApplyParameters(const State& state,
                             Json effective_input,
                             const EvaluationContext& context);

/// ResultSelector (Task, Parallel, Map): the template applied to the raw
/// result, or the result when absent.
Result<Json> ApplyResultSelector(const State& state,
                                 Json raw_result,
                                 const EvaluationContext& context);

/// ResultPath: places `result` into `raw_input` ("$" = the result replaces
/// the input, null = the input unchanged). Catchers use the overload with
/// their own ResultPath. States.ResultPathMatchFailure when it cannot.
Result<Json> ApplyResultPath(const State& state,
                             Json raw_input,
                             Json result,
                             const EvaluationContext& context);
Result<Json> ApplyResultPath(const std::optional<JsonPath>& result_path,
                             Json raw_input,
                             Json result,
                             const EvaluationContext& context);

/// OutputPath: "$" passes through; null gives {}; otherwise the selected node.
Result<Json> ApplyOutputPath(const State& state, Json output, const EvaluationContext& context);

/// The Pass state's result: "Result" if present, else the effective input
/// after Parameters.
Result<Json> PassResult(const PassState& state,
                        Json effective_input,
                        const EvaluationContext& context);

/// ItemSelector (or legacy Map Parameters) for one item; the context object
/// in `context` must carry $$.Map.Item.Index/Value. Without a selector the
/// item itself.
Result<Json> ApplyItemSelector(const MapState& state,
                               const Json& effective_input,
                               Json item,
                               const EvaluationContext& context);

/// JSONata "Arguments": evaluated with $states.input; without Arguments the
/// input itself.
Result<Json> EvaluateArguments(const State& state,
                               const StateValues& values,
                               const EvaluationContext& context);

/// JSONata "Output": evaluated with $states.input/result/errorOutput;
/// without Output the result (or the input when there is no result).
Result<Json> EvaluateOutput(const std::optional<JsonataTemplate>& output,
                            const StateValues& values,
                            const EvaluationContext& context);

/// Evaluates an Assign block (see AssignBlock); returns {} when absent.
Result<Json> ProcessAssign(const std::optional<AssignBlock>& assign,
                           const StateValues& values,
                           const EvaluationContext& context);

/// Resolves a DynamicNumber: the literal, the value its reference path
/// selects in `values.input` (States.Runtime when missing), or the JSONata
/// expression's result. nullopt when the field is not set. The caller checks
/// the type and range with the field-specific AWS message.
Result<std::optional<Json>> ResolveDynamicNumber(const DynamicNumber& number,
                                                 std::string_view field,
                                                 const StateValues& values,
                                                 const EvaluationContext& context);

/// Builds the error output {"Error": ..., "Cause": ...} a Catcher receives.
Json ErrorOutput(std::string_view error, std::string_view cause);

}  // namespace stratus::states::asl
