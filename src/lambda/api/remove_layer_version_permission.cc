#include <utility>

#include "base/random.h"
#include "lambda/api/handlers.h"
#include "lambda/api/layer_json.h"
#include "lambda/api/layer_permissions.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"
#include "lambda/layer_store.h"

namespace stratus::lambda::api {

void RemoveLayerVersionPermission(LambdaEngine& engine,
                                  const aws::RequestContext& /*context*/,
                                  const Json& input,
                                  aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(LayerVersionRef ref, LayerRefOf(engine, input, true));
    STRATUS_ASSIGN_OR_RETURN(std::string statement_id, RequiredString(input, "StatementId"));
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> revision,
                             OptionalString(input, "RevisionId"));
    engine.store().layers().RemovePermission(
        ref.name, ref.version, statement_id, revision.value_or(""), engine.ids().Uuid(),
        [reply = std::move(reply)](Result<std::string> removed) {
          if (!removed.ok()) {
            reply(LayerPolicyError(removed.status()));
            return;
          }
          reply(Json::object());
        });
    return Status::Ok();
  });
}

}  // namespace stratus::lambda::api
