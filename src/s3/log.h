#pragma once

#include "base/log.h"

namespace stratus::s3 {

/// The S3 subsystem's logger.
inline constexpr Logger kS3Log{"s3"};

}  // namespace stratus::s3
