// Pass, Choice, Wait, Succeed and Fail: the states that never call out.

#include <chrono>
#include <cmath>
#include <utility>

#include "base/format.h"
#include "states/asl/choice_evaluator.h"
#include "states/asl/io_processing.h"
#include "states/asl/json_path.h"
#include "states/asl/timestamp.h"
#include "states/interpreter/engine_internal.h"

namespace stratus::states::interpreter {
namespace {

bool IsJsonata(const asl::State& state) {
  return state.query_language == asl::QueryLanguage::kJsonata;
}

// Returns true when ResultPath replaces the input ("$"), so that the raw
// input is not needed after the result exists.
bool ResultReplacesInput(const asl::State& state) {
  return state.result_path.has_value() && state.result_path->is_root_only() &&
         state.result_path->root() == asl::JsonPath::Root::kInput;
}

Clock::TimePoint FromTimestamp(const asl::Timestamp& timestamp) {
  return Clock::TimePoint(std::chrono::duration_cast<Clock::TimePoint::duration>(
      std::chrono::seconds(timestamp.seconds) + std::chrono::nanoseconds(timestamp.nanos)));
}

// Reads a whole, non-negative number of seconds, as Wait's SecondsPath wants.
Result<int64_t> WaitSeconds(const Json& value,
                            const std::string& path_text,
                            const asl::EvaluationContext& context) {
  const std::string description = Format("{} == {}", path_text, DumpJson(value));
  if (value.is_number_integer() || value.is_number_unsigned()) {
    const int64_t seconds = value.get<int64_t>();
    if (seconds < 0) {
      return asl::RuntimeError(
          context, Format("The SecondsPath parameter references a negative value: {}", description));
    }
    return seconds;
  }
  return asl::RuntimeError(
      context,
      Format("The SecondsPath parameter cannot be parsed as a long value: {}", description));
}

}  // namespace

Status Engine::ExecutePass(Frame& frame) {
  const auto& pass = frame.state->As<asl::PassState>();
  asl::EvaluationContext context = Context(frame);
  Json assigned;
  Json output;
  if (IsJsonata(pass)) {
    asl::StateValues values{.input = &frame.input, .result = nullptr, .error_output = nullptr};
    STRATUS_ASSIGN_OR_RETURN(assigned, asl::ProcessAssign(pass.assign, values, context));
    STRATUS_ASSIGN_OR_RETURN(output, asl::EvaluateOutput(pass.output, values, context));
  } else {
    const bool replaces = ResultReplacesInput(pass);
    Json raw = replaces ? Json() : frame.input;
    STRATUS_ASSIGN_OR_RETURN(Json effective,
                             asl::ApplyInputPath(pass, replaces && !pass.assign
                                                           ? std::move(frame.input)
                                                           : Json(frame.input),
                                                 context));
    STRATUS_ASSIGN_OR_RETURN(Json result, asl::PassResult(pass, std::move(effective), context));
    if (pass.assign.has_value()) {
      asl::StateValues values{.input = &frame.input, .result = &result, .error_output = nullptr};
      STRATUS_ASSIGN_OR_RETURN(assigned, asl::ProcessAssign(pass.assign, values, context));
    }
    STRATUS_ASSIGN_OR_RETURN(Json placed,
                             asl::ApplyResultPath(pass, std::move(raw), std::move(result), context));
    STRATUS_ASSIGN_OR_RETURN(output, asl::ApplyOutputPath(pass, std::move(placed), context));
  }
  ExitState(frame, std::move(output), std::move(assigned), pass.end ? nullptr : pass.next_state);
  return Status::Ok();
}

Status Engine::ExecuteChoice(Frame& frame) {
  const auto& choice = frame.state->As<asl::ChoiceState>();
  asl::EvaluationContext context = Context(frame);
  Json assigned;
  Json output;
  asl::ChoiceMatch match;
  if (IsJsonata(choice)) {
    STRATUS_ASSIGN_OR_RETURN(match, asl::EvaluateChoice(choice, frame.input, context));
    if (!match.next.has_value()) {
      return asl::NoChoiceMatchedError(context);
    }
    const auto& assign = match.rule != nullptr ? match.rule->assign : choice.assign;
    const auto& output_template = match.rule != nullptr ? match.rule->output : choice.output;
    asl::StateValues values{.input = &frame.input, .result = nullptr, .error_output = nullptr};
    STRATUS_ASSIGN_OR_RETURN(assigned, asl::ProcessAssign(assign, values, context));
    STRATUS_ASSIGN_OR_RETURN(output, asl::EvaluateOutput(output_template, values, context));
  } else {
    STRATUS_ASSIGN_OR_RETURN(Json effective, asl::ApplyInputPath(choice, frame.input, context));
    STRATUS_ASSIGN_OR_RETURN(match, asl::EvaluateChoice(choice, effective, context));
    if (!match.next.has_value()) {
      return asl::NoChoiceMatchedError(context);
    }
    const auto& assign = match.rule != nullptr ? match.rule->assign : choice.assign;
    asl::StateValues values{.input = &effective, .result = nullptr, .error_output = nullptr};
    STRATUS_ASSIGN_OR_RETURN(assigned, asl::ProcessAssign(assign, values, context));
    STRATUS_ASSIGN_OR_RETURN(output, asl::ApplyOutputPath(choice, std::move(effective), context));
  }
  ExitState(frame, std::move(output), std::move(assigned), match.next_state);
  return Status::Ok();
}

Status Engine::ExecuteWait(Frame& frame) {
  const auto& wait = frame.state->As<asl::WaitState>();
  asl::EvaluationContext context = Context(frame);
  asl::StateValues values{.input = &frame.input, .result = nullptr, .error_output = nullptr};
  if (IsJsonata(wait)) {
    frame.effective = frame.input;
  } else {
    STRATUS_ASSIGN_OR_RETURN(frame.effective, asl::ApplyInputPath(wait, frame.input, context));
  }
  Clock::TimePoint due = now_;
  if (wait.seconds.has_value()) {
    due = now_ + std::chrono::seconds(*wait.seconds);
  } else if (wait.timestamp.has_value()) {
    due = FromTimestamp(*wait.timestamp);
  } else if (wait.seconds_path.has_value()) {
    const Json* value = asl::FindPath(*wait.seconds_path, frame.effective, context);
    if (value == nullptr) {
      return asl::RuntimeError(
          context, Format("The SecondsPath parameter does not reference an input value: {}",
                          wait.seconds_path->text()));
    }
    STRATUS_ASSIGN_OR_RETURN(int64_t seconds,
                             WaitSeconds(*value, wait.seconds_path->text(), context));
    due = now_ + std::chrono::seconds(seconds);
  } else if (wait.timestamp_path.has_value()) {
    const Json* value = asl::FindPath(*wait.timestamp_path, frame.effective, context);
    if (value == nullptr) {
      return asl::RuntimeError(
          context, Format("The TimestampPath parameter does not reference an input value: {}",
                          wait.timestamp_path->text()));
    }
    std::optional<asl::Timestamp> timestamp;
    if (value->is_string()) {
      timestamp = asl::ParseTimestamp(value->get<std::string>());
    }
    if (!timestamp.has_value()) {
      return asl::RuntimeError(
          context,
          Format("The TimestampPath parameter does not reference a valid ISO-8601 extended offset "
                 "date-time format string: {} == {}",
                 wait.timestamp_path->text(),
                 value->is_string() ? value->get<std::string>() : DumpJson(*value)));
    }
    due = FromTimestamp(*timestamp);
  } else if (wait.seconds_expression.has_value()) {
    STRATUS_ASSIGN_OR_RETURN(Json value,
                             wait.seconds_expression->Evaluate(values, context, "Seconds"));
    if (!value.is_number() || (value.is_number_float() &&
                               value.get<double>() != std::floor(value.get<double>())) ||
        value.get<double>() < 0) {
      return asl::QueryEvaluationError(
          context,
          Format("The JSONata expression '{}' specified for the field 'Seconds' returned an "
                 "unexpected result type. Expected 'integer', but was '{}' for value: {}",
                 wait.seconds_expression->source().is_string()
                     ? wait.seconds_expression->source().get<std::string>()
                     : DumpJson(wait.seconds_expression->source()),
                 value.type_name(), DumpJson(value)));
    }
    due = now_ + std::chrono::seconds(static_cast<int64_t>(value.get<double>()));
  } else if (wait.timestamp_expression.has_value()) {
    STRATUS_ASSIGN_OR_RETURN(Json value,
                             wait.timestamp_expression->Evaluate(values, context, "Timestamp"));
    std::optional<asl::Timestamp> timestamp;
    if (value.is_string()) {
      timestamp = asl::ParseTimestamp(value.get<std::string>());
    }
    if (!timestamp.has_value()) {
      return asl::QueryEvaluationError(
          context,
          Format("The Timestamp field does not reference a valid ISO-8601 extended offset "
                 "date-time format string: {}",
                 value.is_string() ? value.get<std::string>() : DumpJson(value)));
    }
    due = FromTimestamp(*timestamp);
  }
  if (due <= now_) {
    return FinishWait(frame);
  }
  frame.phase = FramePhase::kWait;
  frame.timer_id = ArmTimer(std::chrono::ceil<std::chrono::milliseconds>(due - now_));
  return Status::Ok();
}

Status Engine::FinishWait(Frame& frame) {
  const auto& wait = frame.state->As<asl::WaitState>();
  asl::EvaluationContext context = Context(frame);
  Json assigned;
  Json output;
  if (IsJsonata(wait)) {
    asl::StateValues values{.input = &frame.input, .result = nullptr, .error_output = nullptr};
    STRATUS_ASSIGN_OR_RETURN(assigned, asl::ProcessAssign(wait.assign, values, context));
    STRATUS_ASSIGN_OR_RETURN(output, asl::EvaluateOutput(wait.output, values, context));
  } else {
    asl::StateValues values{.input = &frame.effective, .result = nullptr, .error_output = nullptr};
    STRATUS_ASSIGN_OR_RETURN(assigned, asl::ProcessAssign(wait.assign, values, context));
    STRATUS_ASSIGN_OR_RETURN(output, asl::ApplyOutputPath(wait, std::move(frame.effective), context));
  }
  frame.phase = FramePhase::kEnter;
  ExitState(frame, std::move(output), std::move(assigned), wait.end ? nullptr : wait.next_state);
  return Status::Ok();
}

Status Engine::ExecuteSucceed(Frame& frame) {
  const auto& succeed = frame.state->As<asl::SucceedState>();
  asl::EvaluationContext context = Context(frame);
  Json output;
  if (IsJsonata(succeed)) {
    asl::StateValues values{.input = &frame.input, .result = nullptr, .error_output = nullptr};
    STRATUS_ASSIGN_OR_RETURN(output, asl::EvaluateOutput(succeed.output, values, context));
  } else {
    STRATUS_ASSIGN_OR_RETURN(Json effective,
                             asl::ApplyInputPath(succeed, std::move(frame.input), context));
    STRATUS_ASSIGN_OR_RETURN(output, asl::ApplyOutputPath(succeed, std::move(effective), context));
  }
  ExitState(frame, std::move(output), Json(), nullptr);
  return Status::Ok();
}

Result<std::optional<std::string>> Engine::FailField(
    Frame& frame,
    const std::optional<std::string>& literal,
    const std::optional<asl::FailSource>& source,
    const std::optional<asl::JsonataTemplate>& expression,
    std::string_view field) {
  asl::EvaluationContext context = Context(frame);
  Json value;
  if (expression.has_value()) {
    asl::StateValues values{.input = &frame.input, .result = nullptr, .error_output = nullptr};
    STRATUS_ASSIGN_OR_RETURN(value, expression->Evaluate(values, context, field));
  } else if (source.has_value() && source->intrinsic.has_value()) {
    STRATUS_ASSIGN_OR_RETURN(value, source->intrinsic->Evaluate(frame.input, context));
  } else if (source.has_value() && source->path.has_value()) {
    const Json* found = asl::FindPath(*source->path, frame.input, context);
    if (found == nullptr) {
      return asl::RuntimeError(
          context, Format("The JSONPath '{}' specified for the field '{}Path' could not be found "
                          "in the input '{}'",
                          source->path->text(), field, DumpJson(frame.input)));
    }
    value = *found;
  } else if (literal.has_value()) {
    return literal;
  } else {
    return std::optional<std::string>();
  }
  if (value.is_string()) {
    return std::optional<std::string>(value.get<std::string>());
  }
  return std::optional<std::string>(DumpJson(value));
}

Status Engine::ExecuteFail(Frame& frame) {
  const auto& fail = frame.state->As<asl::FailState>();
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> error,
                           FailField(frame, fail.error, fail.error_path, fail.error_expression,
                                     "Error"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> cause,
                           FailField(frame, fail.cause, fail.cause_path, fail.cause_expression,
                                     "Cause"));
  FailFrame(frame, Failure{.error = std::move(error), .cause = std::move(cause)});
  return Status::Ok();
}

}  // namespace stratus::states::interpreter
