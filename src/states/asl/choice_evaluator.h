#pragma once

#include <optional>
#include <string>

#include "base/json.h"
#include "base/result.h"
#include "states/asl/choice_rule.h"
#include "states/asl/state_machine.h"

namespace stratus::states::asl {

struct EvaluationContext;

/// The outcome of a Choice state.
struct ChoiceMatch {
  /// The top-level rule that matched, or null when none did (Default).
  const ChoiceRule* rule = nullptr;
  /// The next state's name: the rule's Next, else Default. nullopt when no
  /// rule matched and there is no Default (the caller raises
  /// States.NoChoiceMatched, see NoChoiceMatchedError()).
  std::optional<std::string> next = std::nullopt;
  /// The state `next` names.
  const State* next_state = nullptr;
};

/// Evaluates the rules of `state` in order against `input` (the effective
/// input, after InputPath in JSONPath). AWS: a comparison whose Variable is
/// missing is a States.Runtime error ("Invalid path '$.x': The choice state's
/// condition path references an invalid value."), except under IsPresent;
/// a value of the wrong type for the operator compares false.
Result<ChoiceMatch> EvaluateChoice(const ChoiceState& state,
                                   const Json& input,
                                   const EvaluationContext& context);

/// Evaluates one (possibly nested) rule. Exposed for tests.
Result<bool> EvaluateChoiceRule(const ChoiceRule& rule,
                                const Json& input,
                                const EvaluationContext& context);

/// Returns the States.NoChoiceMatched failure AWS raises.
Status NoChoiceMatchedError(const EvaluationContext& context);

}  // namespace stratus::states::asl
