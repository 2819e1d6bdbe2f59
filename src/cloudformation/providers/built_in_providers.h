#pragma once

#include <memory>

namespace stratus::cloudformation {

class ResourceProvider;
class ServiceCaller;

/// The built-in providers, one factory per provider (each in its own file),
/// listed by MakeBuiltInProviders. Every provider calls the services through
/// the shared `caller`.
using SharedCaller = std::shared_ptr<const ServiceCaller>;

std::shared_ptr<ResourceProvider> MakeSqsQueueProvider(SharedCaller caller);
std::shared_ptr<ResourceProvider> MakeS3BucketProvider(SharedCaller caller);
std::shared_ptr<ResourceProvider> MakeLogGroupProvider(SharedCaller caller);
std::shared_ptr<ResourceProvider> MakeIamRoleProvider(SharedCaller caller);
std::shared_ptr<ResourceProvider> MakeIamPolicyProvider(SharedCaller caller);
std::shared_ptr<ResourceProvider> MakeIamManagedPolicyProvider(SharedCaller caller);
std::shared_ptr<ResourceProvider> MakeIamInstanceProfileProvider(SharedCaller caller);
std::shared_ptr<ResourceProvider> MakeLambdaFunctionProvider(SharedCaller caller);
std::shared_ptr<ResourceProvider> MakeStateMachineProvider(SharedCaller caller);
std::shared_ptr<ResourceProvider> MakeEventSourceMappingProvider(SharedCaller caller);
std::shared_ptr<ResourceProvider> MakeLambdaPermissionProvider(SharedCaller caller);
std::shared_ptr<ResourceProvider> MakeLambdaVersionProvider(SharedCaller caller);
std::shared_ptr<ResourceProvider> MakeLambdaAliasProvider(SharedCaller caller);
std::shared_ptr<ResourceProvider> MakeLambdaLayerVersionProvider(SharedCaller caller);
std::shared_ptr<ResourceProvider> MakeLambdaLayerVersionPermissionProvider(SharedCaller caller);
std::shared_ptr<ResourceProvider> MakeAthenaWorkGroupProvider(SharedCaller caller);
std::shared_ptr<ResourceProvider> MakeAthenaNamedQueryProvider(SharedCaller caller);
std::shared_ptr<ResourceProvider> MakeGlueDatabaseProvider(SharedCaller caller);
std::shared_ptr<ResourceProvider> MakeGlueTableProvider(SharedCaller caller);
std::shared_ptr<ResourceProvider> MakeRdsDbClusterProvider(SharedCaller caller);
std::shared_ptr<ResourceProvider> MakeRdsDbInstanceProvider(SharedCaller caller);
std::shared_ptr<ResourceProvider> MakeRdsParameterGroupProvider(SharedCaller caller);
std::shared_ptr<ResourceProvider> MakeRdsClusterParameterGroupProvider(SharedCaller caller);

}  // namespace stratus::cloudformation
