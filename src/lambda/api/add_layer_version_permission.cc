#include <utility>

#include "base/format.h"
#include "base/random.h"
#include "lambda/api/handlers.h"
#include "lambda/api/layer_json.h"
#include "lambda/api/layer_permissions.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"
#include "lambda/layer_store.h"

namespace stratus::lambda::api {
namespace {

// AWS: "*" stays "*", an account id becomes its root ARN.
Json LayerPrincipal(const std::string& principal) {
  if (principal == "*") {
    return principal;
  }
  if (principal.size() == 12 && principal.find_first_not_of("0123456789") == std::string::npos) {
    return Json{{"AWS", Format("arn:aws:iam::{}:root", principal)}};
  }
  return Json{{"AWS", principal}};
}

}  // namespace

void AddLayerVersionPermission(LambdaEngine& engine,
                               const aws::RequestContext& /*context*/,
                               const Json& input,
                               aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(LayerVersionRef ref, LayerRefOf(engine, input, true));
    STRATUS_ASSIGN_OR_RETURN(std::string statement_id, RequiredString(input, "StatementId"));
    STRATUS_ASSIGN_OR_RETURN(std::string action, RequiredString(input, "Action"));
    STRATUS_ASSIGN_OR_RETURN(std::string principal, RequiredString(input, "Principal"));
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> organization,
                             OptionalString(input, "OrganizationId"));
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> revision,
                             OptionalString(input, "RevisionId"));
    if (action != "lambda:GetLayerVersion") {
      // AWS: the only action a layer policy grants.
      return LambdaError::InvalidParameter(Format(
          "1 validation error detected: Value '{}' at 'action' failed to satisfy constraint: "
          "Member must satisfy regular expression pattern: lambda:GetLayerVersion",
          action));
    }
    Json statement{{"Sid", statement_id},
                   {"Effect", "Allow"},
                   {"Principal", LayerPrincipal(principal)},
                   {"Action", action},
                   {"Resource", LayerVersionArn(engine, ref.name, ref.version)}};
    if (organization.has_value()) {
      statement["Condition"] = {{"StringEquals", {{"aws:PrincipalOrgID", *organization}}}};
    }
    std::string text = DumpJson(statement);
    engine.store().layers().AddPermission(
        ref.name, ref.version, statement_id, text, revision.value_or(""), engine.ids().Uuid(),
        [text, reply = std::move(reply)](Result<std::string> added) {
          if (!added.ok()) {
            reply(LayerPolicyError(added.status()));
            return;
          }
          reply(Json{{"Statement", text}, {"RevisionId", *added}});
        });
    return Status::Ok();
  });
}

}  // namespace stratus::lambda::api
