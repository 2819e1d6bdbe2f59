#pragma once

#include "base/log.h"

namespace stratus::cloudformation {

/// The CloudFormation subsystem's logger.
inline constexpr Logger kCloudFormationLog{"cloudformation"};

}  // namespace stratus::cloudformation
