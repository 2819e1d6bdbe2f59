#pragma once

#include <optional>

#include "base/json.h"
#include "base/result.h"

namespace stratus::states::api {

/// Returns {"type": "AWS_OWNED_KEY"}: what AWS describes for a state machine
/// or activity created without an "encryptionConfiguration".
Json DefaultEncryptionConfiguration();

/// Reads the "encryptionConfiguration" of CreateActivity, CreateStateMachine
/// and UpdateStateMachine; nullopt when the request has none. The model's
/// constraints (type required and an EncryptionType, a reuse period of 60 to
/// 900 seconds) were checked before. AWS: CUSTOMER_MANAGED_KMS_KEY without a
/// kmsKeyId is InvalidEncryptionConfiguration.
Result<std::optional<Json>> ParseEncryptionConfiguration(const Json& input);

}  // namespace stratus::states::api
