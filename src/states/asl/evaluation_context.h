#pragma once

#include <cstdint>
#include <string_view>

#include "base/json.h"

namespace stratus {
class IdGenerator;
}  // namespace stratus

namespace stratus::states::asl {

class JsonataEvaluator;
class VariableView;

/// Everything a state's paths, intrinsics, templates and Choice rules read
/// besides the JSON they transform: the context object, the variables, the
/// state's identity for error messages and the injected services.
///
/// The struct only points at data the caller owns; it must outlive every
/// call it is passed to. Built by the interpreter once per state entry.
struct EvaluationContext {
  /// The state being executed; quoted in States.Runtime causes.
  std::string_view state_name = {};
  /// The id of the state's *StateEntered history event ("entered at the
  /// event id #2" in causes).
  int64_t entered_event_id = 0;
  /// The context object `$$` (JSONPath) / `$states.context` (JSONata):
  /// {"Execution": {...}, "State": {...}, "StateMachine": {...}, "Task": {...},
  /// "Map": {"Item": {"Index", "Value"}}}. Null reads as {}.
  const Json* context_object = nullptr;
  /// Variables visible to the state; null means none are assigned.
  const VariableView* variables = nullptr;
  /// Randomness for States.UUID and States.MathRandom (unseeded). Null makes
  /// those functions fail with States.Runtime.
  IdGenerator* ids = nullptr;
  /// The JSONata evaluator for JSONata states. Null makes every JSONata
  /// expression fail with States.QueryEvaluationError.
  const JsonataEvaluator* jsonata = nullptr;
};

/// The values of one state a JSONata expression sees as $states.input,
/// $states.result and $states.errorOutput, and that JSONPath Assign reads as
/// `$`. Pointers are null when the value does not exist at that point
/// (no result in Arguments, no errorOutput outside Catch).
struct StateValues {
  const Json* input = nullptr;
  const Json* result = nullptr;
  const Json* error_output = nullptr;
};

}  // namespace stratus::states::asl
