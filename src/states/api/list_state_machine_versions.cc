#include <charconv>

#include "states/api/arn.h"
#include "states/api/errors.h"
#include "states/api/handlers.h"
#include "states/api/list_pages.h"
#include "states/api/request_fields.h"
#include "states/api/state_machine_catalog.h"
#include "states/api/states_service.h"

namespace stratus::states::api::handlers {
namespace {

Result<Json> List(StatesService& service, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string arn, RequiredString(input, "stateMachineArn"));
  STRATUS_ASSIGN_OR_RETURN(StatesArn parsed, ParseStatesArn(arn));
  if (parsed.kind != ArnKind::kStateMachine) {
    return StatesApiError::InvalidArn(arn);
  }
  STRATUS_ASSIGN_OR_RETURN(ListPage page, ListPage::Read(input, "stateMachineVersions", {arn}));
  // Versions are listed newest first; a position is a version number and the
  // next page holds the versions below it.
  int64_t below = INT64_MAX;
  std::from_chars(page.after().data(), page.after().data() + page.after().size(), below);
  for (const VersionRecord& version : service.catalog().ListVersions(arn)) {
    if (version.version >= below) {
      continue;
    }
    Json item = {{"stateMachineVersionArn", version.arn},
                 {"creationDate", EpochSeconds(version.created_millis)}};
    if (!page.Add(std::move(item), std::to_string(version.version))) {
      break;
    }
  }
  return std::move(page).Finish();
}

}  // namespace

void ListStateMachineVersions(StatesService& service,
                              const aws::RequestContext& /*context*/,
                              Json input,
                              aws::Reply reply) {
  reply(List(service, input));
}

}  // namespace stratus::states::api::handlers
