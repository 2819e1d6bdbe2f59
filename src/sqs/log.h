#pragma once

#include "base/log.h"

namespace stratus::sqs {

/// The SQS subsystem's logger.
inline constexpr Logger kSqsLog{"sqs"};

}  // namespace stratus::sqs
