#pragma once

#include <functional>
#include <utility>
#include <vector>

#include "aws/operation_table.h"
#include "aws/request_context.h"
#include "aws/service_operations.h"
#include "base/json.h"
#include "glue/catalog_types.h"
#include "glue/errors.h"

namespace stratus::glue {
class Engine;
}  // namespace stratus::glue

// One handler per Glue operation, each in its own file named after it. A
// handler reads the model-shaped JSON input, calls the engine and replies
// with the model-shaped output — for writes, after the engine's commit.
// operations.cc binds them to their operation names.
namespace stratus::glue::api {

/// A handler that replies after a commit.
using Handler = aws::CommitHandler<Engine>;

/// A handler that answers at once (reads).
using SyncHandler = aws::ReadHandler<Engine>;

Handler BatchCreatePartition;
Handler BatchDeletePartition;
Handler BatchDeleteTable;
Handler BatchDeleteTableVersion;
SyncHandler BatchGetPartition;
Handler CreateDatabase;
Handler CreatePartition;
Handler CreateTable;
Handler DeleteDatabase;
Handler DeletePartition;
Handler DeleteTable;
Handler DeleteTableVersion;
SyncHandler GetCatalogImportStatus;
SyncHandler GetDatabase;
SyncHandler GetDatabases;
SyncHandler GetPartition;
SyncHandler GetPartitions;
SyncHandler GetTable;
SyncHandler GetTableVersion;
SyncHandler GetTableVersions;
SyncHandler GetTables;
Handler UpdateDatabase;
Handler UpdatePartition;
Handler UpdateTable;

/// Returns an engine callback that replies `to_json(result)` on success,
/// else the error as Glue names it.
template <typename T>
Done<T> ReplyAfterCommit(aws::Reply reply, std::function<Json(T)> to_json) {
  return aws::ReplyAfterCommit<T>(std::move(reply), std::move(to_json), &GlueError::FromEngine);
}

/// Returns an engine callback that replies `{}` on success.
template <typename T>
Done<T> ReplyEmptyAfterCommit(aws::Reply reply) {
  return ReplyAfterCommit<T>(std::move(reply), [](T) { return Json::object(); });
}

/// Returns an engine callback for a batch call made for one entry: replies
/// `{}`, or that entry's error as the call's.
inline Done<std::vector<Status>> ReplySingleAfterCommit(aws::Reply reply) {
  return [reply = std::move(reply)](Result<std::vector<Status>> result) {
    if (!result.ok()) {
      reply(GlueError::FromEngine(result.status()));
    } else if (result->empty() || !result->front().ok()) {
      reply(
          GlueError::FromEngine(result->empty() ? Status::Internal("no result") : result->front()));
    } else {
      reply(Json::object());
    }
  };
}

}  // namespace stratus::glue::api
