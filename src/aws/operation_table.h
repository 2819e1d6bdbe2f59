#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "aws/request_context.h"
#include "base/json.h"
#include "base/result.h"
#include "http/message.h"

namespace stratus::aws {

struct ChunkSigningContext;

/// Delivers an operation's output (a JSON object shaped like the model's
/// output shape, member names as in the model) or its error. Called exactly
/// once, from any thread.
using Reply = std::function<void(Result<Json>)>;

/// Runs one operation. `input` is a JSON object shaped like the model's input
/// shape (member names as in the model; blobs as base64 strings; timestamps as
/// epoch seconds numbers). May reply before returning or later.
using OperationHandler =
    std::function<void(const RequestContext& context, Json input, Reply reply)>;

/// Wraps a synchronous handler as an OperationHandler.
OperationHandler Sync(std::function<Result<Json>(const RequestContext&, const Json&)> handler);

/// Opens where the body of a streaming operation (S3 PutObject, UploadPart)
/// goes, once the request's head has arrived (its path as routed: a
/// virtual-hosted S3 request's bucket comes first); the handler finds the sink
/// in RequestContext::payload. `signing` is the chunk-signature chain of an
/// aws-chunked body whose seed signature the dispatcher verified, else null.
/// Runs on an I/O thread: it must not block.
using PayloadSinkFactory = std::function<std::shared_ptr<http::BodySink>(
    const RequestContext& context, const http::Request& head, const ChunkSigningContext* signing)>;

/// What a service handles at the HTTP level beyond its operations.
struct HttpHooks {
  /// Answers a request of the service that no operation matches (S3's CORS
  /// preflight, OPTIONS); returns false to let the dispatcher answer.
  std::function<bool(
      const http::Request& request, const RequestContext& context, const http::Responder& respond)>
      unrouted = nullptr;
  /// Adjusts every response of the service before it is sent (S3 adds the
  /// CORS headers its bucket configuration asks for).
  std::function<void(
      const http::Request& request, const RequestContext& context, http::Response& response)>
      decorate = nullptr;
};

/// (service, operation) → handler: the one table that HTTP, Step Functions'
/// aws-sdk integrations, CloudFormation and event sources all call through.
/// Service names are the lowercase signing names ("sqs", "dynamodb", "states").
///
/// Thread safety: filled at start-up by the composition root, then read-only;
/// Find() and Invoke() are safe from any thread after that.
class OperationTable {
 public:
  /// Registers a handler. REQUIRES: (service, operation) not yet registered.
  void Add(std::string_view service, std::string_view operation, OperationHandler handler);

  /// Returns the handler, or nullptr.
  const OperationHandler* Find(std::string_view service, std::string_view operation) const;

  /// Runs the operation in-process. An unknown service or operation replies
  /// with an AWS-shaped error (UnknownOperationException / NotImplemented).
  void Invoke(const RequestContext& context,
              std::string_view service,
              std::string_view operation,
              Json input,
              Reply reply) const;

  /// Registers how the body of `operation` streams. REQUIRES: the operation
  /// is registered and has no factory yet.
  void SetPayloadSinkFactory(std::string_view service,
                             std::string_view operation,
                             PayloadSinkFactory factory);

  /// Returns the operation's payload sink factory, or nullptr.
  const PayloadSinkFactory* FindPayloadSinkFactory(std::string_view service,
                                                   std::string_view operation) const;

  /// Registers the service's HTTP hooks. REQUIRES: none yet.
  void SetHttpHooks(std::string_view service, HttpHooks hooks);

  /// Returns the service's HTTP hooks, or nullptr.
  const HttpHooks* FindHttpHooks(std::string_view service) const;

  /// Returns the service names that have at least one operation.
  std::vector<std::string> Services() const;

  /// Returns the number of operations registered for `service`.
  size_t NumOperations(std::string_view service) const;

 private:
  std::map<std::string, std::map<std::string, OperationHandler, std::less<>>, std::less<>>
      handlers_;
  std::map<std::pair<std::string, std::string>, PayloadSinkFactory, std::less<>> sinks_;
  std::map<std::string, HttpHooks, std::less<>> hooks_;
};

}  // namespace stratus::aws
