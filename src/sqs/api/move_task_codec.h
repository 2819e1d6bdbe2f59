#pragma once

#include <string_view>

#include "base/json.h"
#include "sqs/move_task.h"

namespace stratus::sqs {

/// Returns the task's status as AWS spells it: RUNNING, COMPLETED, CANCELLING,
/// CANCELLED or FAILED.
std::string_view MoveTaskStatusName(MoveTaskStatus status);

/// Returns a ListMessageMoveTasksResultEntry.
Json RenderMoveTask(const MoveTask& task);

}  // namespace stratus::sqs
