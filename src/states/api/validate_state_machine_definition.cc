#include <utility>

#include "base/format.h"
#include "states/api/errors.h"
#include "states/api/handlers.h"
#include "states/api/request_fields.h"
#include "states/api/states_service.h"
#include "states/asl/definition_parser.h"

namespace stratus::states::api::handlers {
namespace {

constexpr size_t kDefaultMaxDiagnostics = 100;

Result<Json> Validate(StatesService& service, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string definition, RequiredString(input, "definition"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> type, OptionalString(input, "type"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> severity, OptionalString(input, "severity"));
  STRATUS_ASSIGN_OR_RETURN(int64_t max_results, MaxResults(input));
  if (type.has_value() && *type != "STANDARD" && *type != "EXPRESS") {
    return StatesApiError::ValidationConstraint(
        *type, "type", "Member must satisfy enum value set: [STANDARD, EXPRESS]");
  }
  if (severity.has_value() && *severity != "ERROR" && *severity != "WARNING") {
    return StatesApiError::ValidationConstraint(
        *severity, "severity", "Member must satisfy enum value set: [ERROR, WARNING]");
  }
  const bool with_warnings = severity.value_or("ERROR") == "WARNING";
  const size_t limit = max_results > 0 ? static_cast<size_t>(max_results) : kDefaultMaxDiagnostics;
  asl::DefinitionAnalysis analysis = asl::AnalyzeDefinition(
      definition, asl::ParseOptions{.intrinsics = nullptr,
                                    .jsonata = &service.jsonata(),
                                    .kind = type.value_or("STANDARD") == "EXPRESS"
                                                ? asl::StateMachineKind::kExpress
                                                : asl::StateMachineKind::kStandard});
  Json diagnostics = Json::array();
  bool truncated = false;
  for (const asl::Diagnostic& diagnostic : analysis.diagnostics) {
    if (diagnostic.severity == asl::DiagnosticSeverity::kWarning && !with_warnings) {
      continue;
    }
    if (diagnostics.size() >= limit) {
      truncated = true;
      break;
    }
    Json entry = {{"severity", std::string(asl::DiagnosticSeverityName(diagnostic.severity))},
                  {"code", diagnostic.code},
                  {"message", diagnostic.message}};
    if (diagnostic.location.has_value()) {
      // AWS leaves "location" out of MISSING_END_STATE.
      entry["location"] = *diagnostic.location;
    }
    diagnostics.push_back(std::move(entry));
  }
  return Json{{"result", analysis.ok() ? "OK" : "FAIL"},
              {"diagnostics", std::move(diagnostics)},
              {"truncated", truncated}};
}

}  // namespace

void ValidateStateMachineDefinition(StatesService& service,
                                    const aws::RequestContext& /*context*/,
                                    Json input,
                                    aws::Reply reply) {
  reply(Validate(service, input));
}

}  // namespace stratus::states::api::handlers
