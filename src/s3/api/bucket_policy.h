#pragma once

#include <string_view>

#include "base/json.h"
#include "base/status.h"

namespace stratus::s3::api {

class S3Service;

/// Checks a bucket policy (its JSON text) as S3 does before storing it:
/// MalformedPolicy for text that is not a JSON object starting with '{', a
/// missing Statement, Principal, Action or Resource, an Effect other than
/// Allow/Deny, an action outside s3:, or a resource outside `bucket`; and
/// AccessDenied when the policy is public (an Allow for Principal "*"
/// without a Condition) while the bucket's public access block has
/// BlockPublicPolicy, as new buckets do.
///
/// AWS: messages from S3's MalformedPolicy answers ("Missing required field
/// Statement", "Policy has invalid resource"). Pinned by
/// test/wire/test_s3_bucket_config.py.
Status ValidateBucketPolicy(S3Service& service, std::string_view bucket, const Json& text);

}  // namespace stratus::s3::api
