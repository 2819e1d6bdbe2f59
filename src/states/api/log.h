#pragma once

#include "base/log.h"

namespace stratus::states::api {

/// The Step Functions service's logger.
inline constexpr Logger kStatesLog{"states"};

}  // namespace stratus::states::api
