#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "aws/request_context.h"
#include "http/message.h"

namespace stratus::s3 {
class ObjectReader;
}  // namespace stratus::s3

namespace stratus::s3::api {

/// Makes `xml` the whole response body (for answers whose XML is not the
/// output shape's, such as GetBucketLocation's bare element). Returns false
/// for in-process calls, which have no HTTP body: the handler then answers
/// with its output members.
bool SetRawXmlBody(const aws::RequestContext& context, std::string xml);

/// Returns a body stream of bytes [first, first + length) of an opened
/// object: blob ranges go out with sendfile where the file allows it.
std::shared_ptr<http::BodyStream> ObjectBodyStream(std::shared_ptr<ObjectReader> reader,
                                                   uint64_t first,
                                                   uint64_t length);

}  // namespace stratus::s3::api
