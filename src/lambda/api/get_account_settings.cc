#include <vector>

#include "lambda/api/handlers.h"
#include "lambda/engine.h"

namespace stratus::lambda::api {
namespace {

// AWS's default quotas for code storage and package sizes.
constexpr int64_t kTotalCodeSizeBytes = 80530636800;
constexpr int64_t kCodeSizeUnzippedBytes = 262144000;
constexpr int64_t kCodeSizeZippedBytes = 52428800;

}  // namespace

// AWS: AccountLimit.UnreservedConcurrentExecutions is ConcurrentExecutions
// minus every function's reservation. Pinned by
// test/wire/test_lambda_concurrency.py::test_account_settings_arithmetic.
Result<Json> GetAccountSettings(LambdaEngine& engine,
                                const aws::RequestContext& /*context*/,
                                const Json& /*input*/) {
  STRATUS_ASSIGN_OR_RETURN(std::vector<FunctionConfig> functions, engine.store().List());
  int64_t reserved = 0;
  int64_t code_bytes = 0;
  for (const FunctionConfig& function : functions) {
    reserved += function.reserved_concurrency.value_or(0);
    code_bytes += function.code.size;
  }
  return Json{
      {"AccountLimit",
       {{"TotalCodeSize", kTotalCodeSizeBytes},
        {"CodeSizeUnzipped", kCodeSizeUnzippedBytes},
        {"CodeSizeZipped", kCodeSizeZippedBytes},
        {"ConcurrentExecutions", kAccountConcurrentExecutions},
        {"UnreservedConcurrentExecutions", kAccountConcurrentExecutions - reserved}}},
      {"AccountUsage",
       {{"TotalCodeSize", code_bytes}, {"FunctionCount", static_cast<int64_t>(functions.size())}}}};
}

}  // namespace stratus::lambda::api
