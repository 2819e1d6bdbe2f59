#include <utility>

#include "base/format.h"
#include "lambda/api/function_lookup.h"
#include "lambda/api/handlers.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"

namespace stratus::lambda::api {
namespace {

// AWS: a service principal ("s3.amazonaws.com") stays a Service principal,
// an account id becomes its root ARN, an ARN an AWS principal.
Json PrincipalOf(const std::string& principal) {
  if (principal == "*") {
    return principal;
  }
  if (principal.size() == 12 && principal.find_first_not_of("0123456789") == std::string::npos) {
    return Json{{"AWS", Format("arn:aws:iam::{}:root", principal)}};
  }
  if (principal.starts_with("arn:")) {
    return Json{{"AWS", principal}};
  }
  return Json{{"Service", principal}};
}

Result<Json> Statement(const LambdaEngine& engine, const std::string& resource, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string statement_id, RequiredString(input, "StatementId"));
  STRATUS_ASSIGN_OR_RETURN(std::string action, RequiredString(input, "Action"));
  STRATUS_ASSIGN_OR_RETURN(std::string principal, RequiredString(input, "Principal"));
  Json statement = {{"Sid", statement_id},
                    {"Effect", "Allow"},
                    {"Principal", PrincipalOf(principal)},
                    {"Action", action},
                    {"Resource", engine.QualifiedArn(resource)}};
  Json condition = Json::object();
  for (const auto& [member, test, key] :
       {std::tuple{"SourceArn", "ArnLike", "AWS:SourceArn"},
        std::tuple{"SourceAccount", "StringEquals", "AWS:SourceAccount"},
        std::tuple{"PrincipalOrgID", "StringEquals", "aws:PrincipalOrgID"},
        std::tuple{"FunctionUrlAuthType", "StringEquals", "lambda:FunctionUrlAuthType"},
        std::tuple{"EventSourceToken", "StringEquals", "lambda:EventSourceToken"}}) {
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> value, OptionalString(input, member));
    if (value.has_value()) {
      condition[test][key] = *value;
    }
  }
  if (!condition.empty()) {
    statement["Condition"] = condition;
  }
  return statement;
}

}  // namespace

void AddPermission(LambdaEngine& engine,
                   const aws::RequestContext& /*context*/,
                   const Json& input,
                   aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(FunctionTarget target,
                             FunctionTargetOf(input, engine.FunctionArn("")));
    // A qualified function (a version or an alias) has a policy of its own.
    STRATUS_RETURN_IF_ERROR(FindTarget(engine, target).status());
    const std::string name = PolicyKey(target);
    STRATUS_ASSIGN_OR_RETURN(Json statement, Statement(engine, name, input));
    std::string text = DumpJson(statement);
    engine.store().AddPermission(
        name, statement["Sid"].get<std::string>(), text,
        [&engine, name, text, reply = std::move(reply)](Result<bool> added) {
          if (!added.ok()) {
            reply(FunctionStatus(engine, name, added.status()));
            return;
          }
          // AWS: AddPermission answers 201 with the statement as JSON text.
          reply(Json{{"Statement", text}});
        });
    return Status::Ok();
  });
}

}  // namespace stratus::lambda::api
