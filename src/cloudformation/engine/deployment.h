#pragma once

#include <string>

namespace stratus::cloudformation {

class StackEngine;

/// Runs one stack operation to its end on the calling thread (an operation
/// worker), resources on the engine's resource workers: "CREATE", "UPDATE",
/// "DELETE", or "RESUME" (after a restart: finish or roll back whatever the
/// stack's status says was under way). See StackEngine for the model.
void RunDeployment(StackEngine& engine, const std::string& stack_id, const std::string& operation);

}  // namespace stratus::cloudformation
