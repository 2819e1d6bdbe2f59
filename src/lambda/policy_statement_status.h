#pragma once

#include <string_view>

#include "base/status.h"

// The store errors of a resource-based policy's statements, shared by a
// function's policy (FunctionStore) and a layer version's (LayerStore). They
// are plain Status codes; the API layer names them.
namespace stratus::lambda {

/// Returns AlreadyExists for a statement id the policy already holds.
Status StatementIdTaken(std::string_view statement_id);

/// Returns NotFound for a statement id the policy does not hold.
Status StatementNotFound(std::string_view statement_id);

}  // namespace stratus::lambda
