#include "states/interpreter/test_interpreter.h"

#include <gtest/gtest.h>

namespace stratus::states::interpreter::testing {

std::shared_ptr<const asl::StateMachine> TestInterpreter::Parse(std::string_view definition) const {
  Result<std::shared_ptr<const asl::StateMachine>> machine =
      asl::ParseDefinition(definition, asl::ParseOptions{.jsonata = jsonata.get()});
  EXPECT_TRUE(machine.ok()) << machine.status().ToString();
  return machine.ok() ? *machine : nullptr;
}

Started InterpreterFixture::StartOk(std::string_view definition, std::string_view input) {
  auto machine = test_.Parse(definition);
  EXPECT_NE(machine, nullptr);
  Result<Started> started = test_.interpreter->Start(machine, input, TestContext(), T0());
  EXPECT_TRUE(started.ok()) << started.status().ToString();
  return std::move(*started);
}

StepResult InterpreterFixture::AdvanceOk(ExecutionState& state,
                                         const ExecutionEvent& event,
                                         Clock::TimePoint now) {
  Result<StepResult> step = test_.interpreter->Advance(state, event, now);
  EXPECT_TRUE(step.ok()) << step.status().ToString();
  return step.ok() ? std::move(*step) : StepResult{};
}

ExecutionContext TestContext() {
  ExecutionContext context;
  context.state_machine_name = "machine";
  context.state_machine_arn = "arn:aws:states:us-east-1:123456789012:stateMachine:machine";
  context.execution_name = "run";
  context.execution_arn = "arn:aws:states:us-east-1:123456789012:execution:machine:run";
  context.role_arn = "arn:aws:iam::123456789012:role/sfn";
  context.start_time = T0();
  return context;
}

std::vector<std::string> TypeNames(const std::vector<HistoryEvent>& events) {
  std::vector<std::string> names;
  for (const HistoryEvent& event : events) {
    names.emplace_back(HistoryEventTypeName(event.type));
  }
  return names;
}

}  // namespace stratus::states::interpreter::testing
