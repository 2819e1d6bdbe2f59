#pragma once

#include <string_view>

#include "base/json.h"
#include "states/api/execution_engine.h"
#include "states/api/execution_record.h"

namespace stratus::states::api {

/// DescribeExecution's output.
Json DescribeExecutionJson(const ExecutionRecord& record);

/// One element of ListExecutions' "executions".
Json ExecutionListItemJson(const ExecutionRecord& record);

/// StartSyncExecution's output for an ended EXPRESS execution.
Json SyncExecutionJson(const ExecutionResult& result,
                       std::string_view machine_arn,
                       std::string_view name,
                       std::string_view trace_header);

}  // namespace stratus::states::api
