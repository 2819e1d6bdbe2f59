#include "lambda/api/layer_permissions.h"

#include "lambda/api/layer_json.h"
#include "lambda/errors.h"

namespace stratus::lambda::api {

Status LayerPolicyError(const Status& status) {
  if (status.code() == StatusCode::kFailedPrecondition) {
    return LambdaError::PreconditionFailed(std::string(status.message()));
  }
  return LambdaError::FromEngine(status);
}

}  // namespace stratus::lambda::api
