#include "s3/api/s3_service.h"

#include "base/digest.h"
#include "s3/api/request_fields.h"
#include "s3/errors.h"

namespace stratus::s3::api {

S3Service::S3Service(Engine& engine, const Clock& clock) : engine_(engine), clock_(clock) {}

Result<ReceivedBody> S3Service::TakeBody(const aws::RequestContext& context,
                                         const Json& input,
                                         uint64_t max_bytes) {
  if (context.payload != nullptr) {
    auto* sink = dynamic_cast<UploadSink*>(context.payload.get());
    if (sink == nullptr) {
      return Status::Internal("the request body went to a sink S3 did not make");
    }
    STRATUS_ASSIGN_OR_RETURN(ReceivedBody received, sink->Take());
    if (received.size > max_bytes) {
      return S3Error::EntityTooLarge(received.size, max_bytes);
    }
    return received;
  }
  std::string bytes;
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> body, OptionalString(input, "Body"));
  if (body.has_value() && !Base64Decode(*body, &bytes)) {
    return S3Error::InvalidArgument("Body is not base64");
  }
  UploadPlan plan{.max_bytes = max_bytes};
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> algorithm,
                           OptionalString(input, "ChecksumAlgorithm"));
  if (algorithm.has_value()) {
    STRATUS_ASSIGN_OR_RETURN(plan.checksum, io::ParseChecksumAlgorithm(*algorithm));
  }
  return UploadSink::ReceiveAll(engine_, std::move(plan), bytes);
}

}  // namespace stratus::s3::api
