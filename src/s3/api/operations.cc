#include "s3/api/operations.h"

#include <array>
#include <optional>

#include "aws/operation_table.h"
#include "aws/service_operations.h"
#include "s3/api/bucket_subresources.h"
#include "s3/api/cors.h"
#include "s3/api/handlers.h"
#include "s3/api/notifications.h"
#include "s3/api/s3_service.h"
#include "s3/api/upload_sink.h"
#include "s3/errors.h"

namespace stratus::s3::api {
namespace {

struct SubresourceOperations {
  std::string_view put = {};
  std::string_view get = {};
  std::string_view remove = {};  // Empty: S3 has no Delete for it.
  SubresourceSpec spec = {};
};

// AWS: the defaults of a new bucket: default encryption SSE-S3 (since 2023),
// no logging, acceleration or notification, requester pays off.
const std::array<SubresourceOperations, 15>& Subresources() {
  static const std::array<SubresourceOperations, 15> kSubresources = {{
      {"PutBucketPolicy",
       "GetBucketPolicy",
       "DeleteBucketPolicy",
       {"policy", "Policy", "Policy", "NoSuchBucketPolicy", "The bucket policy does not exist",
        "{}", 204}},
      {"PutBucketCors",
       "GetBucketCors",
       "DeleteBucketCors",
       {"cors", "CORSConfiguration", "", "NoSuchCORSConfiguration",
        "The CORS configuration does not exist"}},
      {"PutBucketLifecycleConfiguration",
       "GetBucketLifecycleConfiguration",
       "DeleteBucketLifecycle",
       {"lifecycle", "LifecycleConfiguration", "", "NoSuchLifecycleConfiguration",
        "The lifecycle configuration does not exist"}},
      {"PutBucketTagging",
       "GetBucketTagging",
       "DeleteBucketTagging",
       {"tagging", "Tagging", "", "NoSuchTagSet", "The TagSet does not exist", "{}", 204}},
      {"PutBucketEncryption",
       "GetBucketEncryption",
       "DeleteBucketEncryption",
       {"encryption", "ServerSideEncryptionConfiguration", "ServerSideEncryptionConfiguration", "",
        "",
        R"({"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"},)"
        R"("BucketKeyEnabled":false}]})"}},
      {"PutBucketWebsite",
       "GetBucketWebsite",
       "DeleteBucketWebsite",
       {"website", "WebsiteConfiguration", "", "NoSuchWebsiteConfiguration",
        "The specified bucket does not have a website configuration"}},
      {"",
       "GetBucketNotificationConfiguration",
       "",
       {"notification", "NotificationConfiguration", "", "", "", "{}"}},
      {"PutBucketLogging",
       "GetBucketLogging",
       "",
       {"logging", "BucketLoggingStatus", "", "", "", "{}"}},
      {"PutBucketOwnershipControls",
       "GetBucketOwnershipControls",
       "DeleteBucketOwnershipControls",
       {"ownership", "OwnershipControls", "OwnershipControls", "OwnershipControlsNotFoundError",
        "The bucket ownership controls were not found"}},
      {"PutPublicAccessBlock",
       "GetPublicAccessBlock",
       "DeletePublicAccessBlock",
       {"public-access-block", "PublicAccessBlockConfiguration", "PublicAccessBlockConfiguration",
        "NoSuchPublicAccessBlockConfiguration",
        "The public access block configuration was not found"}},
      {"PutBucketAccelerateConfiguration",
       "GetBucketAccelerateConfiguration",
       "",
       {"accelerate", "AccelerateConfiguration", "", "", "", "{}"}},
      {"PutBucketRequestPayment",
       "GetBucketRequestPayment",
       "",
       {"request-payment", "RequestPaymentConfiguration", "", "", "",
        R"({"Payer":"BucketOwner"})"}},
      {"PutBucketReplication",
       "GetBucketReplication",
       "DeleteBucketReplication",
       {"replication", "ReplicationConfiguration", "ReplicationConfiguration",
        "ReplicationConfigurationNotFoundError", "The replication configuration was not found"}},
      {"PutObjectLockConfiguration",
       "GetObjectLockConfiguration",
       "",
       {"object-lock", "ObjectLockConfiguration", "ObjectLockConfiguration",
        "ObjectLockConfigurationNotFoundError",
        "Object Lock configuration does not exist for this bucket"}},
      {"PutBucketAcl", "GetBucketAcl", "", {"acl", "AccessControlPolicy", "", "", "", "{}"}},
  }};
  return kSubresources;
}

// AWS: S3's error bodies name what was missing: <BucketName> for
// NoSuchBucket, <Key> for NoSuchKey, <UploadId> for NoSuchUpload,
// <Key> and <VersionId> for NoSuchVersion.
aws::OperationHandler WithErrorDetails(aws::OperationHandler handler) {
  return [handler = std::move(handler)](const aws::RequestContext& context, Json input,
                                        aws::Reply reply) {
    if (context.response_payload == nullptr) {
      handler(context, std::move(input), std::move(reply));
      return;
    }
    auto text = [&input](const char* member) {
      auto it = input.find(member);
      return it != input.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    std::vector<std::pair<std::string, std::string>> details = {{"BucketName", text("Bucket")},
                                                                {"Key", text("Key")},
                                                                {"UploadId", text("UploadId")},
                                                                {"VersionId", text("VersionId")}};
    handler(context, std::move(input),
            [payload = context.response_payload, details = std::move(details),
             reply = std::move(reply)](Result<Json> output) {
              if (!output.ok()) {
                const std::string& code = output.status().aws_type();
                auto add = [&](std::string_view name) {
                  for (const auto& [element, value] : details) {
                    if (element == name && !value.empty()) {
                      payload->error_elements.emplace_back(element, value);
                    }
                  }
                };
                if (code == "NoSuchBucket") {
                  add("BucketName");
                } else if (code == "NoSuchKey") {
                  add("Key");
                } else if (code == "NoSuchUpload") {
                  add("UploadId");
                } else if (code == "NoSuchVersion") {
                  add("Key");
                  add("VersionId");
                }
              }
              reply(std::move(output));
            });
  };
}

std::optional<aws::ChunkSigningContext> SigningOf(const aws::ChunkSigningContext* signing) {
  return signing == nullptr ? std::nullopt : std::optional<aws::ChunkSigningContext>(*signing);
}

}  // namespace

void RegisterS3Operations(aws::OperationTable& table,
                          const aws::ModelRegistry& models,
                          S3Service& service,
                          Notifier& notifier) {
  aws::ServiceOperations operations(
      table, models, "s3",
      aws::ServiceOperationsOptions{.model_constraints = std::nullopt,
                                    .on_json_error = [](std::string_view what) {
                                      return S3Error::InvalidArgument(std::string(what));
                                    }});
  auto add = [&](std::string_view name, auto* handler) {
    operations.Add(name, WithErrorDetails(aws::Bind(service, handler)));
  };
  add("AbortMultipartUpload", &handlers::AbortMultipartUpload);
  add("CompleteMultipartUpload", &handlers::CompleteMultipartUpload);
  add("CopyObject", &handlers::CopyObject);
  add("CreateBucket", &handlers::CreateBucket);
  add("CreateMultipartUpload", &handlers::CreateMultipartUpload);
  add("DeleteBucket", &handlers::DeleteBucket);
  add("DeleteObject", &handlers::DeleteObject);
  add("DeleteObjectTagging", &handlers::DeleteObjectTagging);
  add("DeleteObjects", &handlers::DeleteObjects);
  add("GetBucketLocation", &handlers::GetBucketLocation);
  add("GetBucketVersioning", &handlers::GetBucketVersioning);
  add("GetObject", &handlers::GetObject);
  add("GetObjectAcl", &handlers::GetObjectAcl);
  add("GetObjectAttributes", &handlers::GetObjectAttributes);
  add("GetObjectTagging", &handlers::GetObjectTagging);
  add("HeadBucket", &handlers::HeadBucket);
  add("HeadObject", &handlers::HeadObject);
  add("ListBuckets", &handlers::ListBuckets);
  add("ListMultipartUploads", &handlers::ListMultipartUploads);
  add("ListObjectVersions", &handlers::ListObjectVersions);
  add("ListObjects", &handlers::ListObjects);
  add("ListObjectsV2", &handlers::ListObjectsV2);
  add("ListParts", &handlers::ListParts);
  add("PutBucketVersioning", &handlers::PutBucketVersioning);
  add("PutObject", &handlers::PutObject);
  add("PutObjectAcl", &handlers::PutObjectAcl);
  add("PutObjectTagging", &handlers::PutObjectTagging);
  add("UploadPart", &handlers::UploadPart);
  add("UploadPartCopy", &handlers::UploadPartCopy);
  operations.Add("PutBucketNotificationConfiguration",
                 WithErrorDetails(PutNotificationConfiguration(service, notifier)));
  for (const SubresourceOperations& subresource : Subresources()) {
    if (!subresource.put.empty()) {
      operations.Add(subresource.put, WithErrorDetails(PutSubresource(service, subresource.spec)));
    }
    operations.Add(subresource.get, WithErrorDetails(GetSubresource(service, subresource.spec)));
    if (!subresource.remove.empty()) {
      operations.Add(subresource.remove,
                     WithErrorDetails(DeleteSubresource(service, subresource.spec)));
    }
  }
  table.SetHttpHooks("s3", CorsHooks(service));
  // Object bodies stream into blobs as they arrive.
  Engine& engine = service.engine();
  table.SetPayloadSinkFactory(
      "s3", "PutObject",
      [&engine](const aws::RequestContext& /*context*/, const http::Request& head,
                const aws::ChunkSigningContext* signing) -> std::shared_ptr<http::BodySink> {
        return UploadSink::ForHead(engine, head, SigningOf(signing),
                                   io::ChecksumAlgorithm::kCrc64Nvme);
      });
  table.SetPayloadSinkFactory(
      "s3", "UploadPart",
      [&engine](const aws::RequestContext& /*context*/, const http::Request& head,
                const aws::ChunkSigningContext* signing) -> std::shared_ptr<http::BodySink> {
        return UploadSink::ForHead(engine, head, SigningOf(signing), std::nullopt);
      });
}

}  // namespace stratus::s3::api
