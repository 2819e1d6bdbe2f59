#pragma once

// Helpers shared by the interpreter's tests: a seeded interpreter, a fixed
// execution context, and effect/event extraction.

#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include "base/clock.h"
#include "base/random.h"
#include "states/asl/definition_parser.h"
#include "states/asl/jsonata_evaluator.h"
#include "states/interpreter/interpreter.h"
#include "states/interpreter/jsonata_adapter.h"

namespace stratus::states::interpreter::testing {

/// 2026-01-01T00:00:00Z.
inline Clock::TimePoint T0() {
  return FromUnixMillis(1767225600000);
}

/// A seeded interpreter with JSONata.
struct TestInterpreter {
  explicit TestInterpreter(uint64_t seed = 7, InterpreterOptions base = {})
      : ids(seed), jsonata(MakeJsonataEvaluator(ids)) {
    base.jsonata = jsonata.get();
    base.ids = &ids;
    interpreter = std::make_unique<Interpreter>(base);
  }

  /// Parses a definition; null (and a test failure) when it is invalid.
  std::shared_ptr<const asl::StateMachine> Parse(std::string_view definition) const;

  IdGenerator ids;
  std::unique_ptr<asl::JsonataEvaluator> jsonata;
  std::unique_ptr<Interpreter> interpreter;
};

/// A STANDARD execution context named "machine"/"run".
ExecutionContext TestContext();

/// A test fixture that starts and advances executions, failing the test on
/// an error.
class InterpreterFixture : public ::testing::Test {
 protected:
  /// Starts `definition` with `input` at T0().
  Started StartOk(std::string_view definition, std::string_view input = "{}");
  /// Advances `state` by `event` at `now`; an empty step on error.
  StepResult AdvanceOk(ExecutionState& state, const ExecutionEvent& event, Clock::TimePoint now);

  TestInterpreter test_;
};

/// The effects of type T in a step, in order.
template <typename T>
std::vector<T> EffectsOf(const StepResult& step) {
  std::vector<T> out;
  for (const Effect& effect : step.effects) {
    if (const T* typed = std::get_if<T>(&effect)) {
      out.push_back(*typed);
    }
  }
  return out;
}

/// The event type names of a step, in order.
std::vector<std::string> TypeNames(const std::vector<HistoryEvent>& events);

}  // namespace stratus::states::interpreter::testing
