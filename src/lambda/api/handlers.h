#pragma once

#include <string>
#include <utility>

#include "aws/operation_table.h"
#include "aws/request_context.h"
#include "aws/service_operations.h"
#include "base/json.h"
#include "lambda/errors.h"

namespace stratus::lambda {
class LambdaEngine;
}  // namespace stratus::lambda

// One handler per Lambda operation, each in its own file named after it. A
// handler reads the model-shaped JSON input, calls the engine and replies
// with the model-shaped output — for writes, after the engine's commit;
// for invocations, when the function has answered. operations.cc binds them
// to their operation names.
namespace stratus::lambda::api {

using Handler = aws::CommitHandler<LambdaEngine>;
using SyncHandler = aws::ReadHandler<LambdaEngine>;

Handler CreateFunction;
SyncHandler GetFunction;
SyncHandler GetFunctionConfiguration;
SyncHandler ListFunctions;
Handler UpdateFunctionCode;
Handler UpdateFunctionConfiguration;
Handler DeleteFunction;
Handler Invoke;
Handler PutFunctionEventInvokeConfig;
Handler UpdateFunctionEventInvokeConfig;
Handler DeleteFunctionEventInvokeConfig;
Handler CreateEventSourceMapping;
SyncHandler GetEventSourceMapping;
SyncHandler ListEventSourceMappings;
Handler UpdateEventSourceMapping;
Handler DeleteEventSourceMapping;
SyncHandler GetFunctionEventInvokeConfig;
Handler AddPermission;
Handler RemovePermission;
SyncHandler GetPolicy;
Handler PublishVersion;
SyncHandler ListVersionsByFunction;
Handler CreateAlias;
SyncHandler GetAlias;
Handler UpdateAlias;
Handler DeleteAlias;
SyncHandler ListAliases;
Handler PutFunctionConcurrency;
Handler DeleteFunctionConcurrency;
SyncHandler GetFunctionConcurrency;
SyncHandler GetAccountSettings;
Handler PublishLayerVersion;
SyncHandler GetLayerVersion;
SyncHandler GetLayerVersionByArn;
SyncHandler ListLayers;
SyncHandler ListLayerVersions;
Handler DeleteLayerVersion;
Handler AddLayerVersionPermission;
Handler RemoveLayerVersionPermission;
SyncHandler GetLayerVersionPolicy;

/// Publishes $LATEST as a version (CreateFunction and UpdateFunctionCode with
/// Publish true, after their own commit) and replies the version's
/// FunctionConfiguration. Defined in publish_version.cc.
void PublishAndReply(LambdaEngine& engine, std::string name, aws::Reply reply);

/// Returns whether `input` asks to publish a version (Publish: true).
bool WantsPublish(const Json& input);

/// Runs `start`; replies its error when it fails before handing `reply` on.
template <typename Start>
void StartOrReply(const aws::Reply& reply, Start start) {
  if (Status started = start(); !started.ok()) {
    reply(LambdaError::FromEngine(started));
  }
}

}  // namespace stratus::lambda::api
