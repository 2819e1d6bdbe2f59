#pragma once

#include "base/log.h"

namespace stratus::server {

inline constexpr Logger kServerLog{"server"};

}  // namespace stratus::server
