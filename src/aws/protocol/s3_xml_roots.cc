#include "aws/protocol/s3_xml_roots.h"

#include <array>
#include <utility>

namespace stratus::aws {

std::string_view S3ResponseRoot(std::string_view output_shape) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 31> kRoots = {{
      {"CompleteMultipartUploadOutput", "CompleteMultipartUploadResult"},
      {"CreateMultipartUploadOutput", "InitiateMultipartUploadResult"},
      {"CreateSessionOutput", "CreateSessionResult"},
      {"DeleteObjectsOutput", "DeleteResult"},
      {"GetBucketAccelerateConfigurationOutput", "AccelerateConfiguration"},
      {"GetBucketAclOutput", "AccessControlPolicy"},
      {"GetBucketCorsOutput", "CORSConfiguration"},
      {"GetBucketLifecycleOutput", "LifecycleConfiguration"},
      {"GetBucketLifecycleConfigurationOutput", "LifecycleConfiguration"},
      {"GetBucketLocationOutput", "LocationConstraint"},
      {"GetBucketLoggingOutput", "BucketLoggingStatus"},
      {"NotificationConfigurationDeprecated", "NotificationConfiguration"},
      {"NotificationConfiguration", "NotificationConfiguration"},
      {"GetBucketRequestPaymentOutput", "RequestPaymentConfiguration"},
      {"GetBucketTaggingOutput", "Tagging"},
      {"GetBucketVersioningOutput", "VersioningConfiguration"},
      {"GetBucketWebsiteOutput", "WebsiteConfiguration"},
      {"GetObjectAclOutput", "AccessControlPolicy"},
      {"GetObjectAttributesOutput", "GetObjectAttributesResponse"},
      {"GetObjectTaggingOutput", "Tagging"},
      {"ListBucketAnalyticsConfigurationsOutput", "ListBucketAnalyticsConfigurationResult"},
      {"ListBucketIntelligentTieringConfigurationsOutput",
       "ListBucketIntelligentTieringConfigurationsOutput"},
      {"ListBucketInventoryConfigurationsOutput", "ListInventoryConfigurationsResult"},
      {"ListBucketMetricsConfigurationsOutput", "ListMetricsConfigurationsResult"},
      {"ListBucketsOutput", "ListAllMyBucketsResult"},
      {"ListDirectoryBucketsOutput", "ListAllMyDirectoryBucketsResult"},
      {"ListMultipartUploadsOutput", "ListMultipartUploadsResult"},
      {"ListObjectVersionsOutput", "ListVersionsResult"},
      {"ListObjectsOutput", "ListBucketResult"},
      {"ListObjectsV2Output", "ListBucketResult"},
      {"ListPartsOutput", "ListPartsResult"},
  }};
  for (const auto& [shape, root] : kRoots) {
    if (shape == output_shape) {
      return root;
    }
  }
  return {};
}

}  // namespace stratus::aws
