#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "aws/request_context.h"
#include "base/json.h"
#include "base/result.h"
#include "s3/api/upload_sink.h"
#include "s3/engine.h"

namespace stratus {
class Clock;
}  // namespace stratus

namespace stratus::aws {
class OperationTable;
}  // namespace stratus::aws

namespace stratus::s3::api {

/// What the S3 API handlers work with: the engine, the clock, and the
/// operation table for calls to other services (notifications to SQS).
///
/// Thread safety: safe from any thread once started.
class S3Service {
 public:
  S3Service(Engine& engine, const Clock& clock);

  Engine& engine() { return engine_; }

  const Clock& clock() const { return clock_; }

  /// The operation table, once the server has started every service.
  void BindOperations(const aws::OperationTable& operations) { operations_ = &operations; }

  const aws::OperationTable* operations() const { return operations_; }

  /// Returns the body of a PutObject or UploadPart: the streamed one in
  /// `context.payload`, or the input's Body member (in-process calls; base64
  /// as the operation table carries blobs). `max_bytes` bounds it.
  Result<ReceivedBody> TakeBody(const aws::RequestContext& context,
                                const Json& input,
                                uint64_t max_bytes);

 private:
  Engine& engine_;
  const Clock& clock_;
  const aws::OperationTable* operations_ = nullptr;
};

}  // namespace stratus::s3::api
