#pragma once

// Private to sql/functions: how overloads are described, registered and
// matched. Each area of functions has one plain Register<Area>Functions()
// that adds its overloads; FunctionRegistry::Default() calls them all from
// one list (function_list.cc). Nothing registers itself.
//
// A signature is a list of type patterns written as text:
//   "bigint", "double", "date"     one exact type
//   "decimal", "varchar", "char",  the kind with any parameters: the bound
//   "timestamp", "timestamptz"     type is the argument's own (or the
//                                  kind's type the argument coerces to)
//   "T", "K", "V", "E"             a type variable, bound to the common
//                                  super type of every argument it stands for
//   "T:comparable", "T:orderable"  a variable with a constraint
//   "array(T)", "map(K,V)"         nested patterns
//   "any"                          any type, bound to the argument's own
//                                  (format's arguments)
// Matching yields the *bound* argument types; the overload's factory turns
// them into a binding (return type and kernel).
//
// Thread safety: the registry is built once and then only read.

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/result.h"
#include "sql/functions/function.h"
#include "sql/types/logical_type.h"

namespace stratus::sql::functions {

/// What a type variable accepts.
enum class TypeConstraint : uint8_t { kAny, kComparable, kOrderable };

/// One parameter of a signature (see the essay above).
struct TypePattern {
  enum class Form : uint8_t { kExact, kAnyParameters, kVariable, kArray, kMap, kAny };
  Form form = Form::kExact;
  /// kExact: the type; kAnyParameters: a type of the kind (its default instance).
  LogicalType type = {};
  char variable = 0;
  TypeConstraint constraint = TypeConstraint::kAny;
  std::vector<TypePattern> children = {};
};

/// Parses a pattern (see the essay). REQUIRES: well-formed (registrations are code).
TypePattern ParseTypePattern(std::string_view text);

/// Returns true when `type` may be compared with = and <> (maps are not orderable).
bool IsComparableType(const LogicalType& type);
/// Returns true when `type` may be ordered with < (no maps, no json).
bool IsOrderableType(const LogicalType& type);

/// A signature: argument patterns; when variadic the last one repeats (zero or more times).
struct Signature {
  std::vector<TypePattern> arguments = {};
  bool variadic = false;
  /// For SHOW FUNCTIONS: the arguments and return type as written.
  std::string argument_text = {};
  std::string return_text = {};
};

/// Builds a binding from the bound argument types.
using ScalarFactory = std::function<Result<ScalarBinding>(const std::vector<LogicalType>& bound)>;
using AggregateFactory =
    std::function<Result<AggregateBinding>(const std::vector<LogicalType>& bound)>;
using WindowFactory = std::function<Result<WindowBinding>(const std::vector<LogicalType>& bound)>;

struct ScalarOverload {
  Signature signature = {};
  ScalarFactory factory = nullptr;
  std::string description = {};
  bool deterministic = true;
};

struct AggregateOverload {
  Signature signature = {};
  AggregateFactory factory = nullptr;
  std::string description = {};
};

struct WindowOverload {
  Signature signature = {};
  WindowFactory factory = nullptr;
  std::string description = {};
};

/// What registration calls take.
struct ScalarSpec {
  std::string_view name = {};
  std::vector<std::string_view> arguments = {};
  std::string_view returns = {};
  std::string_view description = {};
  bool variadic = false;
  bool deterministic = true;
};

/// The registry's storage. Names are lower case.
struct FunctionRegistry::Impl {
  std::unordered_map<std::string, std::vector<ScalarOverload>> scalars;
  std::unordered_map<std::string, std::vector<AggregateOverload>> aggregates;
  std::unordered_map<std::string, std::vector<WindowOverload>> windows;

  /// Adds a scalar overload whose factory computes the binding.
  void AddScalar(const ScalarSpec& spec, ScalarFactory factory);
  /// Adds a scalar overload with a fixed return type (spec.returns parsed as a Trino type).
  void AddScalar(const ScalarSpec& spec, ScalarKernel kernel);
  void AddAggregate(const ScalarSpec& spec, AggregateFactory factory);
  void AddWindow(const ScalarSpec& spec, WindowFactory factory);
};

/// Builds the signature of a spec.
Signature MakeSignature(const ScalarSpec& spec);

/// The result of matching argument types against a signature.
struct SignatureMatch {
  std::vector<LogicalType> bound = {};
  int num_coercions = 0;
};

/// Matches actual argument types against a signature (Trino's rules, see coercion.h).
std::optional<SignatureMatch> MatchSignature(const Signature& signature,
                                             std::span<const LogicalType> actual);

/// Picks the overload to use among matches: an exact one, else the most
/// specific (whose bound types coerce to every other's), else the fewest
/// coercions; ties go to the first registered. Returns an index into matches.
std::optional<size_t> SelectBestMatch(const std::vector<SignatureMatch>& matches);

// The areas, each in its own file; function_list.cc calls them all.
void RegisterArithmeticFunctions(FunctionRegistry& registry);
void RegisterComparisonFunctions(FunctionRegistry& registry);
void RegisterStringFunctions(FunctionRegistry& registry);
void RegisterAggregateFunctions(FunctionRegistry& registry);
void RegisterMathFunctions(FunctionRegistry& registry);
void RegisterRegexpFunctions(FunctionRegistry& registry);
void RegisterDatetimeFunctions(FunctionRegistry& registry);
void RegisterWindowFunctions(FunctionRegistry& registry);
void RegisterArrayFunctions(FunctionRegistry& registry);
void RegisterJsonFunctions(FunctionRegistry& registry);
void RegisterConditionalFunctions(FunctionRegistry& registry);
void RegisterBitwiseFunctions(FunctionRegistry& registry);
/// Date and time ± intervals and their differences (called by RegisterArithmeticFunctions).
void RegisterTemporalArithmetic(FunctionRegistry::Impl& impl);
// Parts of RegisterStringFunctions, each in its own file.
void RegisterLikeOperator(FunctionRegistry::Impl& impl);
void RegisterBinaryFunctions(FunctionRegistry::Impl& impl);
void RegisterUrlFunctions(FunctionRegistry::Impl& impl);
void RegisterFormatFunction(FunctionRegistry::Impl& impl);
// Parts of RegisterDatetimeFunctions.
void RegisterIso8601Functions(FunctionRegistry::Impl& impl);
void RegisterDatetimeFormatFunctions(FunctionRegistry::Impl& impl);

}  // namespace stratus::sql::functions
