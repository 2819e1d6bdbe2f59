#pragma once

#include "base/log.h"

namespace stratus::http {

/// The http subsystem's logger.
inline constexpr Logger kHttpLog{"http"};

}  // namespace stratus::http
