// Parallel states: one child frame per branch; the state succeeds with the
// array of branch outputs or fails with the first failing branch's error.

#include <utility>

#include "states/asl/io_processing.h"
#include "states/interpreter/engine_internal.h"

namespace stratus::states::interpreter {

Status Engine::PrepareParallel(Frame& frame) {
  const auto& parallel = frame.state->As<asl::ParallelState>();
  asl::EvaluationContext context = Context(frame);
  if (parallel.query_language == asl::QueryLanguage::kJsonata) {
    asl::StateValues values{.input = &frame.input, .result = nullptr, .error_output = nullptr};
    STRATUS_ASSIGN_OR_RETURN(frame.effective, asl::EvaluateArguments(parallel, values, context));
    return Status::Ok();
  }
  STRATUS_ASSIGN_OR_RETURN(Json effective, asl::ApplyInputPath(parallel, frame.input, context));
  STRATUS_ASSIGN_OR_RETURN(frame.effective,
                           asl::ApplyParameters(parallel, std::move(effective), context));
  return Status::Ok();
}

Status Engine::StartBranches(Frame& frame) {
  const auto& parallel = frame.state->As<asl::ParallelState>();
  Emit(frame, HistoryEventType::kParallelStateStarted, nullptr);
  frame.children.clear();
  for (size_t i = 0; i < parallel.branches.size(); ++i) {
    auto child =
        NewChildFrame(frame, FrameKind::kBranch, *parallel.branches[i], static_cast<int64_t>(i));
    child->input = frame.effective;
    frame.children.push_back(std::move(child));
  }
  frame.phase = FramePhase::kChildren;
  return Status::Ok();
}

void Engine::PumpParallel(Frame& frame) {
  for (auto& child : frame.children) {
    Pump(*child);
    if (!Running()) {
      return;
    }
  }
  Frame* failed = nullptr;
  bool all_succeeded = true;
  for (auto& child : frame.children) {
    if (child->phase == FramePhase::kFailed && failed == nullptr) {
      failed = child.get();
    }
    if (child->phase != FramePhase::kSucceeded) {
      all_succeeded = false;
    }
  }
  if (failed != nullptr) {
    for (auto& child : frame.children) {
      if (child->phase == FramePhase::kSucceeded || child->phase == FramePhase::kFailed) {
        frame.cursor.Integrate(child->cursor);
      }
    }
    Failure failure{.error = failed->error, .cause = failed->cause};
    AbortChildren(frame, frame.cursor.source);
    frame.phase = FramePhase::kEnter;
    HandleFailure(frame, std::move(failure), FailureOrigin::kChildren);
    return;
  }
  if (!all_succeeded) {
    return;
  }
  Json outputs = Json::array();
  for (auto& child : frame.children) {
    frame.cursor.Integrate(child->cursor);
    outputs.push_back(std::move(child->output));
  }
  frame.children.clear();
  Emit(frame, HistoryEventType::kParallelStateSucceeded, nullptr, /*update_source=*/false);
  Json assigned;
  Result<Json> output = ProcessResult(frame, std::move(outputs), &assigned);
  frame.phase = FramePhase::kEnter;
  if (!output.ok()) {
    HandleFailure(frame, Failure::FromStatus(output.status()), FailureOrigin::kState);
    return;
  }
  const asl::State& state = *frame.state;
  ExitState(frame, std::move(*output), std::move(assigned), state.end ? nullptr : state.next_state);
}

}  // namespace stratus::states::interpreter
