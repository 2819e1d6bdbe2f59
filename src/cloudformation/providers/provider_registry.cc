#include <utility>

#include "aws/operation_table.h"
#include "base/check.h"
#include "base/clock.h"
#include "base/random.h"
#include "cloudformation/providers/built_in_providers.h"
#include "cloudformation/providers/resource_provider.h"
#include "cloudformation/providers/service_caller.h"

namespace stratus::cloudformation {
namespace {

// What the built-in providers share: the real clock, a random source for
// request ids, and the caller built on them. (Generated names are the stack
// engine's: ResourceRequest::generated_name.)
struct CallerParts {
  explicit CallerParts(const aws::OperationTable& table) : caller(table, clock, ids) {}

  SystemClock clock;
  IdGenerator ids;
  ServiceCaller caller;
};

}  // namespace

Status ResourceProvider::DeleteGenerated(const ResourceRequest& request) {
  if (request.generated_name.empty()) {
    return Status::Ok();
  }
  ResourceRequest named = request;
  named.physical_id = request.generated_name;
  return Delete(named);
}

void ProviderRegistry::Add(std::shared_ptr<ResourceProvider> provider) {
  for (std::string& type : provider->types()) {
    STRATUS_CHECK(!providers_.contains(type), "resource type {} registered twice", type);
    providers_.emplace(std::move(type), provider);
  }
}

ResourceProvider* ProviderRegistry::Find(std::string_view type) const {
  auto it = providers_.find(type);
  return it == providers_.end() ? nullptr : it->second.get();
}

std::vector<std::string> ProviderRegistry::Types() const {
  std::vector<std::string> types;
  types.reserve(providers_.size());
  for (const auto& [type, provider] : providers_) {
    types.push_back(type);
  }
  return types;
}

std::unique_ptr<ProviderRegistry> MakeBuiltInProviders(const aws::OperationTable& table) {
  auto parts = std::make_shared<CallerParts>(table);
  const SharedCaller caller(parts, &parts->caller);
  auto registry = std::make_unique<ProviderRegistry>();
  registry->Add(MakeSqsQueueProvider(caller));
  registry->Add(MakeS3BucketProvider(caller));
  registry->Add(MakeLogGroupProvider(caller));
  registry->Add(MakeIamRoleProvider(caller));
  registry->Add(MakeIamPolicyProvider(caller));
  registry->Add(MakeIamManagedPolicyProvider(caller));
  registry->Add(MakeIamInstanceProfileProvider(caller));
  registry->Add(MakeLambdaFunctionProvider(caller));
  registry->Add(MakeStateMachineProvider(caller));
  registry->Add(MakeEventSourceMappingProvider(caller));
  registry->Add(MakeLambdaPermissionProvider(caller));
  registry->Add(MakeLambdaVersionProvider(caller));
  registry->Add(MakeLambdaAliasProvider(caller));
  registry->Add(MakeLambdaLayerVersionProvider(caller));
  registry->Add(MakeLambdaLayerVersionPermissionProvider(caller));
  registry->Add(MakeAthenaWorkGroupProvider(caller));
  registry->Add(MakeAthenaNamedQueryProvider(caller));
  registry->Add(MakeGlueDatabaseProvider(caller));
  registry->Add(MakeGlueTableProvider(caller));
  registry->Add(MakeRdsDbClusterProvider(caller));
  registry->Add(MakeRdsDbInstanceProvider(caller));
  registry->Add(MakeRdsParameterGroupProvider(caller));
  registry->Add(MakeRdsClusterParameterGroupProvider(caller));
  return registry;
}

}  // namespace stratus::cloudformation
