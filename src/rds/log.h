#pragma once

#include "base/log.h"

namespace stratus::rds {

/// The RDS subsystem's logger.
inline constexpr Logger kRdsLog{"rds"};

}  // namespace stratus::rds
