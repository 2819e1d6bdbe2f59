#include "states/api/machine_target.h"

#include "base/format.h"
#include "base/random.h"
#include "states/api/arn.h"
#include "states/api/errors.h"
#include "states/api/state_machine_catalog.h"
#include "states/api/states_service.h"
#include "states/integrations/mock_config.h"

namespace stratus::states::api {
namespace {

// Picks a version from an alias' weighted routing.
std::string PickVersion(const AliasRecord& alias, IdGenerator& ids) {
  if (alias.routing.empty()) {
    return {};
  }
  int64_t draw = static_cast<int64_t>(ids.Uniform(100));
  for (const RoutingEntry& entry : alias.routing) {
    if (draw < entry.weight) {
      return entry.version_arn;
    }
    draw -= entry.weight;
  }
  return alias.routing.back().version_arn;
}

}  // namespace

Result<MachineTarget> ResolveMachineTarget(StatesService& service, std::string_view arn) {
  MachineTarget target;
  std::string_view bare = arn;
  if (const size_t hash = arn.find('#'); hash != std::string_view::npos) {
    target.test_case = std::string(arn.substr(hash + 1));
    bare = arn.substr(0, hash);
  }
  STRATUS_ASSIGN_OR_RETURN(StatesArn parsed, ParseStatesArn(bare));
  StateMachineCatalog& catalog = service.catalog();
  switch (parsed.kind) {
    case ArnKind::kStateMachine:
      break;
    case ArnKind::kStateMachineVersion:
      target.version_arn = std::string(bare);
      break;
    case ArnKind::kStateMachineAlias: {
      std::optional<AliasRecord> alias = catalog.FindAlias(bare);
      if (!alias.has_value()) {
        return StatesApiError::StateMachineDoesNotExist(bare);
      }
      target.alias_arn = std::string(bare);
      target.version_arn = PickVersion(*alias, service.ids());
      break;
    }
    default:
      return StatesApiError::InvalidArn(
          Format("Resource type not valid in this context: {}", bare));
  }
  std::optional<StateMachineRecord> machine = catalog.Find(parsed.StateMachineArn());
  if (!machine.has_value()) {
    return StatesApiError::StateMachineDoesNotExist(bare);
  }
  target.machine = std::move(*machine);
  target.revision = target.machine.revision;
  if (!target.version_arn.empty()) {
    std::optional<VersionRecord> version = catalog.FindVersion(target.version_arn);
    if (!version.has_value()) {
      return StatesApiError::StateMachineDoesNotExist(target.version_arn);
    }
    target.revision = version->revision;
  }
  if (!target.test_case.empty()) {
    const integrations::MockConfig* mocks = service.mocks();
    if (mocks == nullptr || !mocks->HasTestCase(target.machine.name, target.test_case)) {
      return StatesApiError::Validation(
          Format("Test case '{}' is not defined for state machine '{}' in the mock "
                 "configuration",
                 target.test_case, target.machine.name));
    }
  }
  return target;
}

}  // namespace stratus::states::api
