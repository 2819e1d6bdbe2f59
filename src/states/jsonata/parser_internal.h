#pragma once

#include <memory>
#include <string_view>

#include "base/result.h"
#include "states/jsonata/node_internal.h"

namespace stratus::states::jsonata {

/// Parses a JSONata expression into the evaluator's tree (raw Pratt parse,
/// then ProcessAst). Errors are S0xxx syntax errors.
Result<std::unique_ptr<Program>> Parse(std::string_view source);

/// Parses into the raw tree only (nested '.' and '[' nodes).
Result<std::unique_ptr<Node>> ParseRaw(std::string_view source);

/// Rewrites a raw tree into the evaluator's form: flattens paths into steps,
/// attaches predicates, group-by, order-by, focus and index bindings, resolves
/// parent ('%') references, and marks tail calls. Slots go into `program`.
Result<std::unique_ptr<Node>> ProcessAst(std::unique_ptr<Node> raw, Program& program);

}  // namespace stratus::states::jsonata
