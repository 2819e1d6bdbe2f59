#include <utility>

#include "base/clock.h"
#include "base/format.h"
#include "base/random.h"
#include "lambda/api/code_source.h"
#include "lambda/api/handlers.h"
#include "lambda/api/layer_json.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"
#include "lambda/layer_store.h"

namespace stratus::lambda::api {
namespace {

Result<std::vector<std::string>> StringList(const Json& input, std::string_view member) {
  std::vector<std::string> out;
  if (!input.contains(member) || input[member].is_null()) {
    return out;
  }
  const Json& list = input[member];
  if (!list.is_array()) {
    return LambdaError::InvalidParameter(Format("{} must be a list of strings", member));
  }
  for (const Json& item : list) {
    if (!item.is_string()) {
      return LambdaError::InvalidParameter(Format("{} must be a list of strings", member));
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

}  // namespace

void PublishLayerVersion(LambdaEngine& engine,
                         const aws::RequestContext& /*context*/,
                         const Json& input,
                         aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(LayerVersionRef ref, LayerRefOf(engine, input, false));
    LayerVersion layer{.name = ref.name};
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> description,
                             OptionalString(input, "Description"));
    layer.description = description.value_or("");
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> license,
                             OptionalString(input, "LicenseInfo"));
    layer.license_info = license.value_or("");
    STRATUS_ASSIGN_OR_RETURN(layer.compatible_runtimes, StringList(input, "CompatibleRuntimes"));
    STRATUS_ASSIGN_OR_RETURN(layer.compatible_architectures,
                             StringList(input, "CompatibleArchitectures"));
    STRATUS_ASSIGN_OR_RETURN(Json content, OptionalObject(input, "Content"));
    STRATUS_ASSIGN_OR_RETURN(layer.code, StoreCode(engine, content));
    layer.created_millis = engine.clock().NowMillis();
    layer.policy_revision_id = engine.ids().Uuid();
    engine.store().layers().Publish(
        std::move(layer), [&engine, reply = std::move(reply)](Result<LayerVersion> published) {
          if (!published.ok()) {
            reply(LambdaError::FromEngine(published.status()));
            return;
          }
          reply(LayerVersionToJson(engine, *published, /*list_item=*/false));
        });
    return Status::Ok();
  });
}

}  // namespace stratus::lambda::api
