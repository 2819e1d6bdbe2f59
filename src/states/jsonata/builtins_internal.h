#pragma once

// The JSONata function library: a registry filled by one Register*Functions
// call per area, plus helpers the evaluator shares with the functions.

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"
#include "states/jsonata/function_internal.h"
#include "states/jsonata/value_internal.h"

namespace stratus::states::jsonata {

/// Name -> built-in function. Filled once, then read-only.
///
/// Thread safety: immutable after construction; safe to share.
class BuiltinRegistry {
 public:
  BuiltinRegistry() = default;
  BuiltinRegistry(const BuiltinRegistry&) = delete;
  BuiltinRegistry& operator=(const BuiltinRegistry&) = delete;

  /// Adds $name. REQUIRES: `signature` is a valid JSONata signature.
  void Add(std::string name, std::string_view signature, int arity, BuiltinImpl impl);

  /// Returns the function value for $name, or nullptr.
  const Value* Find(std::string_view name) const;

 private:
  std::map<std::string, std::unique_ptr<BuiltinFunction>, std::less<>> functions_;
  std::map<std::string, Value, std::less<>> values_;
};

/// The registry with every built-in function.
const BuiltinRegistry& Builtins();

void RegisterStringFunctions(BuiltinRegistry& registry);
void RegisterNumericFunctions(BuiltinRegistry& registry);
void RegisterArrayFunctions(BuiltinRegistry& registry);
void RegisterObjectFunctions(BuiltinRegistry& registry);
void RegisterHigherOrderFunctions(BuiltinRegistry& registry);
void RegisterDateTimeFunctions(BuiltinRegistry& registry);
void RegisterFormatFunctions(BuiltinRegistry& registry);

/// $string(value, prettify): strings unchanged, functions "", other values as
/// JSON (numbers to 15 significant digits). D3001 for non-finite numbers.
/// REQUIRES: value is not undefined.
Result<std::string> CastToString(const Value& value, bool pretty);

/// Rounds half to even at `precision` decimal places, shifting the decimal
/// point through the number's text to avoid binary rounding errors ($round).
double RoundHalfEven(double value, int precision);

/// Converts a value to Json for storing in an object or array (functions
/// become "", as JSON.stringify would drop them to an empty string).
Json ToJsonLenient(const Value& value);

}  // namespace stratus::states::jsonata
