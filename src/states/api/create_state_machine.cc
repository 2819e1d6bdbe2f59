#include "states/api/arn.h"
#include "states/api/encryption_configuration.h"
#include "states/api/errors.h"
#include "states/api/handlers.h"
#include "states/api/request_fields.h"
#include "states/api/resource_names.h"
#include "states/api/state_machine_catalog.h"
#include "states/api/states_service.h"
#include "states/api/tag_list.h"

namespace stratus::states::api::handlers {
namespace {

// AWS: describe shows these when the request leaves them out.
Json DefaultLogging() {
  return {{"level", "OFF"}, {"includeExecutionData", false}};
}

Json DefaultTracing() {
  return {{"enabled", false}};
}

Result<CreateMachineRequest> Parse(StatesService& service,
                                   const aws::RequestContext& context,
                                   const Json& input) {
  CreateMachineRequest request;
  STRATUS_ASSIGN_OR_RETURN(request.name, RequiredString(input, "name"));
  if (!IsValidResourceName(request.name)) {
    return StatesApiError::InvalidName(request.name);
  }
  STRATUS_ASSIGN_OR_RETURN(request.definition, RequiredString(input, "definition"));
  STRATUS_ASSIGN_OR_RETURN(request.role_arn, RequiredString(input, "roleArn"));
  // AWS: a roleArn that is not arn:PARTITION:iam::<12 digits>:role/NAME is
  // InvalidArn "Invalid Role Arn: 'X'". Pinned by
  // test/wire/test_stepfunctions.py::test_invalid_role_arn_is_invalid_arn.
  if (!IsValidRoleArn(request.role_arn)) {
    return StatesApiError::InvalidRoleArn(request.role_arn);
  }
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> type, OptionalString(input, "type"));
  if (type.has_value()) {
    std::optional<StateMachineType> parsed = ParseStateMachineType(*type);
    if (!parsed.has_value()) {
      return StatesApiError::ValidationConstraint(
          *type, "type", "Member must satisfy enum value set: [STANDARD, EXPRESS]");
    }
    request.type = *parsed;
  }
  STRATUS_ASSIGN_OR_RETURN(request.logging, OptionalObject(input, "loggingConfiguration"));
  if (request.logging.empty()) {
    request.logging = DefaultLogging();
  }
  STRATUS_ASSIGN_OR_RETURN(request.tracing, OptionalObject(input, "tracingConfiguration"));
  if (request.tracing.empty()) {
    request.tracing = DefaultTracing();
  }
  STRATUS_ASSIGN_OR_RETURN(std::optional<Json> encryption, ParseEncryptionConfiguration(input));
  request.encryption = encryption.value_or(DefaultEncryptionConfiguration());
  STRATUS_ASSIGN_OR_RETURN(request.publish, OptionalBool(input, "publish", false));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> description,
                           OptionalString(input, "versionDescription"));
  if (description.has_value() && !request.publish) {
    return StatesApiError::Validation("Version description can only be set when publish is true");
  }
  request.version_description = description.value_or("");
  STRATUS_ASSIGN_OR_RETURN(request.machine,
                           service.ParseDefinition(request.definition, request.type));
  STRATUS_ASSIGN_OR_RETURN(request.tags, ParseTagList(input.value("tags", Json())));
  request.arn = MakeStateMachineArn(context.region, context.account_id, request.name);
  return request;
}

}  // namespace

void CreateStateMachine(StatesService& service,
                        const aws::RequestContext& context,
                        Json input,
                        aws::Reply reply) {
  Result<CreateMachineRequest> request = Parse(service, context, input);
  if (!request.ok()) {
    reply(request.status());
    return;
  }
  service.catalog().Create(
      std::move(request).value(), [reply = std::move(reply)](Result<CreateMachineOutcome> outcome) {
        if (!outcome.ok()) {
          reply(StatesApiError::FromEngine(outcome.status()));
          return;
        }
        Json output = {{"stateMachineArn", outcome->arn},
                       {"creationDate", EpochSeconds(outcome->created_millis)}};
        if (!outcome->version_arn.empty()) {
          output["stateMachineVersionArn"] = outcome->version_arn;
        }
        reply(std::move(output));
      });
}

}  // namespace stratus::states::api::handlers
