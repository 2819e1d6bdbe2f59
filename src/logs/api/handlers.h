#pragma once

#include <functional>
#include <utility>

#include "aws/operation_table.h"
#include "aws/request_context.h"
#include "aws/service_operations.h"
#include "base/json.h"
#include "logs/errors.h"
#include "logs/logs_types.h"

namespace stratus::logs {
class LogStore;
}  // namespace stratus::logs

// One handler per CloudWatch Logs operation, each in its own file named
// after it. A handler reads the model-shaped JSON input, calls the store and
// replies with the model-shaped output — for writes, after the store's
// commit. operations.cc binds them to their operation names.
namespace stratus::logs::api {

using Handler = aws::CommitHandler<LogStore>;
using SyncHandler = aws::ReadHandler<LogStore>;

Handler CreateLogGroup;
Handler DeleteLogGroup;
SyncHandler DescribeLogGroups;
Handler CreateLogStream;
Handler DeleteLogStream;
SyncHandler DescribeLogStreams;
Handler PutLogEvents;
SyncHandler GetLogEvents;
SyncHandler FilterLogEvents;
Handler PutRetentionPolicy;
Handler DeleteRetentionPolicy;
Handler TagLogGroup;
Handler UntagLogGroup;
SyncHandler ListTagsLogGroup;
Handler TagResource;
Handler UntagResource;
SyncHandler ListTagsForResource;

/// Returns a store callback that replies `{}` on success, else the error.
template <typename T>
Done<T> ReplyEmptyAfterCommit(aws::Reply reply) {
  return aws::ReplyAfterCommit<T>(
      std::move(reply), [](T) { return Json::object(); }, &LogsError::FromEngine);
}

/// Runs `start`; replies its error when it fails before handing `reply` on.
template <typename Start>
void StartOrReply(const aws::Reply& reply, Start start) {
  if (Status started = start(); !started.ok()) {
    reply(LogsError::FromEngine(started));
  }
}

}  // namespace stratus::logs::api
