#include "states/asl/diagnostics.h"

namespace stratus::states::asl {

std::string_view DiagnosticSeverityName(DiagnosticSeverity severity) {
  return severity == DiagnosticSeverity::kError ? "ERROR" : "WARNING";
}

std::string InvalidDefinitionMessage(std::span<const Diagnostic> diagnostics) {
  // AWS: one quoted list, entries joined by ", ", each "CODE: message at /location".
  std::string out = "Invalid State Machine Definition: '";
  bool first = true;
  for (const Diagnostic& diagnostic : diagnostics) {
    if (diagnostic.severity != DiagnosticSeverity::kError) {
      continue;
    }
    if (!first) {
      out += ", ";
    }
    first = false;
    out += diagnostic.code;
    out += ": ";
    out += diagnostic.message;
    if (!diagnostic.location.has_value()) {
      // AWS: "MISSING_END_STATE: Workflow has no terminal state at null".
      out += " at null";
    } else if (!diagnostic.location->empty()) {
      out += " at ";
      out += *diagnostic.location;
    }
  }
  out += "'";
  return out;
}

}  // namespace stratus::states::asl
