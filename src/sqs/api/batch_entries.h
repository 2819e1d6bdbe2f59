#pragma once

#include <string>
#include <string_view>

#include "base/json.h"
#include "base/result.h"

namespace stratus::sqs {

/// Returns the request's "Entries" after AWS's batch checks, in order:
/// EmptyBatchRequest (none), TooManyEntriesInBatchRequest (over 10),
/// InvalidBatchEntryId (an Id not of 1-80 [A-Za-z0-9_-]),
/// BatchEntryIdsNotDistinct. `entry_type` names the entry shape in messages.
Result<Json> ParseBatchEntries(const Json& input, std::string_view entry_type);

/// Returns a BatchResultErrorEntry for entry `id` failing with `error`.
Json BatchErrorEntry(const std::string& id, const Status& error);

}  // namespace stratus::sqs
