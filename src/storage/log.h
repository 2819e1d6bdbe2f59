#pragma once

#include "base/log.h"

namespace stratus::storage {

/// The storage subsystem's logger.
inline constexpr Logger kStorageLog{"storage"};

}  // namespace stratus::storage
