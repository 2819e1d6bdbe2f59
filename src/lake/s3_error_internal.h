#pragma once

#include <string_view>

#include "base/status.h"

namespace stratus::lake::internal {

struct S3Response;

/// Returns the Status for an S3 answer that is not a success: the code of
/// its XML error body (or, for bodiless answers to HEAD, one implied by the
/// HTTP status) as the AWS type, with the StatusCode the lake gives it:
/// NoSuchKey/NoSuchBucket/NoSuchUpload → NotFound, PreconditionFailed and
/// ConditionalRequestConflict → FailedPrecondition, InvalidRange and other
/// 400s → InvalidArgument, AccessDenied → PermissionDenied, signature and
/// key errors → Unauthenticated, SlowDown and 429 → Throttled, other 5xx →
/// IoError. `what` names the request in the message ("GET bucket/key").
Status S3ErrorStatus(std::string_view what, const S3Response& response);

/// Returns the error an XML body carries as its root <Error> element (S3
/// may answer CompleteMultipartUpload with 200 and an error), or Ok.
Status ErrorInBody(std::string_view what, const S3Response& response);

}  // namespace stratus::lake::internal
