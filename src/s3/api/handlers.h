#pragma once

#include "aws/operation_table.h"
#include "aws/request_context.h"
#include "aws/service_operations.h"
#include "base/json.h"

namespace stratus::s3::api {

class S3Service;

// One handler per S3 operation, each in a file named after it (the bucket
// sub-resources that are only stored and echoed share
// bucket_subresources.cc). A handler reads the model-shaped input, calls
// the engine and replies with the model-shaped output, after the commit for
// mutations. operations.cc binds them to their names.
namespace handlers {

using Handler = aws::CommitHandler<S3Service>;
using SyncHandler = aws::ReadHandler<S3Service>;

// Buckets.
Handler CreateBucket;
Handler DeleteBucket;
SyncHandler HeadBucket;
SyncHandler ListBuckets;
SyncHandler GetBucketLocation;
SyncHandler GetBucketVersioning;
Handler PutBucketVersioning;

// Objects.
Handler PutObject;
SyncHandler GetObject;
SyncHandler HeadObject;
Handler DeleteObject;
Handler DeleteObjects;
Handler CopyObject;
SyncHandler GetObjectAttributes;
SyncHandler ListObjects;
SyncHandler ListObjectsV2;
SyncHandler ListObjectVersions;
SyncHandler GetObjectTagging;
Handler PutObjectTagging;
Handler DeleteObjectTagging;
SyncHandler GetObjectAcl;
SyncHandler PutObjectAcl;

// Multipart uploads.
Handler CreateMultipartUpload;
Handler UploadPart;
Handler UploadPartCopy;
Handler CompleteMultipartUpload;
Handler AbortMultipartUpload;
SyncHandler ListParts;
SyncHandler ListMultipartUploads;

}  // namespace handlers
}  // namespace stratus::s3::api
