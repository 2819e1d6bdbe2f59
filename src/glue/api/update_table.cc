#include <charconv>

#include "glue/api/catalog_json.h"
#include "glue/api/handlers.h"
#include "glue/api/request_fields.h"
#include "glue/engine.h"

namespace stratus::glue::api {
namespace {

// AWS: a VersionId that is not the table's current one (numeric or not)
// fails with ConcurrentModificationException.
int64_t ParseVersion(const std::string& text) {
  int64_t version = -1;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), version);
  return error == std::errc() && end == text.data() + text.size() ? version : -1;
}

Status Start(Engine& engine,
             const aws::RequestContext& context,
             const Json& input,
             aws::Reply& reply) {
  STRATUS_ASSIGN_OR_RETURN(DatabaseRef database, DatabaseRefOf(context, input));
  STRATUS_ASSIGN_OR_RETURN(Json table_input, RequiredObject(input, "TableInput"));
  STRATUS_ASSIGN_OR_RETURN(TableDefinition definition, TableFromJson(table_input));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> name, OptionalString(input, "Name"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<bool> skip_archive, OptionalBool(input, "SkipArchive"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> version_id,
                           OptionalString(input, "VersionId"));
  UpdateTableRequest request{.table = TableRef{.catalog_id = std::move(database.catalog_id),
                                               .database = std::move(database.name),
                                               .name = name.value_or(definition.name)},
                             .definition = std::move(definition),
                             .skip_archive = skip_archive.value_or(false)};
  if (version_id.has_value()) {
    request.expected_version = ParseVersion(*version_id);
  }
  engine.UpdateTable(std::move(request), ReplyEmptyAfterCommit<Table>(std::move(reply)));
  return Status::Ok();
}

}  // namespace

void UpdateTable(Engine& engine,
                 const aws::RequestContext& context,
                 const Json& input,
                 aws::Reply reply) {
  if (Status started = Start(engine, context, input, reply); !started.ok()) {
    reply(GlueError::FromEngine(started));
  }
}

}  // namespace stratus::glue::api
