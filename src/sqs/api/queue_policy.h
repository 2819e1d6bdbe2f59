#pragma once

#include <string>
#include <vector>

#include "base/result.h"
#include "sqs/queue_id.h"

namespace stratus::sqs {

/// Returns `policy` (a queue Policy document, or empty) with an Allow
/// statement `label` granting `actions` ("SendMessage", "*") to the
/// accounts. InvalidParameterValue when the label exists; OverLimit above 7
/// actions.
Result<std::string> AddPolicyStatement(const std::string& policy,
                                       const QueueId& queue,
                                       const std::string& label,
                                       const std::vector<std::string>& account_ids,
                                       const std::vector<std::string>& actions);

/// Returns `policy` without statement `label` (empty when none remain).
/// InvalidParameterValue when no statement has that label.
Result<std::string> RemovePolicyStatement(const std::string& policy, const std::string& label);

}  // namespace stratus::sqs
