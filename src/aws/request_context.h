#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "http/message.h"

namespace stratus::aws {

/// What a handler may add to an HTTP response besides its output: a body
/// streamed from files (S3 GetObject), a status other than the model's (206
/// for a range), and headers the model does not name. The dispatcher makes
/// one for every HTTP call; in-process calls have none, and their handlers
/// put such bodies in the output instead.
///
/// Thread safety: written by the handler before it replies, read by the
/// dispatcher after.
struct ResponsePayload {
  std::shared_ptr<http::BodyStream> stream = nullptr;
  int status = 0;  // 0: the model's.
  http::Headers headers = {};
  /// Elements an XML error body carries besides Code and Message (S3's
  /// <Key>, <BucketName>), which no error shape of the model declares.
  std::vector<std::pair<std::string, std::string>> error_elements = {};
};

/// What a handler knows about the call besides its input: who, where, and
/// how to build URLs and ARNs. Built by the dispatcher for HTTP calls and by
/// the caller for in-process calls.
struct RequestContext {
  std::string request_id = {};
  std::string account_id = "000000000000";
  std::string region = "us-east-1";
  std::string access_key_id = {};
  std::string service = {};    // Operation-table service name: "sqs".
  std::string operation = {};  // Model operation name: "SendMessage".
  std::string host = {};       // Host header as the client sent it, e.g. "localhost:4566".
  std::string path = {};       // HTTP request path (still encoded); empty for in-process calls.
  std::string scheme = "http";
  Clock::TimePoint received = {};
  /// For HTTP calls to an operation with a streaming input payload (S3
  /// PutObject, UploadPart) whose service registered a PayloadSinkFactory:
  /// the sink the body went to as it arrived. The payload member is then
  /// absent from the input.
  std::shared_ptr<http::BodySink> payload = nullptr;
  /// For HTTP calls: where the handler may put a streamed response body.
  std::shared_ptr<ResponsePayload> response_payload = nullptr;
};

}  // namespace stratus::aws
