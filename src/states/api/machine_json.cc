#include "states/api/machine_json.h"

#include "states/api/request_fields.h"
#include "states/api/variable_references.h"

namespace stratus::states::api {

// AWS: METADATA_ONLY answers the definition as "{}" (DescribeStateMachineOutput
// docs) and without the variables it references.
void AddDefinition(const std::string& definition, bool include_definition, Json& output) {
  if (!include_definition) {
    output["definition"] = "{}";
    return;
  }
  output["definition"] = definition;
  Result<Json> parsed = ParseJson(definition);
  if (parsed.ok()) {
    Json references = VariableReferences(*parsed);
    if (!references.empty()) {
      output["variableReferences"] = std::move(references);
    }
  }
}

namespace {

void AddRevision(const Revision& revision, bool include_definition, Json& output) {
  AddDefinition(revision.definition, include_definition, output);
  output["roleArn"] = revision.role_arn;
  output["type"] = std::string(StateMachineTypeName(revision.type));
  output["loggingConfiguration"] = revision.logging;
  output["tracingConfiguration"] = revision.tracing;
  // A machine created without one holds the AWS-owned key
  // (encryption_configuration.h), as do revisions from before states.db v4.
  output["encryptionConfiguration"] = revision.encryption;
}

}  // namespace

// AWS: revisionId appears once the machine has been updated (recorded
// snapshots test_sfn_api::test_create_update_state_machine_*).
Json DescribeMachineJson(const StateMachineRecord& machine, bool include_definition) {
  Json output = {{"stateMachineArn", machine.arn},
                 {"name", machine.name},
                 {"status", "ACTIVE"},
                 {"creationDate", EpochSeconds(machine.created_millis)}};
  AddRevision(*machine.revision, include_definition, output);
  if (machine.revised) {
    output["revisionId"] = machine.revision->id;
  }
  return output;
}

Json DescribeVersionJson(const StateMachineRecord& machine,
                         const VersionRecord& version,
                         bool include_definition) {
  Json output = {{"stateMachineArn", version.arn},
                 {"name", machine.name},
                 {"status", "ACTIVE"},
                 {"creationDate", EpochSeconds(version.created_millis)},
                 {"revisionId", version.revision->id}};
  AddRevision(*version.revision, include_definition, output);
  if (!version.description.empty()) {
    output["description"] = version.description;
  }
  return output;
}

Json MachineListItemJson(const StateMachineRecord& machine) {
  return {{"stateMachineArn", machine.arn},
          {"name", machine.name},
          {"type", std::string(StateMachineTypeName(machine.type))},
          {"creationDate", EpochSeconds(machine.created_millis)}};
}

Json RoutingJson(const std::vector<RoutingEntry>& routing) {
  Json list = Json::array();
  for (const RoutingEntry& entry : routing) {
    list.push_back({{"stateMachineVersionArn", entry.version_arn}, {"weight", entry.weight}});
  }
  return list;
}

}  // namespace stratus::states::api
