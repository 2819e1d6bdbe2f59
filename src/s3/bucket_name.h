#pragma once

#include <string_view>

#include "base/status.h"

namespace stratus::s3 {

/// Returns OK when `name` may name a new general-purpose bucket, else
/// InvalidBucketName. AWS: 3 to 63 characters of lowercase letters, digits,
/// dots and hyphens; starting and ending with a letter or digit; no two
/// adjacent dots; not an IPv4 address; none of the reserved prefixes
/// (xn--, sthree-, amzn-s3-demo-) or suffixes (-s3alias, --ol-s3, .mrap,
/// --x-s3, --table-s3). Pinned by test/wire/test_s3_buckets.py::
/// test_bucket_name_rules.
Status ValidateBucketName(std::string_view name);

}  // namespace stratus::s3
