#pragma once

// Private to sql/functions: the aggregate areas RegisterAggregateFunctions()
// calls, each in its own file.
//
// Thread safety: registration runs once, before the registry is shared.

#include "sql/functions/registry_internal.h"

namespace stratus::sql::functions {

/// min and max over every orderable type (min_max.cc).
void RegisterMinMax(FunctionRegistry::Impl& impl);

}  // namespace stratus::sql::functions
