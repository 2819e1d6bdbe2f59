#pragma once

#include "base/log.h"

namespace stratus::iam {

/// The IAM subsystem's logger.
inline constexpr Logger kIamLog{"iam"};

}  // namespace stratus::iam
