#include "states/asl/errors.h"

#include "base/format.h"
#include "states/asl/evaluation_context.h"

namespace stratus::states::asl {

Status StatesError(std::string_view error, std::string cause) {
  return Status::FailedPrecondition(std::move(cause)).WithAwsType(std::string(error));
}

namespace {

// Finds the field a QueryEvaluationError cause names (see JsonataTemplate and
// state_fields.cc for the sentences).
std::string CauseLocation(std::string_view cause) {
  constexpr std::string_view kFieldMarker = "specified for the field '";
  size_t start = cause.find(kFieldMarker);
  if (start != std::string_view::npos) {
    start += kFieldMarker.size();
    const size_t end = cause.find('\'', start);
    if (end != std::string_view::npos) {
      return std::string(cause.substr(start, end - start));
    }
  }
  constexpr std::string_view kTimestampMarker = "The Timestamp field cannot be parsed";
  if (cause.find(kTimestampMarker) != std::string_view::npos) {
    return "Timestamp";
  }
  constexpr std::string_view kSecondsMarker = "The Seconds field ";
  if (cause.find(kSecondsMarker) != std::string_view::npos) {
    return "Seconds";
  }
  return "";
}

}  // namespace

StatesFailure ToStatesFailure(const Status& status) {
  if (status.aws_type().empty()) {
    return StatesFailure{.error = std::string(kErrorRuntime), .cause = status.ToString()};
  }
  StatesFailure failure{.error = status.aws_type(), .cause = status.message()};
  if (failure.error == kErrorQueryEvaluationError) {
    failure.location = CauseLocation(failure.cause);
  }
  return failure;
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
