#include "states/asl/errors.h"

#include "base/format.h"
#include "states/asl/evaluation_context.h"

namespace stratus::states::asl {

Status StatesError(std::string_view error, std::string cause) {
  return Status::FailedPrecondition(std::move(cause)).WithAwsType(std::string(error));
}

StatesFailure ToStatesFailure(const Status& status) {
  if (status.aws_type().empty()) {
    return StatesFailure{.error = std::string(kErrorRuntime), .cause = status.ToString()};
  }
  return StatesFailure{.error = status.aws_type(), .cause = status.message()};
}

bool IsStatesError(const Status& status, std::string_view error) {
  return !status.ok() && status.aws_type() == error;
}

std::string StateErrorPrefix(const EvaluationContext& context) {
  return Format("An error occurred while executing the state '{}' (entered at the event id #{}). ",
                context.state_name, context.entered_event_id);
}

Status RuntimeError(const EvaluationContext& context, std::string_view detail) {
  return StatesError(kErrorRuntime, StateErrorPrefix(context) + std::string(detail));
}

Status QueryEvaluationError(const EvaluationContext& context, std::string_view detail) {
  return StatesError(kErrorQueryEvaluationError, StateErrorPrefix(context) + std::string(detail));
}

Status IntrinsicFailure(std::string cause) {
  return StatesError(kErrorIntrinsicFailure, std::move(cause));
}

}  // namespace stratus::states::asl
