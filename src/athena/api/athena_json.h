#pragma once

#include "athena/athena_types.h"
#include "base/json.h"

namespace stratus::athena::api {

// Athena's output shapes of the engine's records (the model's member names;
// times as epoch seconds).

/// The QueryExecution shape.
Json QueryExecutionToJson(const QueryExecution& execution);

/// The WorkGroup shape.
Json WorkGroupToJson(const WorkGroup& work_group);

/// The WorkGroupSummary shape.
Json WorkGroupSummaryToJson(const WorkGroup& work_group);

/// The NamedQuery shape.
Json NamedQueryToJson(const NamedQuery& query);

/// The PreparedStatement shape.
Json PreparedStatementToJson(const PreparedStatement& statement);

/// Epoch seconds (with milliseconds) as the protocols send timestamps.
double EpochSeconds(int64_t millis);

}  // namespace stratus::athena::api
