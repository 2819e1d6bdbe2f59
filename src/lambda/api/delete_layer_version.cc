#include <utility>

#include "lambda/api/handlers.h"
#include "lambda/api/layer_json.h"
#include "lambda/engine.h"
#include "lambda/layer_store.h"

namespace stratus::lambda::api {

// AWS: deleting a layer version that does not exist succeeds; functions that
// use the version keep its content (the store keeps it with them).
void DeleteLayerVersion(LambdaEngine& engine,
                        const aws::RequestContext& /*context*/,
                        const Json& input,
                        aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(LayerVersionRef ref, LayerRefOf(engine, input, true));
    engine.store().layers().Delete(ref.name, ref.version,
                                   [reply = std::move(reply)](Result<bool> deleted) {
                                     if (!deleted.ok()) {
                                       reply(LambdaError::FromEngine(deleted.status()));
                                       return;
                                     }
                                     reply(Json::object());
                                   });
    return Status::Ok();
  });
}

}  // namespace stratus::lambda::api
