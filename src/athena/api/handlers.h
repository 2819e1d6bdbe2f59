#pragma once

#include <functional>
#include <utility>

#include "athena/athena_types.h"
#include "athena/errors.h"
#include "aws/operation_table.h"
#include "aws/request_context.h"
#include "aws/service_operations.h"
#include "base/json.h"

namespace stratus::athena {
class Engine;
}  // namespace stratus::athena

// One handler per Athena operation, each in its own file named after it. A
// handler reads the model-shaped JSON input, calls the
// engine and replies with the model-shaped output — for writes, after the
// engine's commit. operations.cc binds them to their operation names.
namespace stratus::athena::api {

/// A handler that replies after a commit.
using Handler = aws::CommitHandler<Engine>;

/// A handler that answers at once (reads).
using SyncHandler = aws::ReadHandler<Engine>;

Handler StartQueryExecution;
Handler StopQueryExecution;
SyncHandler GetQueryExecution;
SyncHandler BatchGetQueryExecution;
SyncHandler ListQueryExecutions;
SyncHandler GetQueryRuntimeStatistics;
SyncHandler GetQueryResults;
Handler CreateWorkGroup;
Handler UpdateWorkGroup;
Handler DeleteWorkGroup;
SyncHandler GetWorkGroup;
SyncHandler ListWorkGroups;
Handler CreateNamedQuery;
Handler UpdateNamedQuery;
Handler DeleteNamedQuery;
SyncHandler GetNamedQuery;
SyncHandler BatchGetNamedQuery;
SyncHandler ListNamedQueries;
Handler CreatePreparedStatement;
Handler UpdatePreparedStatement;
Handler DeletePreparedStatement;
SyncHandler GetPreparedStatement;
SyncHandler BatchGetPreparedStatement;
SyncHandler ListPreparedStatements;
SyncHandler ListDataCatalogs;
SyncHandler GetDataCatalog;
Handler CreateDataCatalog;
Handler UpdateDataCatalog;
Handler DeleteDataCatalog;
Handler TagResource;
Handler UntagResource;
SyncHandler ListTagsForResource;
SyncHandler ListDatabases;
SyncHandler GetDatabase;
SyncHandler ListTableMetadata;
SyncHandler GetTableMetadata;

/// Returns an engine callback that replies `to_json(result)` on success,
/// else the error as Athena names it.
template <typename T>
Done<T> ReplyAfterCommit(aws::Reply reply, std::function<Json(T)> to_json) {
  return aws::ReplyAfterCommit<T>(std::move(reply), std::move(to_json), &AthenaError::FromEngine);
}

/// Returns an engine callback that replies `{}` on success.
template <typename T>
Done<T> ReplyEmptyAfterCommit(aws::Reply reply) {
  return ReplyAfterCommit<T>(std::move(reply), [](T) { return Json::object(); });
}

/// Runs `start`; replies its error when it fails before handing `reply` on.
template <typename Start>
void StartOrReply(const aws::Reply& reply, Start start) {
  if (Status started = start(); !started.ok()) {
    reply(AthenaError::FromEngine(started));
  }
}

}  // namespace stratus::athena::api
