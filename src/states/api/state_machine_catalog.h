#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/json.h"
#include "base/result.h"
#include "states/api/resource_tag_cache.h"
#include "states/api/resource_tags.h"
#include "states/api/state_machine_records.h"

namespace stratus {
class Clock;
class IdGenerator;
}  // namespace stratus

namespace stratus::storage {
class Database;
class Transaction;
}  // namespace stratus::storage

namespace stratus::states::api {

struct CreateMachineRequest {
  std::string arn = {};
  std::string name = {};
  StateMachineType type = StateMachineType::kStandard;
  std::string definition = {};
  std::string role_arn = {};
  Json logging = Json::object();
  Json tracing = Json::object();
  Json encryption = Json::object();
  Tags tags = {};
  bool publish = false;
  std::string version_description = {};
  /// The parsed definition. REQUIRES: not null.
  std::shared_ptr<const asl::StateMachine> machine = nullptr;
};

struct CreateMachineOutcome {
  std::string arn = {};
  int64_t created_millis = 0;
  /// Set when the request published a version.
  std::string version_arn = {};
};

struct UpdateMachineRequest {
  std::string arn = {};
  std::optional<std::string> definition = std::nullopt;
  std::shared_ptr<const asl::StateMachine> machine = nullptr;  // With `definition`.
  std::optional<std::string> role_arn = std::nullopt;
  std::optional<Json> logging = std::nullopt;
  std::optional<Json> tracing = std::nullopt;
  std::optional<Json> encryption = std::nullopt;
  bool publish = false;
  std::string version_description = {};
};

struct UpdateMachineOutcome {
  int64_t updated_millis = 0;
  std::string revision_id = {};
  std::string version_arn = {};
};

struct AliasRequest {
  std::string arn = {};
  std::string machine_arn = {};
  std::string name = {};
  std::optional<std::string> description = std::nullopt;
  std::optional<std::vector<RoutingEntry>> routing = std::nullopt;
};

/// State machines, their revisions, versions, aliases and tags: kept in
/// memory (all of them; there are few) and persisted in the states database.
///
/// Every mutation is one Database::Submit work that checks its preconditions
/// with SQL against the open group (so that concurrent requests in one group
/// see each other) and writes; memory changes in the commit's `done`, so
/// readers only ever see committed state. Callbacks run on the database's
/// writer thread and must not block.
///
/// Thread safety: all methods are safe from any thread.
class StateMachineCatalog {
 public:
  StateMachineCatalog(storage::Database& database,
                      const Clock& clock,
                      IdGenerator& ids,
                      DefinitionParser parser);
  StateMachineCatalog(const StateMachineCatalog&) = delete;
  StateMachineCatalog& operator=(const StateMachineCatalog&) = delete;

  /// Loads every machine, version, alias and tag. REQUIRES: migrated database.
  Status Load();

  void Create(CreateMachineRequest request, std::function<void(Result<CreateMachineOutcome>)> done);
  void Update(UpdateMachineRequest request, std::function<void(Result<UpdateMachineOutcome>)> done);
  /// Deletes the machine with its versions, aliases and tags. Unknown ARNs succeed (AWS).
  void Delete(std::string arn, std::function<void(Status)> done);

  /// Publishes the current revision as a version (or returns the latest
  /// version when it already pins that revision). `expected_revision`, when
  /// set, must be the current revision (ConflictException otherwise).
  void Publish(std::string machine_arn,
               std::string description,
               std::optional<std::string> expected_revision,
               std::function<void(Result<VersionRecord>)> done);
  void DeleteVersion(std::string version_arn, std::function<void(Status)> done);

  void CreateAlias(AliasRequest request, std::function<void(Result<AliasRecord>)> done);
  void UpdateAlias(AliasRequest request, std::function<void(Result<AliasRecord>)> done);
  void DeleteAlias(std::string alias_arn, std::function<void(Status)> done);

  /// Adds or replaces tags; removes keys. ResourceNotFound for unknown ARNs.
  void Tag(std::string arn, Tags tags, std::function<void(Status)> done);
  void Untag(std::string arn, std::vector<std::string> keys, std::function<void(Status)> done);
  Result<Tags> TagsOf(std::string_view arn) const;

  std::optional<StateMachineRecord> Find(std::string_view arn) const;
  std::optional<VersionRecord> FindVersion(std::string_view arn) const;
  std::optional<AliasRecord> FindAlias(std::string_view arn) const;

  /// Machines whose ARN starts with `arn_prefix`, by name, after `after_name`.
  std::vector<StateMachineRecord> List(std::string_view arn_prefix,
                                       std::string_view after_name,
                                       size_t limit) const;
  /// Versions of a machine, newest first.
  std::vector<VersionRecord> ListVersions(std::string_view machine_arn) const;
  /// Aliases of a machine, by name.
  std::vector<AliasRecord> ListAliases(std::string_view machine_arn) const;

  /// Returns a revision by id (from memory, else read and parsed from disk).
  Result<std::shared_ptr<const Revision>> FindRevision(std::string_view id);

 private:
  Status LoadRevisions(storage::Transaction& txn);
  Status LoadMachines(storage::Transaction& txn);
  Status LoadVersionsAliasesTags(storage::Transaction& txn);
  std::shared_ptr<const Revision> CachedRevision(std::string_view id) const;
  void RememberRevision(std::shared_ptr<const Revision> revision);
  Result<VersionRecord> PublishInTransaction(storage::Transaction& txn,
                                             const std::string& machine_arn,
                                             const std::string& description);

  storage::Database& database_;
  const Clock& clock_;
  IdGenerator& ids_;
  DefinitionParser parser_;

  mutable std::mutex mu_;
  // Guarded by mu_.
  std::map<std::string, StateMachineRecord, std::less<>> machines_;
  std::map<std::string, VersionRecord, std::less<>> versions_;
  std::map<std::string, AliasRecord, std::less<>> aliases_;
  std::unordered_map<std::string, std::shared_ptr<const Revision>> revisions_;

  ResourceTagCache tags_;  // Locks itself; after mu_ when both are held.
};

}  // namespace stratus::states::api
