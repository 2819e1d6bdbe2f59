#include <utility>

#include "athena/api/athena_json.h"
#include "athena/api/handlers.h"
#include "athena/api/request_fields.h"
#include "athena/engine.h"
#include "athena/store.h"
#include "base/clock.h"

namespace stratus::athena::api {
namespace {

Result<PreparedStatement> StatementOf(Engine& engine, const Json& input) {
  PreparedStatement statement;
  STRATUS_ASSIGN_OR_RETURN(statement.name, RequiredString(input, "StatementName"));
  STRATUS_ASSIGN_OR_RETURN(statement.work_group, RequiredString(input, "WorkGroup"));
  STRATUS_ASSIGN_OR_RETURN(statement.query, RequiredString(input, "QueryStatement"));
  STRATUS_ASSIGN_OR_RETURN(statement.description, StringOr(input, "Description", ""));
  statement.last_modified_millis = engine.clock().NowMillis();
  return statement;
}

}  // namespace

void CreatePreparedStatement(Engine& engine,
                             const aws::RequestContext& /*context*/,
                             const Json& input,
                             aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(PreparedStatement statement, StatementOf(engine, input));
    engine.store().CreatePreparedStatement(std::move(statement),
                                           ReplyEmptyAfterCommit<bool>(std::move(reply)));
    return Status::Ok();
  });
}

void UpdatePreparedStatement(Engine& engine,
                             const aws::RequestContext& /*context*/,
                             const Json& input,
                             aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(PreparedStatement statement, StatementOf(engine, input));
    engine.store().UpdatePreparedStatement(std::move(statement),
                                           ReplyEmptyAfterCommit<bool>(std::move(reply)));
    return Status::Ok();
  });
}

void DeletePreparedStatement(Engine& engine,
                             const aws::RequestContext& /*context*/,
                             const Json& input,
                             aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "StatementName"));
    STRATUS_ASSIGN_OR_RETURN(std::string work_group, RequiredString(input, "WorkGroup"));
    engine.store().DeletePreparedStatement(std::move(work_group), std::move(name),
                                           ReplyEmptyAfterCommit<bool>(std::move(reply)));
    return Status::Ok();
  });
}

Result<Json> GetPreparedStatement(Engine& engine,
                                  const aws::RequestContext& /*context*/,
                                  const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "StatementName"));
  STRATUS_ASSIGN_OR_RETURN(std::string work_group, RequiredString(input, "WorkGroup"));
  STRATUS_ASSIGN_OR_RETURN(PreparedStatement statement,
                           engine.store().GetPreparedStatement(work_group, name));
  return Json{{"PreparedStatement", PreparedStatementToJson(statement)}};
}

Result<Json> BatchGetPreparedStatement(Engine& engine,
                                       const aws::RequestContext& /*context*/,
                                       const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> names,
                           StringList(input, "PreparedStatementNames"));
  STRATUS_ASSIGN_OR_RETURN(std::string work_group, RequiredString(input, "WorkGroup"));
  Json out{{"PreparedStatements", Json::array()},
           {"UnprocessedPreparedStatementNames", Json::array()}};
  for (const std::string& name : names) {
    Result<PreparedStatement> statement = engine.store().GetPreparedStatement(work_group, name);
    if (statement.ok()) {
      out["PreparedStatements"].push_back(PreparedStatementToJson(*statement));
    } else {
      out["UnprocessedPreparedStatementNames"].push_back(
          Json{{"StatementName", name},
               {"ErrorCode", "INVALID_INPUT"},
               {"ErrorMessage", statement.status().message()}});
    }
  }
  return out;
}

Result<Json> ListPreparedStatements(Engine& engine,
                                    const aws::RequestContext& /*context*/,
                                    const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string work_group, RequiredString(input, "WorkGroup"));
  STRATUS_ASSIGN_OR_RETURN(std::vector<PreparedStatement> statements,
                           engine.store().ListPreparedStatements(work_group));
  Json out{{"PreparedStatements", Json::array()}};
  for (const PreparedStatement& statement : statements) {
    out["PreparedStatements"].push_back(
        Json{{"StatementName", statement.name},
             {"LastModifiedTime", EpochSeconds(statement.last_modified_millis)}});
  }
  return out;
}

}  // namespace stratus::athena::api
