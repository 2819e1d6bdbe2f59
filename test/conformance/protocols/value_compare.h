#pragma once

#include <string>
#include <vector>

#include "aws/model/service_model.h"
#include "base/json.h"

namespace stratus::conformance {

/// Converts a value as the protocol tests write it (blobs as raw text,
/// timestamps as epoch numbers) to operation JSON (blobs base64).
Json ToOperationJson(const aws::ServiceModel& service, const Json& ref, const Json& value);

/// Compares operation JSON `actual` with `expected` by the shape `ref`
/// points at: numbers numerically, timestamps to the millisecond, blobs by
/// their bytes. Appends one "path: expected X, got Y" line per difference.
/// With `empty_is_absent`, an empty list, map or structure equals an absent
/// member (a request cannot tell them apart: SDKs send nothing for either).
void CompareValues(const aws::ServiceModel& service,
                   const Json& ref,
                   const Json& expected,
                   const Json& actual,
                   const std::string& path,
                   std::vector<std::string>* diffs,
                   bool empty_is_absent = false);

}  // namespace stratus::conformance
