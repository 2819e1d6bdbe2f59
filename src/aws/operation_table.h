#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "aws/request_context.h"
#include "base/json.h"
#include "base/result.h"

namespace stratus::aws {

/// Delivers an operation's output (a JSON object shaped like the model's
/// output shape, member names as in the model) or its error. Called exactly
/// once, from any thread.
using Reply = std::function<void(Result<Json>)>;

/// Runs one operation. `input` is a JSON object shaped like the model's input
/// shape (member names as in the model; blobs as base64 strings; timestamps as
/// epoch seconds numbers). May reply before returning or later.
using OperationHandler = std::function<void(const RequestContext& context, Json input, Reply reply)>;

/// Wraps a synchronous handler as an OperationHandler.
OperationHandler Sync(std::function<Result<Json>(const RequestContext&, const Json&)> handler);

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

  /// Returns the service names that have at least one operation.
  std::vector<std::string> Services() const;

  /// Returns the number of operations registered for `service`.
  size_t NumOperations(std::string_view service) const;

 private:
  std::map<std::string, std::map<std::string, OperationHandler, std::less<>>, std::less<>> handlers_;
};

}  // namespace stratus::aws
