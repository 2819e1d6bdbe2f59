#pragma once

#include "base/log.h"

namespace stratus::aws {

inline constexpr Logger kAwsLog{"aws"};

}  // namespace stratus::aws
