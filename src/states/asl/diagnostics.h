#pragma once

#include <cstdint>
#include <optional>
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
inline constexpr std::string_view kInvalidJsonataExpression = "INVALID_JSONATA_EXPRESSION";
/// AWS: a top-level States without any terminal state (End, Succeed, Fail)
/// is "MISSING_END_STATE: Workflow has no terminal state", with no location.
inline constexpr std::string_view kMissingEndState = "MISSING_END_STATE";

/// One problem found in a definition: what ValidateStateMachineDefinition
/// returns per element of "diagnostics".
struct Diagnostic {
  DiagnosticSeverity severity = DiagnosticSeverity::kError;
  /// "SCHEMA_VALIDATION_FAILED", "MISSING_TRANSITION_TARGET", ...
  std::string code = {};
  /// "Field 'Foo' is not supported".
  std::string message = {};
  /// A JSON-pointer-like location: "/States/X/Next"; "/" for the root;
  /// nullopt for a diagnostic AWS reports without one (MISSING_END_STATE).
  std::optional<std::string> location = std::nullopt;
};

/// Returns the text of the InvalidDefinition error CreateStateMachine and
/// UpdateStateMachine send, built from the errors (warnings are skipped):
/// "Invalid State Machine Definition: 'CODE: message at /loc, CODE: ...'";
/// a diagnostic without a location reads "CODE: message at null", as AWS's.
std::string InvalidDefinitionMessage(std::span<const Diagnostic> diagnostics);

}  // namespace stratus::states::asl
