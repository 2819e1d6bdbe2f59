#pragma once

#include <iosfwd>
#include <span>
#include <string>

namespace stratus::states::api {

/// `stratus sfn run FILE [--input JSON | --input-file FILE] [--time-scale X]
///  [--type STANDARD|EXPRESS] [--mock-config FILE --test-case NAME] [--quiet]`
///
/// Runs the definition in FILE once, in this process, on a private
/// temporary store, printing each state live to `out` as it is entered,
/// succeeds, retries or fails (with durations), then the execution's output,
/// or its error and cause. Task states call the services of this process
/// only (none but Step Functions itself), so use a mock configuration for
/// Tasks. Returns the exit code: 0 SUCCEEDED, 1 FAILED/TIMED_OUT/ABORTED,
/// 2 bad usage or an invalid definition (reported on `err`).
///
/// `args` are the words after "sfn run".
int RunDefinitionFromFile(std::span<const std::string> args, std::ostream& out, std::ostream& err);

}  // namespace stratus::states::api
