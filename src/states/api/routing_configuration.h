#pragma once

#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/result.h"
#include "states/api/state_machine_records.h"

namespace stratus::states::api {

class StateMachineCatalog;

/// Parses and checks an alias' "routingConfiguration" the way AWS does:
/// one or two entries, version ARNs of `machine_arn` that exist, distinct,
/// weights 0..100 summing to 100 (ValidationException with AWS's texts,
/// pinned by test_sfn_api_aliasing snapshots).
Result<std::vector<RoutingEntry>> ParseRoutingConfiguration(const Json& list,
                                                            std::string_view machine_arn,
                                                            const StateMachineCatalog& catalog);

}  // namespace stratus::states::api
