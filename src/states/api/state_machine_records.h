#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/result.h"

namespace stratus::states::asl {
struct StateMachine;
}  // namespace stratus::states::asl

namespace stratus::states::api {

/// "type" of a state machine. Do not reorder: values are stored on disk.
enum class StateMachineType : uint8_t { kStandard = 0, kExpress = 1 };

/// Returns "STANDARD" or "EXPRESS".
std::string_view StateMachineTypeName(StateMachineType type);

/// Parses "STANDARD"/"EXPRESS"; nullopt otherwise.
std::optional<StateMachineType> ParseStateMachineType(std::string_view text);

/// One immutable revision of a state machine: what UpdateStateMachine
/// changes and what a version or an execution pins. Shared by the machine,
/// its versions and every execution started on it.
struct Revision {
  /// A UUID; "revisionId" on the wire once the machine has been updated.
  std::string id = {};
  std::string machine_arn = {};
  StateMachineType type = StateMachineType::kStandard;
  /// The definition text exactly as the client sent it.
  std::string definition = {};
  std::string role_arn = {};
  /// "loggingConfiguration", "tracingConfiguration" and
  /// "encryptionConfiguration", model-shaped.
  Json logging = Json::object();
  Json tracing = Json::object();
  Json encryption = Json::object();
  int64_t updated_millis = 0;
  /// The parsed, validated definition.
  std::shared_ptr<const asl::StateMachine> machine = nullptr;
};

/// A state machine as DescribeStateMachine shows it.
struct StateMachineRecord {
  std::string arn = {};
  std::string name = {};
  StateMachineType type = StateMachineType::kStandard;
  int64_t created_millis = 0;
  std::shared_ptr<const Revision> revision = nullptr;
  /// True once UpdateStateMachine changed the machine (AWS shows revisionId then).
  bool revised = false;
  /// The number the next PublishStateMachineVersion gets.
  int64_t next_version = 1;
};

/// A published version: arn = machine ARN + ":" + number.
struct VersionRecord {
  std::string arn = {};
  std::string machine_arn = {};
  int64_t version = 0;
  std::string description = {};
  int64_t created_millis = 0;
  std::shared_ptr<const Revision> revision = nullptr;
};

/// One element of an alias' "routingConfiguration".
struct RoutingEntry {
  std::string version_arn = {};
  int64_t weight = 0;

  friend bool operator==(const RoutingEntry&, const RoutingEntry&) = default;
};

/// An alias: arn = machine ARN + ":" + name.
struct AliasRecord {
  std::string arn = {};
  std::string machine_arn = {};
  std::string name = {};
  std::string description = {};
  std::vector<RoutingEntry> routing = {};
  int64_t created_millis = 0;
  int64_t updated_millis = 0;
};

/// Parses and validates a definition for a machine of `type`; InvalidDefinition
/// (AWS-tagged) when it is not valid. Injected so that the catalog does not
/// depend on how definitions are checked.
using DefinitionParser = std::function<Result<std::shared_ptr<const asl::StateMachine>>(
    std::string_view definition, StateMachineType type)>;

}  // namespace stratus::states::api
