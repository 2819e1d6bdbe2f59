#pragma once

#include "base/log.h"

namespace stratus::athena {

/// The Athena subsystem's logger.
inline constexpr Logger kAthenaLog{"athena"};

}  // namespace stratus::athena
