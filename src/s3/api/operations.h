#pragma once

namespace stratus::aws {
class ModelRegistry;
class OperationTable;
}  // namespace stratus::aws

namespace stratus::s3::api {

class Notifier;
class S3Service;

/// Adds every S3 operation to `table` under service "s3", and the payload
/// sinks of the streaming ones (PutObject, UploadPart). The one place S3
/// operation names appear. REQUIRES: `service` outlives the table's use.
void RegisterS3Operations(aws::OperationTable& table,
                          const aws::ModelRegistry& models,
                          S3Service& service,
                          Notifier& notifier);

}  // namespace stratus::s3::api
