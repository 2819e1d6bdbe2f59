#pragma once

#include "base/log.h"

namespace stratus::connectors::mysql {

/// The MySQL front's logger.
inline constexpr Logger kMySqlLog{"mysql"};

}  // namespace stratus::connectors::mysql
