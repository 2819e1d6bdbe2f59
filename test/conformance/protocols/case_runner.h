#pragma once

#include <string>
#include <vector>

#include "base/json.h"

namespace stratus::conformance {

/// The outcome of one protocol test case: skipped (with the reason), passed
/// (no diffs) or failed (one line per difference).
struct CaseResult {
  std::string skip_reason = {};
  std::vector<std::string> diffs = {};
};

/// Runs an input/ case: parses its serialized request with our codec and
/// compares the result with the case's params.
CaseResult RunInputCase(const Json& suite, const Json& test);

/// Runs an output/ case: serializes its result (or error) with our codec,
/// reads the response back as an SDK would and compares. Also reads the
/// case's own response the same way, to pin the SDK-side reader.
CaseResult RunOutputCase(const Json& suite, const Json& test);

}  // namespace stratus::conformance
