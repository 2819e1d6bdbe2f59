#include "states/interpreter/interpreter.h"

#include <utility>

#include "base/check.h"
#include "base/format.h"
#include "states/asl/state_machine.h"
#include "states/interpreter/engine_internal.h"
#include "states/interpreter/execution_run_internal.h"

namespace stratus::states::interpreter {

Interpreter::Interpreter(InterpreterOptions options) : options_(options) {
  STRATUS_CHECK(options_.ids != nullptr, "InterpreterOptions::ids is required");
}

Result<Started> Interpreter::Start(std::shared_ptr<const asl::StateMachine> machine,
                                   std::string_view input,
                                   const ExecutionContext& context,
                                   Clock::TimePoint now) const {
  if (machine == nullptr) {
    return Status::InvalidArgument("a definition is required to start an execution");
  }
  Result<Json> parsed = ParseJson(input);
  if (!parsed.ok()) {
    return Status::InvalidArgument(
        Format("Invalid execution input: {}", parsed.status().message()));
  }
  auto run = std::make_unique<ExecutionRun>();
  run->machine = std::move(machine);
  run->context = context;
  run->input_text = std::string(input);
  run->input = std::move(*parsed);
  BuildContextObject(*run);
  run->root = std::make_unique<Frame>(nullptr);
  run->root->kind = FrameKind::kRoot;
  run->root->graph = &run->machine->graph;
  Started started;
  Engine engine(options_, *run, now, started.step);
  engine.Start();
  engine.Finish();
  started.state = ExecutionState(std::move(run));
  return started;
}

Result<StepResult> Interpreter::Advance(ExecutionState& state,
                                        const ExecutionEvent& event,
                                        Clock::TimePoint now) const {
  if (state.run().root == nullptr || state.run().machine == nullptr) {
    return Status::FailedPrecondition("the execution state was not started or loaded");
  }
  StepResult step;
  Engine engine(options_, state.run(), now, step);
  STRATUS_RETURN_IF_ERROR(engine.Apply(event));
  engine.Finish();
  return step;
}

}  // namespace stratus::states::interpreter
