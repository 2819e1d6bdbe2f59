#pragma once

#include "base/log.h"

namespace stratus::glue {

/// The Glue subsystem's logger.
inline constexpr Logger kGlueLog{"glue"};

}  // namespace stratus::glue
