#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace stratus::states::asl {

/// ValidateStateMachineDefinition "severity".
enum class DiagnosticSeverity : uint8_t { kError, kWarning };

/// Returns "ERROR" or "WARNING".
std::string_view DiagnosticSeverityName(DiagnosticSeverity severity);

/// The diagnostic codes AWS reports (the part before ':' in an
/// InvalidDefinition message).
inline constexpr std::string_view kInvalidJsonDescription = "INVALID_JSON_DESCRIPTION";
inline constexpr std::string_view kSchemaValidationFailed = "SCHEMA_VALIDATION_FAILED";
inline constexpr std::string_view kMissingTransitionTarget = "MISSING_TRANSITION_TARGET";
inline constexpr std::string_view kDuplicateStateName = "DUPLICATE_STATE_NAME";
inline constexpr std::string_view kNoTerminalState = "NO_TERMINAL_STATE";

/// One problem found in a definition: what ValidateStateMachineDefinition
/// returns per element of "diagnostics".
struct Diagnostic {
  DiagnosticSeverity severity = DiagnosticSeverity::kError;
  /// "SCHEMA_VALIDATION_FAILED", "MISSING_TRANSITION_TARGET", ...
  std::string code = {};
  /// "The field \"Foo\" is not supported by Step Functions".
  std::string message = {};
  /// A JSON-pointer-like location: "/States/X/Next"; "/" for the root.
  std::string location = {};
};

/// Returns the text of the InvalidDefinition error CreateStateMachine and
/// UpdateStateMachine send, built from the errors (warnings are skipped):
/// "Invalid State Machine Definition: 'CODE: message at /loc, CODE: ...'".
std::string InvalidDefinitionMessage(std::span<const Diagnostic> diagnostics);

}  // namespace stratus::states::asl
