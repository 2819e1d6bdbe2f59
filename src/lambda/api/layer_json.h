#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/json.h"
#include "base/result.h"
#include "lambda/function_config.h"

namespace stratus::lambda {
class LambdaEngine;
}  // namespace stratus::lambda

namespace stratus::lambda::api {

/// Returns arn:aws:lambda:REGION:ACCOUNT:layer:NAME.
std::string LayerArn(const LambdaEngine& engine, std::string_view name);

/// Returns arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION.
std::string LayerVersionArn(const LambdaEngine& engine, std::string_view name, int64_t version);

/// A layer version named by its ARN.
struct LayerVersionRef {
  std::string name = {};
  int64_t version = 0;
};

/// Reads a layer version ARN of this region and account;
/// InvalidParameterValueException for anything else.
Result<LayerVersionRef> ParseLayerVersionArn(const LambdaEngine& engine, std::string_view arn);

/// Reads the LayerName member (a name or a layer ARN) and, when `with_version`,
/// VersionNumber; InvalidParameterValueException when malformed.
Result<LayerVersionRef> LayerRefOf(const LambdaEngine& engine,
                                   const Json& input,
                                   bool with_version);

/// AWS's answer for a layer version that does not exist (ResourceNotFoundException).
Status LayerVersionNotFound();

/// Returns the layer version `ref` names; LayerVersionNotFound() when there
/// is none.
Result<LayerVersion> FindLayerVersion(LambdaEngine& engine, const LayerVersionRef& ref);

/// Returns a layer version as PublishLayerVersion and GetLayerVersion answer
/// it (with Content and LayerArn), or, with `list_item`, as a
/// LayerVersionsListItem.
Json LayerVersionToJson(const LambdaEngine& engine, const LayerVersion& layer, bool list_item);

}  // namespace stratus::lambda::api
