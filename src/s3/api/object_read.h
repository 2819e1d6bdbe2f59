#pragma once

#include "aws/request_context.h"
#include "base/json.h"
#include "base/result.h"

namespace stratus::s3::api {

class S3Service;

/// Answers GetObject (`with_body`) and HeadObject: the version (latest or
/// VersionId), delete markers as S3 reports them, conditional headers, Range
/// and PartNumber (206 with Content-Range), response-* overrides, and the
/// body — streamed for HTTP calls, base64 in `Body` for in-process ones.
Result<Json> ServeObject(S3Service& service,
                         const aws::RequestContext& context,
                         const Json& input,
                         bool with_body);

}  // namespace stratus::s3::api
