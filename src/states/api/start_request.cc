#include "states/api/start_request.h"

#include "base/random.h"
#include "states/api/arn.h"
#include "states/api/errors.h"
#include "states/api/request_fields.h"
#include "states/api/resource_names.h"
#include "states/api/state_machine_catalog.h"
#include "states/api/states_service.h"
#include "states/api/time_scale_override.h"

namespace stratus::states::api {
namespace {

// AWS: "Invalid execution input." for an empty string; the parser's message
// for other non-JSON text (AWS quotes Jackson's; ours differ in wording).
Status CheckInput(const std::string& text) {
  if (text.empty()) {
    return StatesApiError::InvalidExecutionInput("Invalid execution input.");
  }
  Result<Json> parsed = ParseJson(text);
  if (!parsed.ok()) {
    return StatesApiError::InvalidExecutionInput(parsed.status().message());
  }
  return Status::Ok();
}

}  // namespace

Result<PreparedStart> PrepareStart(StatesService& service,
                                   const aws::RequestContext& context,
                                   const Json& input) {
  PreparedStart prepared;
  STRATUS_ASSIGN_OR_RETURN(std::string arn, RequiredString(input, "stateMachineArn"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> name, OptionalString(input, "name"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> text, OptionalString(input, "input"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> trace, OptionalString(input, "traceHeader"));
  if (name.has_value() && !IsValidResourceName(*name)) {
    return StatesApiError::InvalidName(*name);
  }
  if (text.has_value()) {
    STRATUS_RETURN_IF_ERROR(CheckInput(*text));
  }
  STRATUS_ASSIGN_OR_RETURN(prepared.target, ResolveMachineTarget(service, arn));
  const MachineTarget& target = prepared.target;
  STRATUS_ASSIGN_OR_RETURN(StatesArn machine_arn, ParseStatesArn(target.machine.arn));
  const std::string execution_name = name.value_or(service.ids().Uuid());
  const bool express = target.revision->type == StateMachineType::kExpress;
  if (express) {
    prepared.express_id = service.ids().Uuid();
  }
  Result<Tags> tags = service.catalog().TagsOf(target.machine.arn);
  StartRequest& request = prepared.request;
  request.revision = target.revision;
  request.account_id = machine_arn.account_id;
  request.input = text.value_or("{}");
  request.trace_header = trace.value_or("");
  request.options.test_case = target.test_case;
  request.options.host = context.host;
  request.options.time_scale = ExecutionTimeScale(execution_name, tags.ok() ? *tags : Tags());
  interpreter::ExecutionContext& ctx = request.context;
  ctx.execution_arn = MakeExecutionArn(machine_arn, execution_name, prepared.express_id);
  ctx.execution_name = execution_name;
  ctx.state_machine_arn = target.machine.arn;
  ctx.state_machine_name = target.machine.name;
  if (!target.version_arn.empty()) {
    ctx.state_machine_version_arn = target.version_arn;
  }
  if (!target.alias_arn.empty()) {
    ctx.state_machine_alias_arn = target.alias_arn;
  }
  ctx.role_arn = target.revision->role_arn;
  ctx.region = machine_arn.region;
  ctx.type = express ? interpreter::ExecutionType::kExpress : interpreter::ExecutionType::kStandard;
  ctx.record_history = !express;
  return prepared;
}

}  // namespace stratus::states::api
