#pragma once

#include <string>

#include "base/status.h"
#include "lambda/function_config.h"

namespace stratus::storage {
class Transaction;
}  // namespace stratus::storage

namespace stratus::lambda {

// The `function_layers` rows of lambda.db (docs/formats/lambda.md, version
// 5): the layers of $LATEST or of a published version, in order, each with
// the content it had when the function took it. FunctionStore reads and
// writes them together with the function record.

/// Sets `function.layers` from the rows of (function.name, function.version).
Status LoadFunctionLayers(storage::Transaction& transaction, FunctionConfig& function);

/// Replaces the rows of (function.name, function.version) by `function.layers`.
Status SaveFunctionLayers(storage::Transaction& transaction, const FunctionConfig& function);

/// Deletes the rows of one version ("$LATEST" or a number).
Status DeleteFunctionLayers(storage::Transaction& transaction,
                            const std::string& function,
                            const std::string& version);

/// Deletes the rows of the function and of all its versions.
Status DeleteAllFunctionLayers(storage::Transaction& transaction, const std::string& function);

}  // namespace stratus::lambda
