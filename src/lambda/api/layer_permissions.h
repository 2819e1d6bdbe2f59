#pragma once

#include "base/status.h"

namespace stratus::lambda::api {

/// Names a layer store error for the policy operations: NotFound →
/// ResourceNotFoundException, AlreadyExists → ResourceConflictException,
/// FailedPrecondition (a stale RevisionId) → PreconditionFailedException.
Status LayerPolicyError(const Status& status);

}  // namespace stratus::lambda::api
