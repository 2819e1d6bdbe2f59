#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "aws/model_constraints.h"
#include "aws/operation_table.h"
#include "aws/request_context.h"
#include "base/json.h"
#include "base/result.h"

namespace stratus::aws {

class ModelRegistry;

// How every service puts its handlers in the operation table. A service's
// api/ folder has one handler function per operation, taking the service's
// engine object first:
//   void SendMessage(QueueService&, const RequestContext&, const Json&, Reply);
//   Result<Json> ListQueues(QueueService&, const RequestContext&, const Json&);
// Bind() turns such a function into an OperationHandler, and
// ServiceOperations::Add() registers it, in front of the checks every
// service shares: the model's constraints (when the service switches them
// on) and a net for exceptions of the JSON library.

struct ServiceOperationsOptions {
  /// Checks each input against the model's constraints before the handler
  /// runs, as AWS's front door does (see model_constraints.h). Off for
  /// services whose handlers word their own validation errors (SQS).
  std::optional<ConstraintOptions> model_constraints = std::nullopt;
  /// Turns an exception the JSON library threw inside a handler (a type it
  /// still throws on, e.g. a number out of range) into the service's error.
  /// Empty: an InvalidArgument status without an AWS type.
  std::function<Status(std::string_view what)> on_json_error = nullptr;
};

/// Registers one service's operations. The service's operations.cc creates
/// one, calls Add() once per operation — the one place an operation name
/// appears — and drops it.
///
/// Thread safety: used at start-up only, like the table it fills.
class ServiceOperations {
 public:
  /// REQUIRES: `table` and `models` outlive every handler added.
  ServiceOperations(OperationTable& table,
                    const ModelRegistry& models,
                    std::string_view service,
                    ServiceOperationsOptions options = {});

  /// Adds `handler` as `operation` of the service.
  void Add(std::string_view operation, OperationHandler handler);

 private:
  OperationTable& table_;
  const ModelRegistry& models_;
  std::string service_;
  ServiceOperationsOptions options_;
};

/// Binds a handler that replies itself (later, e.g. after a commit).
template <typename Service>
OperationHandler Bind(Service& service,
                      void (*handler)(Service&, const RequestContext&, const Json&, Reply)) {
  return [&service, handler](const RequestContext& context, const Json& input, Reply reply) {
    handler(service, context, input, std::move(reply));
  };
}

/// Binds a handler that takes its input by value (to move parts of it).
template <typename Service>
OperationHandler Bind(Service& service,
                      void (*handler)(Service&, const RequestContext&, Json, Reply)) {
  return [&service, handler](const RequestContext& context, Json input, Reply reply) {
    handler(service, context, std::move(input), std::move(reply));
  };
}

/// The two handler signatures Bind() takes, for a service's handlers.h:
/// one that replies itself (after a commit), one that answers at once.
template <typename Service>
using CommitHandler = void(Service&, const RequestContext&, const Json&, Reply);
template <typename Service>
using ReadHandler = Result<Json>(Service&, const RequestContext&, const Json&);

/// Turns an engine's Status into the service's wire error (e.g. GlueError::FromEngine).
using EngineErrorMapper = Status (*)(const Status&);

/// Returns an engine commit callback that replies `to_json(result)` on
/// success, else the engine's error as `to_error` names it.
template <typename T>
std::function<void(Result<T>)> ReplyAfterCommit(Reply reply,
                                                std::function<Json(T)> to_json,
                                                EngineErrorMapper to_error) {
  return [reply = std::move(reply), to_json = std::move(to_json), to_error](Result<T> result) {
    if (!result.ok()) {
      reply(to_error(result.status()));
      return;
    }
    reply(to_json(*std::move(result)));
  };
}

/// Binds a handler that answers at once.
template <typename Service>
OperationHandler Bind(Service& service,
                      Result<Json> (*handler)(Service&, const RequestContext&, const Json&)) {
  return [&service, handler](const RequestContext& context, const Json& input, const Reply& reply) {
    reply(handler(service, context, input));
  };
}

}  // namespace stratus::aws
