#pragma once

// The optimizer's rules (optimizer.h). Private to src/sql/binder.

#include <cstddef>
#include <memory>
#include <vector>

#include "sql/binder/optimizer.h"

namespace stratus::sql::binder {

inline constexpr size_t kDropped = static_cast<size_t>(-1);

/// Returns a copy of `node` (any kind) with new inputs.
std::shared_ptr<plan::Node> CopyNode(const plan::Node& node, std::vector<plan::NodePtr> inputs);

/// Rule 1 and 2: pushes `predicates` (over node's columns) as far down as they go.
plan::NodePtr PushPredicates(const plan::NodePtr& node,
                             const std::vector<plan::ExprPtr>& predicates,
                             const OptimizerOptions& options);

/// Rule 3: keeps the columns in `required` (indexed by node's columns);
/// *mapping receives each old column's new position or kDropped.
plan::NodePtr PruneColumns(const plan::NodePtr& node,
                           const std::vector<bool>& required,
                           std::vector<size_t>* mapping);

/// Returns the expression with every column p replaced by mapping[p]
/// (REQUIRES: none is kDropped).
plan::ExprPtr Remap(const plan::ExprPtr& expr, const std::vector<size_t>& mapping);

}  // namespace stratus::sql::binder
