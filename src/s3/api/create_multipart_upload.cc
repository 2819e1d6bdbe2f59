#include <utility>

#include "io/checksum.h"
#include "s3/api/handlers.h"
#include "s3/api/object_headers.h"
#include "s3/api/request_fields.h"
#include "s3/api/s3_service.h"
#include "s3/errors.h"

namespace stratus::s3::api::handlers {

void CreateMultipartUpload(S3Service& service,
                           const aws::RequestContext& /*context*/,
                           const Json& input,
                           aws::Reply reply) {
  auto prepare = [&]() -> Result<std::pair<std::string, ObjectAttributes>> {
    STRATUS_ASSIGN_OR_RETURN(std::string bucket, RequiredString(input, "Bucket"));
    STRATUS_ASSIGN_OR_RETURN(ObjectAttributes attributes, AttributesFromInput(input));
    if (!attributes.system.contains("ServerSideEncryption")) {
      attributes.system["ServerSideEncryption"] = "AES256";
    }
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> algorithm,
                             OptionalString(input, "ChecksumAlgorithm"));
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> type,
                             OptionalString(input, "ChecksumType"));
    if (algorithm.has_value()) {
      STRATUS_ASSIGN_OR_RETURN(io::ChecksumAlgorithm parsed,
                               io::ParseChecksumAlgorithm(*algorithm));
      attributes.checksum_algorithm = std::string(io::ChecksumAlgorithmName(parsed));
      // AWS: CRC64NVME uploads are FULL_OBJECT; the others COMPOSITE unless asked.
      attributes.checksum_type =
          type.value_or(parsed == io::ChecksumAlgorithm::kCrc64Nvme ? "FULL_OBJECT" : "COMPOSITE");
      const bool sha =
          parsed == io::ChecksumAlgorithm::kSha1 || parsed == io::ChecksumAlgorithm::kSha256;
      if (attributes.checksum_type != "FULL_OBJECT" && attributes.checksum_type != "COMPOSITE") {
        return S3Error::InvalidRequest("Value for x-amz-checksum-type header is invalid.");
      }
      if ((sha && attributes.checksum_type == "FULL_OBJECT") ||
          (parsed == io::ChecksumAlgorithm::kCrc64Nvme &&
           attributes.checksum_type == "COMPOSITE")) {
        return S3Error::InvalidRequest(
            "The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.");
      }
    } else if (type.has_value()) {
      return S3Error::InvalidRequest(
          "The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm "
          "header.");
    }
    return std::make_pair(std::move(bucket), std::move(attributes));
  };
  Result<std::pair<std::string, ObjectAttributes>> prepared = prepare();
  Result<std::string> key = RequiredString(input, "Key");
  if (!prepared.ok() || !key.ok()) {
    reply(!prepared.ok() ? prepared.status() : key.status());
    return;
  }
  std::string bucket = prepared->first;
  service.engine().CreateUpload(prepared->first, *key, std::move(prepared->second),
                                [bucket, reply = std::move(reply)](Result<UploadInfo> upload) {
                                  if (!upload.ok()) {
                                    reply(upload.status());
                                    return;
                                  }
                                  Json output = {{"Bucket", bucket},
                                                 {"Key", upload->key},
                                                 {"UploadId", upload->upload_id},
                                                 {"ServerSideEncryption", "AES256"}};
                                  if (!upload->attributes.checksum_algorithm.empty()) {
                                    output["ChecksumAlgorithm"] =
                                        upload->attributes.checksum_algorithm;
                                    output["ChecksumType"] = upload->attributes.checksum_type;
                                  }
                                  reply(std::move(output));
                                });
}

}  // namespace stratus::s3::api::handlers
