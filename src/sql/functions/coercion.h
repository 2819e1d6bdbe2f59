#pragma once

// Trino's implicit coercions: which types convert to which without a CAST,
// and the common super type of two types (for UNION, CASE, COALESCE, IN,
// comparisons and VALUES). Rules as in Trino's TypeCoercion:
// tinyint → smallint → integer → bigint → decimal/real → double; decimals
// widen to fit both operands (decimal(p1,s1) and decimal(p2,s2) → decimal with
// max(s) and enough integer digits, capped at 38); integers coerce to
// decimal(3,0)/(5,0)/(10,0)/(19,0); varchar(n) → varchar(m ≥ n) and
// unbounded; char → varchar; unknown (NULL) → anything; date → timestamp →
// timestamp with time zone; array/map/row element-wise.
//
// Thread safety: pure functions.

#include <optional>

#include "sql/types/logical_type.h"

namespace stratus::sql::functions {

/// Returns true when a value of `from` may be used where `to` is expected
/// without an explicit CAST.
bool CanCoerce(const LogicalType& from, const LogicalType& to);

/// Returns the narrowest type both coerce to, or nullopt when none exists
/// (the binder reports TYPE_MISMATCH).
std::optional<LogicalType> CommonSuperType(const LogicalType& a, const LogicalType& b);

}  // namespace stratus::sql::functions
