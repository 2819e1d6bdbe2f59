#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/json.h"
#include "base/random.h"
#include "states/asl/jsonata_evaluator.h"
#include "states/asl/state_machine.h"
#include "states/interpreter/interpreter.h"

namespace stratus::conformance::asl {

/// The outcome of replaying one manifest entry.
struct CaseResult {
  enum class Outcome : uint8_t { kPassed, kFailed, kSkipped };

  Outcome outcome = Outcome::kPassed;
  /// The first difference (kFailed) or why the case was skipped.
  std::string detail = {};
  int num_executions = 0;
  int num_executions_passed = 0;
  int num_choice_cases = 0;
  int num_choice_cases_passed = 0;
};

/// One execution run to its end by the simulated host.
struct SimulatedExecution {
  std::vector<states::interpreter::HistoryEvent> events = {};
  states::interpreter::ExecutionStatus status = states::interpreter::ExecutionStatus::kRunning;
  std::optional<std::string> output = std::nullopt;
  std::optional<std::string> error = std::nullopt;
  std::optional<std::string> cause = std::nullopt;
  /// Set when the host itself went wrong (a round trip changed the state...).
  std::string host_error = {};
};

/// Replays manifest entries through the interpreter in-process with a tiny
/// simulated host: timers fire at once with virtual time advancing to their
/// due time; there is no task host (replayable cases have no Task state).
///
/// Thread safety: none.
class CaseReplayer {
 public:
  /// `roundtrip`: serialize and reload the ExecutionState after every step.
  CaseReplayer(std::filesystem::path dir, bool roundtrip);

  CaseResult Run(const Json& entry);

  /// Runs `definition` with `input` to its end.
  SimulatedExecution Simulate(const std::shared_ptr<const states::asl::StateMachine>& machine,
                              const std::string& input,
                              states::interpreter::ExecutionType type);

 private:
  const Json& Snapshot(const std::string& file);
  std::optional<Json> LoadTemplate(const Json& entry, std::string* error);
  CaseResult RunChoiceCases(const Json& entry, const Json& recorded);
  CaseResult RunExecutions(const Json& entry, const Json& recorded);

  std::filesystem::path dir_;
  bool roundtrip_;
  IdGenerator ids_{42};
  std::unique_ptr<states::asl::JsonataEvaluator> jsonata_;
  std::unique_ptr<states::interpreter::Interpreter> interpreter_;
  std::map<std::string, Json> snapshots_;
  int64_t num_started_ = 0;
};

}  // namespace stratus::conformance::asl
