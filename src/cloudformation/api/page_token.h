#pragma once

#include <cstddef>
#include <string>

#include "base/json.h"
#include "base/result.h"

namespace stratus::cloudformation::api {

// CloudFormation's list and describe operations answer a page at a time:
// a request's NextToken names where the page starts, and a response carries
// a NextToken while more remain. The token is opaque to clients; here it
// is the base64 of a position in the operation's own ordering (see each
// handler), so a walk stays correct while new items are appended.

/// AWS's page sizes.
inline constexpr size_t kStacksPerPage = 100;
inline constexpr size_t kEventsPerPage = 100;
inline constexpr size_t kResourcesPerPage = 100;
inline constexpr size_t kExportsPerPage = 100;
inline constexpr size_t kChangeSetsPerPage = 100;

/// Returns the position the input's NextToken names, or `first` when it has
/// none. A token not made by EncodePageToken is ValidationError.
Result<size_t> PageStart(const Json& input, size_t first);

/// Returns the token for a page that starts at `position`.
std::string EncodePageToken(size_t position);

/// Slices `items` (in answer order) to the page that starts at the input's
/// NextToken: returns {"<member>": page} plus NextToken while more remain.
Result<Json> PageOf(const Json& input, Json items, const std::string& member, size_t page_size);

}  // namespace stratus::cloudformation::api
