#include "cloudformation/engine/stack.h"

namespace stratus::cloudformation {
namespace {

Json EventToJson(const StackEvent& event) {
  return Json{{"id", event.event_id},
              {"logical_id", event.logical_id},
              {"physical_id", event.physical_id},
              {"type", event.type},
              {"status", event.status},
              {"reason", event.status_reason},
              {"properties", event.properties},
              {"at", event.timestamp_millis}};
}

StackEvent EventFromJson(const Json& json) {
  return StackEvent{.event_id = json.value("id", ""),
                    .logical_id = json.value("logical_id", ""),
                    .physical_id = json.value("physical_id", ""),
                    .type = json.value("type", ""),
                    .status = json.value("status", ""),
                    .status_reason = json.value("reason", ""),
                    .properties = json.value("properties", Json()),
                    .timestamp_millis = json.value("at", int64_t{0})};
}

Json ChangeSetToJson(const ChangeSet& change_set) {
  return Json{{"id", change_set.id},
              {"name", change_set.name},
              {"type", change_set.type},
              {"status", change_set.status},
              {"execution_status", change_set.execution_status},
              {"reason", change_set.status_reason},
              {"description", change_set.description},
              {"template", change_set.template_text},
              {"parameters", change_set.parameters},
              {"capabilities", change_set.capabilities},
              {"tags", change_set.tags},
              {"changes", change_set.changes},
              {"created", change_set.created_millis}};
}

ChangeSet ChangeSetFromJson(const Json& json) {
  return ChangeSet{.id = json.value("id", ""),
                   .name = json.value("name", ""),
                   .type = json.value("type", "UPDATE"),
                   .status = json.value("status", ""),
                   .execution_status = json.value("execution_status", ""),
                   .status_reason = json.value("reason", ""),
                   .description = json.value("description", ""),
                   .template_text = json.value("template", ""),
                   .parameters = json.value("parameters", std::map<std::string, std::string>()),
                   .capabilities = json.value("capabilities", std::vector<std::string>()),
                   .tags = json.value("tags", Json::array()),
                   .changes = json.value("changes", Json::array()),
                   .created_millis = json.value("created", int64_t{0})};
}

}  // namespace

bool IsSettledStatus(const std::string& status) {
  return status.size() < 12 || status.compare(status.size() - 12, 12, "_IN_PROGRESS") != 0;
}

Json ResourceToJson(const StackResource& resource) {
  return Json{{"logical_id", resource.logical_id},
              {"type", resource.type},
              {"physical_id", resource.physical_id},
              {"ref", resource.ref},
              {"status", resource.status},
              {"reason", resource.status_reason},
              {"properties", resource.properties},
              {"attributes", resource.attributes},
              {"deletion_policy", resource.deletion_policy},
              {"metadata", resource.metadata},
              {"updated", resource.updated_millis},
              {"pending", resource.pending}};
}

StackResource ResourceFromJson(const Json& json) {
  return StackResource{.logical_id = json.value("logical_id", ""),
                       .type = json.value("type", ""),
                       .physical_id = json.value("physical_id", ""),
                       .ref = json.value("ref", ""),
                       .status = json.value("status", ""),
                       .status_reason = json.value("reason", ""),
                       .properties = json.value("properties", Json::object()),
                       .attributes = json.value("attributes", Json::object()),
                       .deletion_policy = json.value("deletion_policy", "Delete"),
                       .metadata = json.value("metadata", Json()),
                       .updated_millis = json.value("updated", int64_t{0}),
                       .pending = json.value("pending", Json())};
}

Json StackToJson(const Stack& stack) {
  Json resources = Json::object();
  for (const auto& [id, resource] : stack.resources) {
    resources[id] = ResourceToJson(resource);
  }
  Json events = Json::array();
  for (const StackEvent& event : stack.events) {
    events.push_back(EventToJson(event));
  }
  Json change_sets = Json::array();
  for (const ChangeSet& change_set : stack.change_sets) {
    change_sets.push_back(ChangeSetToJson(change_set));
  }
  return Json{{"version", 2},
              {"id", stack.id},
              {"name", stack.name},
              {"status", stack.status},
              {"reason", stack.status_reason},
              {"description", stack.description},
              {"region", stack.region},
              {"account_id", stack.account_id},
              {"host", stack.host},
              {"template", stack.template_text},
              {"parameters", stack.parameters},
              {"no_echo", stack.no_echo},
              {"capabilities", stack.capabilities},
              {"tags", stack.tags},
              {"outputs", stack.outputs},
              {"imports", stack.imports},
              {"resources", std::move(resources)},
              {"events", std::move(events)},
              {"change_sets", std::move(change_sets)},
              {"disable_rollback", stack.disable_rollback},
              {"on_failure", stack.on_failure},
              {"termination_protection", stack.termination_protection},
              {"created", stack.created_millis},
              {"updated", stack.updated_millis},
              {"deleted", stack.deleted_millis},
              {"operation", stack.operation},
              {"previous", stack.previous}};
}

Stack StackFromJson(const Json& json) {
  Stack stack;
  stack.id = json.value("id", "");
  stack.name = json.value("name", "");
  stack.status = json.value("status", "");
  stack.status_reason = json.value("reason", "");
  stack.description = json.value("description", "");
  stack.region = json.value("region", "us-east-1");
  stack.account_id = json.value("account_id", "000000000000");
  stack.host = json.value("host", "localhost:4566");
  stack.template_text = json.value("template", "");
  stack.parameters = json.value("parameters", std::map<std::string, std::string>());
  stack.no_echo = json.value("no_echo", std::vector<std::string>());
  stack.capabilities = json.value("capabilities", std::vector<std::string>());
  stack.tags = json.value("tags", Json::array());
  stack.outputs = json.value("outputs", Json::array());
  stack.imports = json.value("imports", std::vector<std::string>());
  const Json resources = json.value("resources", Json::object());
  for (const auto& [id, resource] : resources.items()) {
    stack.resources[id] = ResourceFromJson(resource);
  }
  for (const Json& event : json.value("events", Json::array())) {
    stack.events.push_back(EventFromJson(event));
  }
  for (const Json& change_set : json.value("change_sets", Json::array())) {
    stack.change_sets.push_back(ChangeSetFromJson(change_set));
  }
  stack.disable_rollback = json.value("disable_rollback", false);
  stack.on_failure = json.value("on_failure", "ROLLBACK");
  stack.termination_protection = json.value("termination_protection", false);
  stack.created_millis = json.value("created", int64_t{0});
  stack.updated_millis = json.value("updated", int64_t{0});
  stack.deleted_millis = json.value("deleted", int64_t{0});
  stack.operation = json.value("operation", "");
  stack.previous = json.value("previous", Json());
  return stack;
}

}  // namespace stratus::cloudformation
