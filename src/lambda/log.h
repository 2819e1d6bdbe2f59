#pragma once

#include "base/log.h"

namespace stratus::lambda {

/// The Lambda subsystem's logger.
inline constexpr Logger kLambdaLog{"lambda"};

}  // namespace stratus::lambda
