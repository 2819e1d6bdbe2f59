#pragma once

#include <string_view>

#include "aws/operation_table.h"

namespace stratus::s3::api {

class S3Service;

/// A bucket sub-resource that S3 stores and echoes: policy, CORS,
/// lifecycle, tagging, encryption, website, notification, logging,
/// ownership controls, public access block, accelerate, request payment,
/// replication, Object Lock, ACL.
struct SubresourceSpec {
  std::string_view kind = {};        // Its name in the engine ("cors").
  std::string_view put_member = {};  // The Put operation's payload member.
  /// The Get output's payload member; empty when the document's members
  /// are the output's own.
  std::string_view get_member = {};
  /// The S3 error code when unset ("NoSuchCORSConfiguration"); empty when
  /// an unset one answers `default_document`.
  std::string_view missing_code = {};
  std::string_view missing_message = {};
  std::string_view default_document = "{}";  // JSON.
  /// The Put's status when not the model's (S3 answers PutBucketPolicy and
  /// PutBucketTagging with 204); 0 keeps the model's.
  int put_status = 0;
};

/// Returns the sub-resource's Put, Get and Delete handlers.
aws::OperationHandler PutSubresource(S3Service& service, const SubresourceSpec& spec);
aws::OperationHandler GetSubresource(S3Service& service, const SubresourceSpec& spec);
aws::OperationHandler DeleteSubresource(S3Service& service, const SubresourceSpec& spec);

}  // namespace stratus::s3::api
