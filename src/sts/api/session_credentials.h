#pragma once

#include "base/json.h"
#include "iam/iam_types.h"

namespace stratus::sts::api {

/// Returns the model's Credentials shape for temporary credentials.
Json CredentialsJson(const iam::Session& session);

}  // namespace stratus::sts::api
