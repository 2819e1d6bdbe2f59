#include <utility>

#include "athena/api/athena_json.h"
#include "athena/api/handlers.h"
#include "athena/api/request_fields.h"
#include "athena/engine.h"
#include "athena/store.h"
#include "base/random.h"

namespace stratus::athena::api {
namespace {

// AWS: ListNamedQueries returns at most 50 ids a page.
constexpr int kMaxListed = 50;

}  // namespace

void CreateNamedQuery(Engine& engine,
                      const aws::RequestContext& /*context*/,
                      const Json& input,
                      aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    NamedQuery query;
    STRATUS_ASSIGN_OR_RETURN(query.name, RequiredString(input, "Name"));
    STRATUS_ASSIGN_OR_RETURN(query.description, StringOr(input, "Description", ""));
    STRATUS_ASSIGN_OR_RETURN(query.database, RequiredString(input, "Database"));
    STRATUS_ASSIGN_OR_RETURN(query.query, RequiredString(input, "QueryString"));
    STRATUS_ASSIGN_OR_RETURN(query.work_group, StringOr(input, "WorkGroup", "primary"));
    STRATUS_ASSIGN_OR_RETURN(query.client_request_token, StringOr(input, "ClientRequestToken", ""));
    query.id = engine.ids().Uuid();
    engine.store().CreateNamedQuery(
        std::move(query), ReplyAfterCommit<NamedQuery>(std::move(reply), [](NamedQuery created) {
          return Json{{"NamedQueryId", created.id}};
        }));
    return Status::Ok();
  });
}

void UpdateNamedQuery(Engine& engine,
                      const aws::RequestContext& /*context*/,
                      const Json& input,
                      aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string id, RequiredString(input, "NamedQueryId"));
    STRATUS_ASSIGN_OR_RETURN(NamedQuery query, engine.store().GetNamedQuery(id));
    STRATUS_ASSIGN_OR_RETURN(query.name, RequiredString(input, "Name"));
    STRATUS_ASSIGN_OR_RETURN(query.description, StringOr(input, "Description", ""));
    STRATUS_ASSIGN_OR_RETURN(query.query, RequiredString(input, "QueryString"));
    engine.store().UpdateNamedQuery(std::move(query),
                                    ReplyEmptyAfterCommit<bool>(std::move(reply)));
    return Status::Ok();
  });
}

void DeleteNamedQuery(Engine& engine,
                      const aws::RequestContext& /*context*/,
                      const Json& input,
                      aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string id, RequiredString(input, "NamedQueryId"));
    engine.store().DeleteNamedQuery(std::move(id), ReplyEmptyAfterCommit<bool>(std::move(reply)));
    return Status::Ok();
  });
}

Result<Json> GetNamedQuery(Engine& engine,
                           const aws::RequestContext& /*context*/,
                           const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string id, RequiredString(input, "NamedQueryId"));
  STRATUS_ASSIGN_OR_RETURN(NamedQuery query, engine.store().GetNamedQuery(id));
  return Json{{"NamedQuery", NamedQueryToJson(query)}};
}

Result<Json> BatchGetNamedQuery(Engine& engine,
                                const aws::RequestContext& /*context*/,
                                const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> ids, StringList(input, "NamedQueryIds"));
  Json out{{"NamedQueries", Json::array()}, {"UnprocessedNamedQueryIds", Json::array()}};
  for (const std::string& id : ids) {
    Result<NamedQuery> query = engine.store().GetNamedQuery(id);
    if (query.ok()) {
      out["NamedQueries"].push_back(NamedQueryToJson(*query));
    } else {
      out["UnprocessedNamedQueryIds"].push_back(Json{{"NamedQueryId", id},
                                                     {"ErrorCode", "INVALID_INPUT"},
                                                     {"ErrorMessage", query.status().message()}});
    }
  }
  return out;
}

Result<Json> ListNamedQueries(Engine& engine,
                              const aws::RequestContext& /*context*/,
                              const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string work_group, StringOr(input, "WorkGroup", "primary"));
  STRATUS_ASSIGN_OR_RETURN(std::string token, StringOr(input, "NextToken", ""));
  STRATUS_ASSIGN_OR_RETURN(int max_results, MaxResultsOf(input, kMaxListed, kMaxListed));
  STRATUS_ASSIGN_OR_RETURN(Page<std::string> page,
                           engine.store().ListNamedQueries(work_group, token, max_results));
  Json out{{"NamedQueryIds", page.items}};
  if (!page.next_token.empty()) {
    out["NextToken"] = page.next_token;
  }
  return out;
}

}  // namespace stratus::athena::api
