#pragma once

// Row copies between vectors that Vector::Select does not cover: scattering
// a subset's results back to their rows, appending rows to a growing flat
// vector (hash table keys, sort buffers, join builds), and subsets of a batch
// that share the batch's buffers. One kernel per physical type, in the .cc.
//
// Thread safety: pure functions over the vectors given; the target is the
// caller's alone.

#include <cstddef>
#include <cstdint>

#include "sql/types/logical_type.h"
#include "sql/vector/batch.h"
#include "sql/vector/selection_vector.h"
#include "sql/vector/vector.h"

namespace stratus::sql::exec {

/// Returns a flat vector of `rows` rows, all NULL.
Vector MakeNullVector(const LogicalType& type, size_t rows);

/// Sets target row target_rows[i] to source row i for i < target_rows.size().
/// `source` may have any encoding; strings keep their owners alive through
/// `target`. REQUIRES: target is flat, of source's type, sized to cover every row.
void ScatterRows(const Vector& source, const SelectionVector& target_rows, Vector* target);

/// Appends `count` rows of `source` (any encoding), rows[i] for i < count
/// or [0, count) when rows is null, at the end of the flat vector `target`,
/// growing it. With `own_strings` non-inline strings are copied into the
/// target's heap (hash table keys own their bytes); else their owners are
/// kept alive.
void AppendRows(
    const Vector& source, const uint32_t* rows, size_t count, bool own_strings, Vector* target);

/// Returns a batch of rows `rows` of `input` whose columns are dictionary
/// vectors over input's (no copy).
Batch SubsetBatch(const Batch& input, const SelectionVector& rows);

/// Concatenates batches of the same column types into flat columns (the
/// result has one vector per column holding every row).
std::vector<Vector> ConcatenateBatches(const std::vector<Batch>& batches,
                                       const std::vector<LogicalType>& types);

}  // namespace stratus::sql::exec
