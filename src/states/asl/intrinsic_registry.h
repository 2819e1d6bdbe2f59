#pragma once

#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/json.h"
#include "base/result.h"

namespace stratus::states::asl {

struct EvaluationContext;

/// The body of an intrinsic function: receives the evaluated arguments.
/// Failures are States.IntrinsicFailure (see errors.h) with AWS's messages.
using IntrinsicImplementation = Result<Json> (*)(std::span<const Json> args,
                                                 const EvaluationContext& context);

/// One intrinsic function with its metadata (CONVENTIONS rule 8: metadata
/// next to the implementation; docs are generated from the registry).
struct IntrinsicFunction {
  /// The full name, "States.Format".
  std::string name = {};
  /// The number of arguments accepted; max_args < 0 means unbounded.
  int min_args = 0;
  int max_args = -1;
  IntrinsicImplementation implementation = nullptr;
  /// One sentence, e.g. "Formats a string from a template and values."
  std::string description = {};
  /// An example call and its result.
  std::string example = {};
};

/// The table of intrinsic functions a definition may call. Filled by
/// RegisterIntrinsics() (intrinsics.h); no static self-registration.
///
/// Thread safety: Register() only before sharing; then read-only and safe.
class IntrinsicRegistry {
 public:
  IntrinsicRegistry() = default;
  IntrinsicRegistry(const IntrinsicRegistry&) = delete;
  IntrinsicRegistry& operator=(const IntrinsicRegistry&) = delete;

  /// Adds a function. REQUIRES: no function of that name is registered.
  void Register(IntrinsicFunction function);

  /// Returns the function called `name`, or null.
  const IntrinsicFunction* Find(std::string_view name) const;

  /// Returns every function, sorted by name.
  std::vector<const IntrinsicFunction*> List() const;

 private:
  std::unordered_map<std::string, IntrinsicFunction> functions_;
};

}  // namespace stratus::states::asl
