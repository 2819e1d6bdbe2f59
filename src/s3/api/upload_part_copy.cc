#include <utility>

#include "s3/api/copy_source.h"
#include "s3/api/handlers.h"
#include "s3/api/object_headers.h"
#include "s3/api/request_fields.h"
#include "s3/api/s3_service.h"
#include "s3/errors.h"

namespace stratus::s3::api::handlers {
namespace {

// Parses x-amz-copy-source-range ("bytes=first-last", both required).
Result<std::pair<uint64_t, uint64_t>> CopyRange(std::string_view header, uint64_t size) {
  constexpr std::string_view kUnit = "bytes=";
  const size_t dash = header.find('-');
  auto invalid = [] {
    return S3Error::InvalidArgument(
        "The x-amz-copy-source-range value must be of the form bytes=first-last where first and "
        "last are the zero-based offsets of the first and last bytes to copy");
  };
  if (!header.starts_with(kUnit) || dash == std::string_view::npos) {
    return invalid();
  }
  uint64_t first = 0;
  uint64_t last = 0;
  const std::string first_text(header.substr(kUnit.size(), dash - kUnit.size()));
  const std::string last_text(header.substr(dash + 1));
  if (first_text.empty() || last_text.empty() ||
      first_text.find_first_not_of("0123456789") != std::string::npos ||
      last_text.find_first_not_of("0123456789") != std::string::npos || first_text.size() > 19 ||
      last_text.size() > 19) {
    return invalid();
  }
  first = std::stoull(first_text);
  last = std::stoull(last_text);
  if (first > last) {
    return invalid();
  }
  if (last >= size) {
    return S3Error::InvalidRange();
  }
  return std::make_pair(first, last);
}

}  // namespace

void UploadPartCopy(S3Service& service,
                    const aws::RequestContext& /*context*/,
                    const Json& input,
                    aws::Reply reply) {
  struct Plan {
    UploadPartRequest request = {};
    ObjectVersion source = {};
    bool source_versioned = false;
    std::optional<std::pair<uint64_t, uint64_t>> range = std::nullopt;
    std::string checksum_algorithm = {};
  };

  auto prepare = [&]() -> Result<Plan> {
    Plan plan;
    STRATUS_ASSIGN_OR_RETURN(plan.request.bucket, RequiredString(input, "Bucket"));
    STRATUS_ASSIGN_OR_RETURN(plan.request.key, RequiredString(input, "Key"));
    STRATUS_ASSIGN_OR_RETURN(plan.request.upload_id, RequiredString(input, "UploadId"));
    STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> number, OptionalInteger(input, "PartNumber"));
    if (!number.has_value() || *number < 1 || *number > 10000) {
      return S3Error::InvalidArgument(
          "Part number must be an integer between 1 and 10000, inclusive");
    }
    plan.request.part_number = static_cast<int>(*number);
    STRATUS_ASSIGN_OR_RETURN(
        UploadInfo upload,
        service.engine().FindUpload(plan.request.bucket, plan.request.key, plan.request.upload_id));
    plan.checksum_algorithm = upload.attributes.checksum_algorithm;
    STRATUS_ASSIGN_OR_RETURN(std::string header, RequiredString(input, "CopySource"));
    STRATUS_ASSIGN_OR_RETURN(CopySource source, ParseCopySource(header));
    STRATUS_ASSIGN_OR_RETURN(BucketInfo source_bucket, service.engine().FindBucket(source.bucket));
    plan.source_versioned = source_bucket.versioning != VersioningState::kUnversioned;
    STRATUS_ASSIGN_OR_RETURN(plan.source, ResolveCopySource(service, source, input));
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> range,
                             OptionalString(input, "CopySourceRange"));
    if (range.has_value()) {
      STRATUS_ASSIGN_OR_RETURN(plan.range, CopyRange(*range, plan.source.size));
    }
    return plan;
  };
  Result<Plan> prepared = prepare();
  if (!prepared.ok()) {
    reply(prepared.status());
    return;
  }
  auto plan = std::make_shared<Plan>(std::move(prepared).value());
  Engine& engine = service.engine();
  engine.CopyBytes(
      plan->source, plan->range, plan->checksum_algorithm,
      [&engine, plan, reply = std::move(reply)](Result<Engine::CopiedBytes> copied) mutable {
        if (!copied.ok()) {
          reply(copied.status());
          return;
        }
        if (copied->body.blob == nullptr) {
          Result<std::unique_ptr<BlobWriter>> blob = engine.NewBlob();
          Status appended = blob.ok() ? (*blob)->Append(copied->body.bytes) : blob.status();
          if (!appended.ok()) {
            reply(appended);
            return;
          }
          copied->body.blob = std::move(blob).value();
        }
        plan->request.blob = std::move(copied->body.blob);
        plan->request.etag = copied->etag;
        plan->request.checksum_value = copied->checksum_value;
        engine.UploadPart(std::move(plan->request), [plan, reply](Result<PartInfo> part) {
          if (!part.ok()) {
            reply(part.status());
            return;
          }
          Json result = {{"ETag", part->etag}, {"LastModified", Seconds(part->modified_millis)}};
          if (!plan->checksum_algorithm.empty() && !part->checksum_value.empty()) {
            result[ChecksumMember(plan->checksum_algorithm)] = part->checksum_value;
          }
          Json output = {{"CopyPartResult", std::move(result)}, {"ServerSideEncryption", "AES256"}};
          if (plan->source_versioned) {
            output["CopySourceVersionId"] = plan->source.version_id;
          }
          reply(std::move(output));
        });
      });
}

}  // namespace stratus::s3::api::handlers
