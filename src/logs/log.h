#pragma once

#include "base/log.h"

namespace stratus::logs {

/// The CloudWatch Logs subsystem's logger.
inline constexpr Logger kLogsLog{"logs"};

}  // namespace stratus::logs
