// The one list of function areas: FunctionRegistry::Default() is built by
// calling each area's Register*Functions() in turn (no self-registration).

#include <memory>

#include "sql/functions/function.h"
#include "sql/functions/registry_internal.h"

namespace stratus::sql::functions {
namespace {

std::unique_ptr<FunctionRegistry> BuildDefaultRegistry() {
  auto registry = std::make_unique<FunctionRegistry>();
  RegisterArithmeticFunctions(*registry);
  RegisterComparisonFunctions(*registry);
  RegisterStringFunctions(*registry);
  RegisterAggregateFunctions(*registry);
  RegisterMathFunctions(*registry);  // After arithmetic: mod() copies the % operator.
  RegisterRegexpFunctions(*registry);
  RegisterDatetimeFunctions(*registry);
  RegisterWindowFunctions(*registry);
  RegisterArrayFunctions(*registry);
  RegisterJsonFunctions(*registry);
  RegisterConditionalFunctions(*registry);
  RegisterBitwiseFunctions(*registry);
  return registry;
}

}  // namespace

const FunctionRegistry& FunctionRegistry::Default() {
  static const std::unique_ptr<FunctionRegistry> registry = BuildDefaultRegistry();
  return *registry;
}

}  // namespace stratus::sql::functions
