#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/json.h"

namespace stratus::cloudformation {

/// One resource of a stack as deployed.
struct StackResource {
  std::string logical_id = {};
  std::string type = {};
  std::string physical_id = {};  // Empty until the provider created it.
  std::string ref = {};          // Empty: Ref is physical_id.
  std::string status = {};       // CREATE_COMPLETE, UPDATE_IN_PROGRESS, ...
  std::string status_reason = {};
  Json properties = Json::object();  // Resolved, as last applied.
  Json attributes = Json::object();  // Fn::GetAtt name → value.
  std::string deletion_policy = "Delete";
  Json metadata = nullptr;
  int64_t updated_millis = 0;
  /// A Create whose physical id is not recorded yet (null when none): its
  /// type, generated name ("" when the type has none or the template names
  /// the resource) and resolved properties, as {type, generated_name,
  /// properties}. For a replacement it sits on the resource being replaced.
  /// Written with the intent, before the provider runs; after a crash,
  /// recovery deletes whatever the provider made under that name.
  Json pending = nullptr;
};

/// One stack event, as DescribeStackEvents shows it.
struct StackEvent {
  std::string event_id = {};
  std::string logical_id = {};
  std::string physical_id = {};
  std::string type = {};
  std::string status = {};
  std::string status_reason = {};
  Json properties = nullptr;
  int64_t timestamp_millis = 0;
};

/// A change set: a template and parameters waiting to be executed, with the
/// changes they would make.
struct ChangeSet {
  std::string id = {};  // arn:aws:cloudformation:REGION:ACCOUNT:changeSet/NAME/UUID
  std::string name = {};
  std::string type = "UPDATE";                 // CREATE, UPDATE.
  std::string status = "CREATE_COMPLETE";      // CREATE_COMPLETE, FAILED, DELETE_COMPLETE.
  std::string execution_status = "AVAILABLE";  // AVAILABLE, UNAVAILABLE, EXECUTE_*, OBSOLETE.
  std::string status_reason = {};
  std::string description = {};
  std::string template_text = {};
  std::map<std::string, std::string> parameters = {};
  std::vector<std::string> capabilities = {};
  Json tags = Json::array();
  Json changes = Json::array();  // DescribeChangeSet's Changes.
  int64_t created_millis = 0;
};

/// A stack: its template, parameters, resources, outputs and history.
/// Persisted as one document (docs/formats/cloudformation.md).
struct Stack {
  std::string id = {};
  std::string name = {};
  std::string status = {};
  std::string status_reason = {};
  std::string description = {};
  std::string region = "us-east-1";
  std::string account_id = "000000000000";
  std::string host = "localhost:4566";  // Where the stack was created from (queue URLs).
  std::string template_text = {};
  std::map<std::string, std::string> parameters = {};
  std::vector<std::string> no_echo = {};  // Parameters DescribeStacks masks.
  std::vector<std::string> capabilities = {};
  Json tags = Json::array();
  Json outputs = Json::array();           // [{OutputKey, OutputValue, Description, ExportName}]
  std::vector<std::string> imports = {};  // Export names this stack imports.
  std::map<std::string, StackResource> resources = {};
  std::vector<StackEvent> events = {};  // Oldest first.
  std::vector<ChangeSet> change_sets = {};
  bool disable_rollback = false;
  std::string on_failure = "ROLLBACK";  // ROLLBACK, DELETE, DO_NOTHING.
  bool termination_protection = false;
  int64_t created_millis = 0;
  int64_t updated_millis = 0;  // 0: never updated.
  int64_t deleted_millis = 0;
  /// The operation under way (CREATE, UPDATE, DELETE, or empty), and for an
  /// update what to roll back to: the previous template, parameters,
  /// outputs and resources.
  std::string operation = {};
  Json previous = nullptr;
};

/// Whether a stack status ends an operation (no operation in progress).
bool IsSettledStatus(const std::string& status);

/// Stack documents as stored (docs/formats/cloudformation.md).
Json StackToJson(const Stack& stack);
Stack StackFromJson(const Json& json);
Json ResourceToJson(const StackResource& resource);
StackResource ResourceFromJson(const Json& json);

}  // namespace stratus::cloudformation
