#pragma once

// Private to sql/functions: the aggregate areas RegisterAggregateFunctions()
// calls, each in its own file.
//
// Thread safety: registration runs once, before the registry is shared.

#include "sql/functions/registry_internal.h"

namespace stratus::sql::functions {

/// min and max over every orderable type (min_max.cc).
void RegisterMinMax(FunctionRegistry::Impl& impl);
/// count_if, bool_and/bool_or/every, arbitrary, min_by/max_by, array_agg, map_agg.
void RegisterAggregateLibrary(FunctionRegistry::Impl& impl);
/// stddev/variance families, geometric_mean, covariance and correlation,
/// approx_distinct and approx_percentile.
void RegisterStatisticalAggregates(FunctionRegistry::Impl& impl);

}  // namespace stratus::sql::functions
