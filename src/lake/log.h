#pragma once

#include "base/log.h"

namespace stratus::lake {

/// The lake subsystem's logger.
inline constexpr Logger kLakeLog{"lake"};

}  // namespace stratus::lake
