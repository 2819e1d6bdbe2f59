#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "states/asl/diagnostics.h"
#include "states/asl/state_machine.h"

namespace stratus::states::asl {

class IntrinsicRegistry;
class JsonataEvaluator;

/// The kind of state machine a definition is created for; EXPRESS rejects
/// .sync and .waitForTaskToken integrations and activities.
enum class StateMachineKind : uint8_t { kStandard, kExpress };

struct ParseOptions {
  /// The intrinsic functions a definition may call; null uses
  /// BuiltinIntrinsics().
  const IntrinsicRegistry* intrinsics = nullptr;
  /// When set, every JSONata expression's syntax is checked at parse time.
  const JsonataEvaluator* jsonata = nullptr;
  StateMachineKind kind = StateMachineKind::kStandard;
};

/// The outcome of checking a definition: every diagnostic, and the model
/// when there is no error-severity diagnostic.
struct DefinitionAnalysis {
  std::shared_ptr<const StateMachine> machine = nullptr;
  std::vector<Diagnostic> diagnostics = {};

  bool ok() const { return machine != nullptr; }
};

/// Parses and validates `json` as AWS does for CreateStateMachine and
/// ValidateStateMachineDefinition: JSON syntax, unknown/required fields and
/// their types, paths, intrinsic calls, JSONata vs JSONPath field rules,
/// Retry/Catch error names, transition targets, reachability and terminal
/// states, in nested Parallel branches and Map processors too.
DefinitionAnalysis AnalyzeDefinition(std::string_view json, const ParseOptions& options = {});

/// Parses and validates `json`. On any error returns InvalidArgument whose
/// message is InvalidDefinitionMessage(diagnostics), ready for the
/// InvalidDefinition wire error.
Result<std::shared_ptr<const StateMachine>> ParseDefinition(std::string_view json,
                                                            const ParseOptions& options = {});

}  // namespace stratus::states::asl
