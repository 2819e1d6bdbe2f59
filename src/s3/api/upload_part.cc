#include <utility>

#include "base/digest.h"
#include "s3/api/handlers.h"
#include "s3/api/object_headers.h"
#include "s3/api/request_fields.h"
#include "s3/api/s3_service.h"
#include "s3/errors.h"

namespace stratus::s3::api::handlers {
namespace {

// AWS: a part carries at most 5 GiB.
constexpr uint64_t kMaxPartBytes = uint64_t{5} * 1024 * 1024 * 1024;

}  // namespace

void UploadPart(S3Service& service,
                const aws::RequestContext& context,
                const Json& input,
                aws::Reply reply) {
  auto prepare = [&]() -> Result<std::pair<UploadPartRequest, ObjectAttributes>> {
    STRATUS_ASSIGN_OR_RETURN(std::string bucket, RequiredString(input, "Bucket"));
    STRATUS_ASSIGN_OR_RETURN(std::string key, RequiredString(input, "Key"));
    STRATUS_ASSIGN_OR_RETURN(std::string upload_id, RequiredString(input, "UploadId"));
    STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> part_number,
                             OptionalInteger(input, "PartNumber"));
    if (!part_number.has_value() || *part_number < 1 || *part_number > 10000) {
      return S3Error::InvalidArgument(
          "Part number must be an integer between 1 and 10000, inclusive");
    }
    STRATUS_ASSIGN_OR_RETURN(UploadInfo upload,
                             service.engine().FindUpload(bucket, key, upload_id));
    STRATUS_ASSIGN_OR_RETURN(ReceivedBody received,
                             service.TakeBody(context, input, kMaxPartBytes));
    STRATUS_RETURN_IF_ERROR(CheckDeclaredDigests(input, received));
    ObjectAttributes checksum;
    if (received.checksum_algorithm.has_value()) {
      RecordChecksum(received, &checksum);
      if (!upload.attributes.checksum_algorithm.empty() &&
          checksum.checksum_algorithm != upload.attributes.checksum_algorithm) {
        return S3Error::InvalidRequest("Checksum Type mismatch occurred, expected checksum Type: " +
                                       upload.attributes.checksum_algorithm +
                                       ", actual checksum Type: " + checksum.checksum_algorithm);
      }
    }
    if (received.body.blob == nullptr) {
      // Parts are always blobs: they become segments of the object.
      STRATUS_ASSIGN_OR_RETURN(received.body.blob, service.engine().NewBlob());
      STRATUS_RETURN_IF_ERROR(received.body.blob->Append(received.body.bytes));
    }
    return std::make_pair(UploadPartRequest{.bucket = std::move(bucket),
                                            .key = std::move(key),
                                            .upload_id = std::move(upload_id),
                                            .part_number = static_cast<int>(*part_number),
                                            .blob = std::move(received.body.blob),
                                            .etag = Quoted(ToHex(received.md5)),
                                            .checksum_value = checksum.checksum_value},
                          std::move(checksum));
  };
  auto prepared = prepare();
  if (!prepared.ok()) {
    reply(prepared.status());
    return;
  }
  ObjectAttributes checksum = std::move(prepared->second);
  service.engine().UploadPart(
      std::move(prepared->first),
      [checksum = std::move(checksum), reply = std::move(reply)](Result<PartInfo> part) {
        if (!part.ok()) {
          reply(part.status());
          return;
        }
        Json output = {{"ETag", part->etag}, {"ServerSideEncryption", "AES256"}};
        if (!checksum.checksum_algorithm.empty()) {
          output[ChecksumMember(checksum.checksum_algorithm)] = checksum.checksum_value;
        }
        reply(std::move(output));
      });
}

}  // namespace stratus::s3::api::handlers
