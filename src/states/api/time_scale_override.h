#pragma once

#include <optional>
#include <string_view>

#include "states/api/state_machine_catalog.h"

namespace stratus::states::api {

/// The state machine tag that sets the time scale of all its executions.
inline constexpr std::string_view kTimeScaleTag = "stratus:time-scale";

/// The execution-name suffix that sets one execution's time scale:
/// "nightly-run@ts=0.001" waits 1/1000 of every nominal delay.
inline constexpr std::string_view kTimeScaleNameMarker = "@ts=";

/// Returns the time scale an execution asks for: the name's "@ts=<factor>"
/// suffix, else the machine's "stratus:time-scale" tag, else nullopt (the
/// server's --sfn-time-scale applies). Factors must be > 0 and finite;
/// anything else is ignored.
std::optional<double> ExecutionTimeScale(std::string_view execution_name, const Tags& machine_tags);

}  // namespace stratus::states::api
