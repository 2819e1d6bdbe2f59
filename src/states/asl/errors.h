#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace stratus::states::asl {

struct EvaluationContext;

/// The error names of the States Language (the values of "Error" in a
/// failure, matched by Retry/Catch "ErrorEquals").
inline constexpr std::string_view kErrorAll = "States.ALL";
inline constexpr std::string_view kErrorHeartbeatTimeout = "States.HeartbeatTimeout";
inline constexpr std::string_view kErrorTimeout = "States.Timeout";
inline constexpr std::string_view kErrorTaskFailed = "States.TaskFailed";
inline constexpr std::string_view kErrorPermissions = "States.Permissions";
inline constexpr std::string_view kErrorResultPathMatchFailure = "States.ResultPathMatchFailure";
inline constexpr std::string_view kErrorParameterPathFailure = "States.ParameterPathFailure";
inline constexpr std::string_view kErrorQueryEvaluationError = "States.QueryEvaluationError";
inline constexpr std::string_view kErrorBranchFailed = "States.BranchFailed";
inline constexpr std::string_view kErrorNoChoiceMatched = "States.NoChoiceMatched";
inline constexpr std::string_view kErrorIntrinsicFailure = "States.IntrinsicFailure";
inline constexpr std::string_view kErrorExceedToleratedFailureThreshold =
    "States.ExceedToleratedFailureThreshold";
inline constexpr std::string_view kErrorItemReaderFailed = "States.ItemReaderFailed";
inline constexpr std::string_view kErrorResultWriterFailed = "States.ResultWriterFailed";
inline constexpr std::string_view kErrorRuntime = "States.Runtime";
inline constexpr std::string_view kErrorDataLimitExceeded = "States.DataLimitExceeded";

/// A States Language failure as the interpreter records it ("error" and
/// "cause" of a *Failed history event, the {"Error","Cause"} Catch input).
struct StatesFailure {
  std::string error = {};
  std::string cause = {};
  /// For States.QueryEvaluationError: the field the failing expression was
  /// in ("Output/result", "Items", "Timestamp"), as the EvaluationFailed
  /// history event reports it; empty when the cause names no field.
  std::string location = {};
};

/// Returns a Status that carries a States Language failure: the error name
/// travels in Status::aws_type() and the cause in Status::message(). The
/// code is kFailedPrecondition (an execution-level failure, not a bad request).
///
/// Every function in states/asl that can fail at execution time returns its
/// failure this way; ToStatesFailure() reads it back.
Status StatesError(std::string_view error, std::string cause);

/// Returns the failure a Status carries. A Status without an error name
/// (a bug or an unexpected library error) becomes States.Runtime with the
/// Status text as the cause. The location is read back from the causes this
/// library writes ("... specified for the field 'Output/result' ...").
/// REQUIRES: !status.ok().
StatesFailure ToStatesFailure(const Status& status);

/// Returns true when `status` carries the States Language error `error`.
bool IsStatesError(const Status& status, std::string_view error);

/// Returns the prefix AWS puts before every States.Runtime and
/// States.QueryEvaluationError cause: "An error occurred while executing the
/// state 'X' (entered at the event id #2). ".
std::string StateErrorPrefix(const EvaluationContext& context);

/// Returns States.Runtime with cause StateErrorPrefix(context) + detail.
Status RuntimeError(const EvaluationContext& context, std::string_view detail);

/// Returns States.QueryEvaluationError with cause StateErrorPrefix(context) + detail.
Status QueryEvaluationError(const EvaluationContext& context, std::string_view detail);

/// Returns States.IntrinsicFailure with `cause` as given.
Status IntrinsicFailure(std::string cause);

}  // namespace stratus::states::asl
