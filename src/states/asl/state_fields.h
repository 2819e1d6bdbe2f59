#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/json.h"
#include "base/result.h"
#include "states/asl/state_machine.h"
#include "states/asl/timestamp.h"

namespace stratus::states::asl {

struct EvaluationContext;
struct StateValues;

// Resolution of the state-specific dynamic fields (Wait, Map, Fail, Task),
// with the checks and failure causes AWS uses for each. All read the state's
// effective input (values.input) for *Path fields and evaluate JSONata
// expressions with `values`.

/// Returns when a Wait state ends: now + Seconds(Path), or
/// Timestamp(Path). AWS causes: "The SecondsPath parameter references a
/// negative value: $.x == -1", "The SecondsPath parameter cannot be parsed as
/// a long value: $.x == 1.5", "The TimestampPath parameter does not reference
/// a valid ISO-8601 extended offset date-time format string: $.x == <value>",
/// (JSONata) "The Timestamp field cannot be parsed as an ISO-8601 extended
/// offset date-time format string: <value>", and "Wait state delay is too
/// long." past 2^31-1 seconds from `now`.
Result<Timestamp> ResolveWaitDeadline(const WaitState& state,
                                      const StateValues& values,
                                      Timestamp now,
                                      const EvaluationContext& context);

/// Returns the items a Map state iterates: ItemsPath (JSONPath) or Items
/// (JSONata) applied to the effective input, or the input itself. Fails
/// unless the result is an array ("Map state input must be an array but
/// was: 1"; JSONata Items: "... returned an unexpected result type.
/// Expected 'array', but was 'number' for value: 1").
Result<Json> ResolveMapItems(const MapState& state,
                             const StateValues& values,
                             const EvaluationContext& context);

/// MaxConcurrency(Path): 0 (unlimited) when unset. "The MaxConcurrencyPath
/// field refers to value "x" which is not a valid integer: $.path".
Result<int64_t> ResolveMaxConcurrency(const MapState& state,
                                      const StateValues& values,
                                      const EvaluationContext& context);

/// ToleratedFailureCount(Path): nullopt when unset. "ToleratedFailureCount
/// cannot be negative."
Result<std::optional<int64_t>> ResolveToleratedFailureCount(const MapState& state,
                                                            const StateValues& values,
                                                            const EvaluationContext& context);

/// ToleratedFailurePercentage(Path): nullopt when unset.
/// "ToleratedFailurePercentage must be between 0 and 100."
Result<std::optional<double>> ResolveToleratedFailurePercentage(const MapState& state,
                                                                const StateValues& values,
                                                                const EvaluationContext& context);

/// The ItemReader's ReaderConfig MaxItems(Path): nullopt when unset. A
/// negative value is returned as it is: AWS starts the Map Run and fails it
/// with States.ItemReaderFailed ("field MaxItems must be positive"), while a
/// value that is no integer fails the state (recorded: "The MaxItemsPath
/// field refers to value "1.5" which is not a valid integer: $.MaxItems").
/// REQUIRES: state.item_reader is set.
Result<std::optional<int64_t>> ResolveReaderMaxItems(const MapState& state,
                                                     const StateValues& values,
                                                     const EvaluationContext& context);

/// TimeoutSeconds(Path) / HeartbeatSeconds(Path) of a Task: nullopt when
/// unset; a positive integer otherwise.
Result<std::optional<int64_t>> ResolveTimeoutSeconds(const TaskState& state,
                                                     const StateValues& values,
                                                     const EvaluationContext& context);
Result<std::optional<int64_t>> ResolveHeartbeatSeconds(const TaskState& state,
                                                       const StateValues& values,
                                                       const EvaluationContext& context);

/// The failure a Fail state raises: Error/Cause, ErrorPath/CausePath (path
/// or intrinsic) or JSONata expressions. Unset fields are empty strings.
/// AWS: "The JSONPath '$.x' specified for the field 'ErrorPath' could not be
/// found in the input '<input>'".
struct FailOutcome {
  std::string error = {};
  std::string cause = {};
};

Result<FailOutcome> ResolveFail(const FailState& state,
                                const StateValues& values,
                                const EvaluationContext& context);

}  // namespace stratus::states::asl
