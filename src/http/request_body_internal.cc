#include "http/request_body_internal.h"

#include <utility>

#include "http/log.h"

namespace stratus::http {

void RequestBody::reader::init(const boost::optional<uint64_t>& content_length,
                               boost::beast::error_code& error) {
  error = {};
  if (body_.sink == nullptr && content_length.has_value()) {
    body_.buffered.reserve(static_cast<size_t>(*content_length));
  }
}

void RequestBody::reader::Take(std::string_view bytes) {
  if (body_.sink == nullptr) {
    body_.buffered.append(bytes);
    return;
  }
  if (!body_.sink_status.ok()) {
    return;  // The sink failed earlier: the rest of the body is dropped.
  }
  body_.sink_status = body_.sink->Append(bytes);
  if (!body_.sink_status.ok()) {
    kHttpLog.Debug("body sink failed; dropping the rest of the body: {}",
                   body_.sink_status.ToString());
  }
}

}  // namespace stratus::http
