#pragma once

#include <functional>

#include "aws/operation_table.h"
#include "s3/object_types.h"

namespace stratus::s3::api {

/// Returns an engine callback that replies an empty output on success and
/// the engine's error otherwise: for operations S3 answers without a body.
Done<bool> ReplyEmpty(aws::Reply reply);

}  // namespace stratus::s3::api
