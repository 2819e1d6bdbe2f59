#pragma once

#include "aws/operation_table.h"

namespace stratus::s3::api {

class S3Service;

/// S3's CORS at the HTTP level, from each bucket's CORS configuration:
/// answers preflight requests (OPTIONS, which no operation models) and adds
/// the Access-Control-* headers to responses whose Origin a rule allows.
///
/// AWS: matching and answers as the S3 user guide's "Cross-origin resource
/// sharing" describes (one '*' wildcard in an origin or header pattern;
/// headers compared without case). Pinned by test/wire/test_s3_cors.py.
aws::HttpHooks CorsHooks(S3Service& service);

}  // namespace stratus::s3::api
