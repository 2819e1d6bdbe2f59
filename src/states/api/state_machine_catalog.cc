#include "states/api/state_machine_catalog.h"

#include <algorithm>
#include <utility>

#include "base/clock.h"
#include "base/format.h"
#include "base/random.h"
#include "states/api/errors.h"
#include "states/api/log.h"
#include "states/api/named_records.h"
#include "states/api/resource_tags.h"
#include "storage/database.h"

namespace stratus::states::api {
namespace {

using storage::Row;
using storage::Transaction;

Json ParseJsonColumn(const std::string& text) {
  Result<Json> parsed = ParseJson(text);
  return parsed.ok() ? std::move(parsed).value() : Json::object();
}

std::string RoutingToText(const std::vector<RoutingEntry>& routing) {
  Json list = Json::array();
  for (const RoutingEntry& entry : routing) {
    list.push_back({{"stateMachineVersionArn", entry.version_arn}, {"weight", entry.weight}});
  }
  return DumpJson(list);
}

std::vector<RoutingEntry> RoutingFromText(const std::string& text) {
  std::vector<RoutingEntry> routing;
  for (const Json& entry : ParseJsonColumn(text)) {
    routing.push_back(RoutingEntry{.version_arn = entry.value("stateMachineVersionArn", ""),
                                   .weight = entry.value("weight", int64_t{0})});
  }
  return routing;
}

Status InsertRevision(Transaction& txn, const Revision& revision) {
  return txn
      .Exec(
          "INSERT OR REPLACE INTO revisions (revision_id, machine_arn, type, definition, role_arn, "
          "logging, tracing, updated_millis, encryption) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
          "?9)",
          {revision.id, revision.machine_arn, static_cast<int64_t>(revision.type),
           revision.definition, revision.role_arn, DumpJson(revision.logging),
           DumpJson(revision.tracing), revision.updated_millis, DumpJson(revision.encryption)})
      .status();
}

// Reads the revision row `id`; nullopt when absent.
Result<std::optional<Revision>> ReadRevision(Transaction& txn, std::string_view id) {
  std::optional<Revision> found;
  STRATUS_RETURN_IF_ERROR(
      txn.Query("SELECT revision_id, machine_arn, type, definition, role_arn, logging, tracing, "
                "updated_millis, encryption FROM revisions WHERE revision_id = ?1",
                {std::string(id)}, [&found](const Row& row) {
                  found = Revision{.id = row.GetText(0),
                                   .machine_arn = row.GetText(1),
                                   .type = static_cast<StateMachineType>(row.GetInt(2)),
                                   .definition = row.GetText(3),
                                   .role_arn = row.GetText(4),
                                   .logging = ParseJsonColumn(row.GetText(5)),
                                   .tracing = ParseJsonColumn(row.GetText(6)),
                                   .encryption = ParseJsonColumn(row.GetText(8)),
                                   .updated_millis = row.GetInt(7),
                                   .machine = nullptr};
                  return Status::Ok();
                }));
  return found;
}

struct MachineRow {
  std::string revision_id = {};
  int64_t created_millis = 0;
  int64_t next_version = 1;
  bool revised = false;
};

Result<std::optional<MachineRow>> ReadMachineRow(Transaction& txn, const std::string& arn) {
  std::optional<MachineRow> found;
  STRATUS_RETURN_IF_ERROR(
      txn.Query("SELECT revision_id, created_millis, next_version, revised FROM state_machines "
                "WHERE arn = ?1",
                {arn}, [&found](const Row& row) {
                  found = MachineRow{.revision_id = row.GetText(0),
                                     .created_millis = row.GetInt(1),
                                     .next_version = row.GetInt(2),
                                     .revised = row.GetInt(3) != 0};
                  return Status::Ok();
                }));
  return found;
}

bool SameConfiguration(const Revision& existing, const CreateMachineRequest& request) {
  return existing.definition == request.definition && existing.role_arn == request.role_arn &&
         existing.type == request.type && existing.logging == request.logging &&
         existing.tracing == request.tracing && existing.encryption == request.encryption;
}

}  // namespace

StateMachineCatalog::StateMachineCatalog(storage::Database& database,
                                         const Clock& clock,
                                         IdGenerator& ids,
                                         DefinitionParser parser)
    : database_(database),
      clock_(clock),
      ids_(ids),
      parser_(std::move(parser)),
      tags_(database, "state_machines") {}

// ---------------------------------------------------------------------------
// Loading.

Status StateMachineCatalog::Load() {
  return database_.Read([this](Transaction& txn) {
    STRATUS_RETURN_IF_ERROR(LoadRevisions(txn));
    STRATUS_RETURN_IF_ERROR(LoadMachines(txn));
    return LoadVersionsAliasesTags(txn);
  });
}

Status StateMachineCatalog::LoadRevisions(Transaction& txn) {
  // Only revisions a machine or version points at; executions load theirs on demand.
  std::vector<std::string> ids;
  STRATUS_RETURN_IF_ERROR(
      txn.Query("SELECT revision_id FROM state_machines UNION SELECT revision_id FROM versions", {},
                [&ids](const Row& row) {
                  ids.push_back(row.GetText(0));
                  return Status::Ok();
                }));
  for (const std::string& id : ids) {
    STRATUS_ASSIGN_OR_RETURN(std::optional<Revision> revision, ReadRevision(txn, id));
    if (!revision.has_value()) {
      return Status::Corruption(Format("states.db: revision {} is missing", id));
    }
    Result<std::shared_ptr<const asl::StateMachine>> parsed =
        parser_(revision->definition, revision->type);
    if (!parsed.ok()) {
      kStatesLog.Error("stored definition no longer parses revision={} error={}", id,
                       parsed.status().message());
      continue;
    }
    revision->machine = std::move(parsed).value();
    revisions_[id] = std::make_shared<const Revision>(std::move(*revision));
  }
  return Status::Ok();
}

Status StateMachineCatalog::LoadMachines(Transaction& txn) {
  return txn.Query(
      "SELECT arn, name, type, created_millis, revision_id, revised, next_version "
      "FROM state_machines",
      {}, [this](const Row& row) {
        StateMachineRecord record{.arn = row.GetText(0),
                                  .name = row.GetText(1),
                                  .type = static_cast<StateMachineType>(row.GetInt(2)),
                                  .created_millis = row.GetInt(3),
                                  .revision = CachedRevision(row.GetText(4)),
                                  .revised = row.GetInt(5) != 0,
                                  .next_version = row.GetInt(6)};
        if (record.revision != nullptr) {
          machines_[record.arn] = std::move(record);
        }
        return Status::Ok();
      });
}

Status StateMachineCatalog::LoadVersionsAliasesTags(Transaction& txn) {
  STRATUS_RETURN_IF_ERROR(txn.Query(
      "SELECT arn, machine_arn, version, description, created_millis, revision_id FROM versions",
      {}, [this](const Row& row) {
        VersionRecord record{.arn = row.GetText(0),
                             .machine_arn = row.GetText(1),
                             .version = row.GetInt(2),
                             .description = row.GetText(3),
                             .created_millis = row.GetInt(4),
                             .revision = CachedRevision(row.GetText(5))};
        if (record.revision != nullptr) {
          versions_[record.arn] = std::move(record);
        }
        return Status::Ok();
      }));
  STRATUS_RETURN_IF_ERROR(txn.Query(
      "SELECT arn, machine_arn, name, description, routing, created_millis, updated_millis "
      "FROM aliases",
      {}, [this](const Row& row) {
        AliasRecord record{.arn = row.GetText(0),
                           .machine_arn = row.GetText(1),
                           .name = row.GetText(2),
                           .description = row.GetText(3),
                           .routing = RoutingFromText(row.GetText(4)),
                           .created_millis = row.GetInt(5),
                           .updated_millis = row.GetInt(6)};
        aliases_[record.arn] = std::move(record);
        return Status::Ok();
      }));
  return tags_.Load(txn);
}

std::shared_ptr<const Revision> StateMachineCatalog::CachedRevision(std::string_view id) const {
  auto it = revisions_.find(std::string(id));
  return it == revisions_.end() ? nullptr : it->second;
}

void StateMachineCatalog::RememberRevision(std::shared_ptr<const Revision> revision) {
  std::string id = revision->id;
  revisions_[id] = std::move(revision);
}

// ---------------------------------------------------------------------------
// State machines.

void StateMachineCatalog::Create(CreateMachineRequest request,
                                 std::function<void(Result<CreateMachineOutcome>)> done) {
  const int64_t now = clock_.NowMillis();
  auto revision = std::make_shared<Revision>(Revision{.id = ids_.Uuid(),
                                                      .machine_arn = request.arn,
                                                      .type = request.type,
                                                      .definition = request.definition,
                                                      .role_arn = request.role_arn,
                                                      .logging = request.logging,
                                                      .tracing = request.tracing,
                                                      .encryption = request.encryption,
                                                      .updated_millis = now,
                                                      .machine = request.machine});
  auto outcome = std::make_shared<CreateMachineOutcome>(
      CreateMachineOutcome{.arn = request.arn, .created_millis = now, .version_arn = {}});
  auto version = std::make_shared<std::optional<VersionRecord>>();
  auto shared_request = std::make_shared<CreateMachineRequest>(std::move(request));
  auto idempotent = std::make_shared<bool>(false);
  database_.Submit(
      [this, shared_request, revision, outcome, version, idempotent, now](Transaction& txn) {
        const CreateMachineRequest& req = *shared_request;
        STRATUS_ASSIGN_OR_RETURN(std::optional<MachineRow> existing, ReadMachineRow(txn, req.arn));
        if (existing.has_value()) {
          STRATUS_ASSIGN_OR_RETURN(std::optional<Revision> current,
                                   ReadRevision(txn, existing->revision_id));
          if (current.has_value() && SameConfiguration(*current, req)) {
            // AWS: an identical CreateStateMachine returns the existing machine.
            outcome->created_millis = existing->created_millis;
            *idempotent = true;
            return Status::Ok();
          }
          return StatesApiError::StateMachineAlreadyExists(req.arn);
        }
        STRATUS_RETURN_IF_ERROR(InsertRevision(txn, *revision));
        STRATUS_RETURN_IF_ERROR(
            txn.Exec("INSERT INTO state_machines (arn, name, type, created_millis, revision_id, "
                     "revised, next_version) VALUES (?1, ?2, ?3, ?4, ?5, 0, 1)",
                     {req.arn, req.name, static_cast<int64_t>(req.type), now, revision->id})
                .status());
        STRATUS_RETURN_IF_ERROR(InsertTags(txn, req.arn, req.tags));
        if (req.publish) {
          STRATUS_ASSIGN_OR_RETURN(VersionRecord published,
                                   PublishInTransaction(txn, req.arn, req.version_description));
          published.revision = revision;
          outcome->version_arn = published.arn;
          *version = std::move(published);
        }
        return Status::Ok();
      },
      [this, shared_request, revision, outcome, version, idempotent,
       done = std::move(done)](const Status& status) {
        if (!status.ok()) {
          done(status);
          return;
        }
        if (!*idempotent) {
          std::lock_guard lock(mu_);
          RememberRevision(revision);
          machines_[outcome->arn] =
              StateMachineRecord{.arn = outcome->arn,
                                 .name = shared_request->name,
                                 .type = shared_request->type,
                                 .created_millis = outcome->created_millis,
                                 .revision = revision,
                                 .revised = false,
                                 .next_version = version->has_value() ? 2 : 1};
          tags_.Put(outcome->arn, shared_request->tags);
          if (version->has_value()) {
            versions_[(*version)->arn] = **version;
          }
        }
        done(*outcome);
      });
}

Result<VersionRecord> StateMachineCatalog::PublishInTransaction(Transaction& txn,
                                                                const std::string& machine_arn,
                                                                const std::string& description) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<MachineRow> machine, ReadMachineRow(txn, machine_arn));
  if (!machine.has_value()) {
    return StatesApiError::StateMachineDoesNotExist(machine_arn);
  }
  VersionRecord record{.arn = Format("{}:{}", machine_arn, machine->next_version),
                       .machine_arn = machine_arn,
                       .version = machine->next_version,
                       .description = description,
                       .created_millis = clock_.NowMillis(),
                       .revision = nullptr};
  STRATUS_RETURN_IF_ERROR(
      txn.Exec("INSERT INTO versions (arn, machine_arn, version, description, created_millis, "
               "revision_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
               {record.arn, machine_arn, record.version, description, record.created_millis,
                machine->revision_id})
          .status());
  STRATUS_RETURN_IF_ERROR(
      txn.Exec("UPDATE state_machines SET next_version = next_version + 1 WHERE arn = ?1",
               {machine_arn})
          .status());
  return record;
}

void StateMachineCatalog::Update(UpdateMachineRequest request,
                                 std::function<void(Result<UpdateMachineOutcome>)> done) {
  auto shared_request = std::make_shared<UpdateMachineRequest>(std::move(request));
  auto outcome = std::make_shared<UpdateMachineOutcome>();
  auto new_revision = std::make_shared<std::shared_ptr<const Revision>>();
  auto version = std::make_shared<std::optional<VersionRecord>>();
  database_.Submit(
      [this, shared_request, outcome, new_revision, version](Transaction& txn) -> Status {
        const UpdateMachineRequest& req = *shared_request;
        STRATUS_ASSIGN_OR_RETURN(std::optional<MachineRow> machine, ReadMachineRow(txn, req.arn));
        if (!machine.has_value()) {
          return StatesApiError::StateMachineDoesNotExist(req.arn);
        }
        STRATUS_ASSIGN_OR_RETURN(std::optional<Revision> current,
                                 ReadRevision(txn, machine->revision_id));
        if (!current.has_value()) {
          return Status::Corruption(
              Format("states.db: revision {} is missing", machine->revision_id));
        }
        Revision next = *current;
        next.definition = req.definition.value_or(current->definition);
        next.role_arn = req.role_arn.value_or(current->role_arn);
        next.logging = req.logging.value_or(current->logging);
        next.tracing = req.tracing.value_or(current->tracing);
        next.encryption = req.encryption.value_or(current->encryption);
        const bool changed = next.definition != current->definition ||
                             next.role_arn != current->role_arn ||
                             next.logging != current->logging || next.tracing != current->tracing ||
                             next.encryption != current->encryption;
        if (changed) {
          next.id = ids_.Uuid();
          next.updated_millis = clock_.NowMillis();
          if (req.definition.has_value()) {
            next.machine = req.machine;
          } else {
            std::lock_guard lock(mu_);
            std::shared_ptr<const Revision> cached = CachedRevision(current->id);
            next.machine = cached == nullptr ? nullptr : cached->machine;
          }
          STRATUS_RETURN_IF_ERROR(InsertRevision(txn, next));
          STRATUS_RETURN_IF_ERROR(
              txn.Exec("UPDATE state_machines SET revision_id = ?2, revised = 1 WHERE arn = ?1",
                       {req.arn, next.id})
                  .status());
          *new_revision = std::make_shared<const Revision>(std::move(next));
        } else {
          STRATUS_RETURN_IF_ERROR(
              txn.Exec("UPDATE state_machines SET revised = 1 WHERE arn = ?1", {req.arn}).status());
        }
        outcome->revision_id = changed ? (*new_revision)->id : current->id;
        outcome->updated_millis =
            changed ? (*new_revision)->updated_millis : current->updated_millis;
        if (req.publish) {
          STRATUS_ASSIGN_OR_RETURN(VersionRecord published,
                                   PublishInTransaction(txn, req.arn, req.version_description));
          outcome->version_arn = published.arn;
          *version = std::move(published);
        }
        return Status::Ok();
      },
      [this, shared_request, outcome, new_revision, version,
       done = std::move(done)](const Status& status) {
        if (!status.ok()) {
          done(status);
          return;
        }
        {
          std::lock_guard lock(mu_);
          auto it = machines_.find(shared_request->arn);
          if (it != machines_.end()) {
            it->second.revised = true;
            if (*new_revision != nullptr) {
              RememberRevision(*new_revision);
              it->second.revision = *new_revision;
            }
            if (version->has_value()) {
              (*version)->revision = it->second.revision;
              versions_[(*version)->arn] = **version;
              it->second.next_version = (*version)->version + 1;
            }
          }
        }
        done(*outcome);
      });
}

void StateMachineCatalog::Delete(std::string arn, std::function<void(Status)> done) {
  auto shared_arn = std::make_shared<std::string>(std::move(arn));
  database_.Submit(
      [shared_arn](Transaction& txn) -> Status {
        const std::string& machine_arn = *shared_arn;
        STRATUS_RETURN_IF_ERROR(
            txn.Exec("DELETE FROM tags WHERE resource_arn = ?1 OR resource_arn IN "
                     "(SELECT arn FROM versions WHERE machine_arn = ?1) OR resource_arn IN "
                     "(SELECT arn FROM aliases WHERE machine_arn = ?1)",
                     {machine_arn})
                .status());
        STRATUS_RETURN_IF_ERROR(
            txn.Exec("DELETE FROM versions WHERE machine_arn = ?1", {machine_arn}).status());
        STRATUS_RETURN_IF_ERROR(
            txn.Exec("DELETE FROM aliases WHERE machine_arn = ?1", {machine_arn}).status());
        return txn.Exec("DELETE FROM state_machines WHERE arn = ?1", {machine_arn}).status();
      },
      [this, shared_arn, done = std::move(done)](const Status& status) {
        if (status.ok()) {
          std::lock_guard lock(mu_);
          const std::string& machine_arn = *shared_arn;
          machines_.erase(machine_arn);
          tags_.Forget(machine_arn);
          std::erase_if(versions_, [&machine_arn](const auto& v) {
            return v.second.machine_arn == machine_arn;
          });
          std::erase_if(aliases_, [&machine_arn](const auto& a) {
            return a.second.machine_arn == machine_arn;
          });
        }
        done(status);
      });
}

// ---------------------------------------------------------------------------
// Versions.

void StateMachineCatalog::Publish(std::string machine_arn,
                                  std::string description,
                                  std::optional<std::string> expected_revision,
                                  std::function<void(Result<VersionRecord>)> done) {
  auto result = std::make_shared<VersionRecord>();
  auto is_new = std::make_shared<bool>(false);
  database_.Submit(
      [this, machine_arn, description, expected_revision, result,
       is_new](Transaction& txn) -> Status {
        STRATUS_ASSIGN_OR_RETURN(std::optional<MachineRow> machine,
                                 ReadMachineRow(txn, machine_arn));
        if (!machine.has_value()) {
          return StatesApiError::StateMachineDoesNotExist(machine_arn);
        }
        if (expected_revision.has_value() && *expected_revision != machine->revision_id) {
          return StatesApiError::Conflict(Format(
              "Failed to publish the State Machine version for revision {}. The current State "
              "Machine revision is {}.",
              *expected_revision, machine->revision_id));
        }
        // AWS: publishing an unchanged revision returns the latest version.
        std::optional<VersionRecord> latest;
        STRATUS_RETURN_IF_ERROR(
            txn.Query("SELECT arn, version, description, created_millis, revision_id FROM versions "
                      "WHERE machine_arn = ?1 ORDER BY version DESC LIMIT 1",
                      {machine_arn}, [&](const Row& row) {
                        if (row.GetText(4) == machine->revision_id) {
                          latest = VersionRecord{.arn = row.GetText(0),
                                                 .machine_arn = machine_arn,
                                                 .version = row.GetInt(1),
                                                 .description = row.GetText(2),
                                                 .created_millis = row.GetInt(3),
                                                 .revision = nullptr};
                        }
                        return Status::Ok();
                      }));
        if (latest.has_value()) {
          *result = std::move(*latest);
          return Status::Ok();
        }
        STRATUS_ASSIGN_OR_RETURN(*result, PublishInTransaction(txn, machine_arn, description));
        *is_new = true;
        return Status::Ok();
      },
      [this, result, is_new, done = std::move(done)](const Status& status) {
        if (!status.ok()) {
          done(status);
          return;
        }
        {
          std::lock_guard lock(mu_);
          auto machine = machines_.find(result->machine_arn);
          if (*is_new && machine != machines_.end()) {
            result->revision = machine->second.revision;
            machine->second.next_version = result->version + 1;
            versions_[result->arn] = *result;
          } else if (auto existing = versions_.find(result->arn); existing != versions_.end()) {
            *result = existing->second;
          }
        }
        done(*result);
      });
}

void StateMachineCatalog::DeleteVersion(std::string version_arn, std::function<void(Status)> done) {
  database_.Submit(
      [version_arn](Transaction& txn) -> Status {
        std::vector<std::string> referencing;
        STRATUS_RETURN_IF_ERROR(
            txn.Query("SELECT name, routing FROM aliases ORDER BY name", {}, [&](const Row& row) {
              for (const RoutingEntry& entry : RoutingFromText(row.GetText(1))) {
                if (entry.version_arn == version_arn) {
                  referencing.push_back(row.GetText(0));
                }
              }
              return Status::Ok();
            }));
        if (!referencing.empty()) {
          std::string names;
          for (const std::string& name : referencing) {
            names += names.empty() ? name : ", " + name;
          }
          return StatesApiError::Conflict(
              Format("Version to be deleted must not be referenced by an alias. Current list of "
                     "aliases referencing this version: [{}]",
                     names));
        }
        STRATUS_RETURN_IF_ERROR(
            txn.Exec("DELETE FROM tags WHERE resource_arn = ?1", {version_arn}).status());
        return txn.Exec("DELETE FROM versions WHERE arn = ?1", {version_arn}).status();
      },
      [this, version_arn, done = std::move(done)](const Status& status) {
        if (status.ok()) {
          std::lock_guard lock(mu_);
          versions_.erase(version_arn);
        }
        done(status);
      });
}

// ---------------------------------------------------------------------------
// Aliases.

void StateMachineCatalog::CreateAlias(AliasRequest request,
                                      std::function<void(Result<AliasRecord>)> done) {
  const int64_t now = clock_.NowMillis();
  auto record = std::make_shared<AliasRecord>(
      AliasRecord{.arn = request.arn,
                  .machine_arn = request.machine_arn,
                  .name = request.name,
                  .description = request.description.value_or(""),
                  .routing = request.routing.value_or(std::vector<RoutingEntry>()),
                  .created_millis = now,
                  .updated_millis = now});
  auto existed = std::make_shared<bool>(false);
  database_.Submit(
      [record, existed](Transaction& txn) -> Status {
        std::optional<AliasRecord> existing;
        STRATUS_RETURN_IF_ERROR(
            txn.Query("SELECT description, routing, created_millis, updated_millis FROM aliases "
                      "WHERE arn = ?1",
                      {record->arn}, [&](const Row& row) {
                        existing = *record;
                        existing->description = row.GetText(0);
                        existing->routing = RoutingFromText(row.GetText(1));
                        existing->created_millis = row.GetInt(2);
                        existing->updated_millis = row.GetInt(3);
                        return Status::Ok();
                      }));
        if (existing.has_value()) {
          if (existing->description != record->description ||
              existing->routing != record->routing) {
            return StatesApiError::Conflict(
                "Failed to create alias because an alias with the same name and a different "
                "routing configuration already exists.");
          }
          *record = std::move(*existing);
          *existed = true;
          return Status::Ok();
        }
        return txn
            .Exec(
                "INSERT INTO aliases (arn, machine_arn, name, description, routing, "
                "created_millis, updated_millis) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                {record->arn, record->machine_arn, record->name, record->description,
                 RoutingToText(record->routing), record->created_millis, record->updated_millis})
            .status();
      },
      [this, record, existed, done = std::move(done)](const Status& status) {
        if (!status.ok()) {
          done(status);
          return;
        }
        if (!*existed) {
          std::lock_guard lock(mu_);
          aliases_[record->arn] = *record;
        }
        done(*record);
      });
}

void StateMachineCatalog::UpdateAlias(AliasRequest request,
                                      std::function<void(Result<AliasRecord>)> done) {
  auto shared_request = std::make_shared<AliasRequest>(std::move(request));
  auto record = std::make_shared<AliasRecord>();
  const int64_t now = clock_.NowMillis();
  database_.Submit(
      [shared_request, record, now](Transaction& txn) -> Status {
        bool found = false;
        STRATUS_RETURN_IF_ERROR(
            txn.Query("SELECT machine_arn, name, description, routing, created_millis FROM aliases "
                      "WHERE arn = ?1",
                      {shared_request->arn}, [&](const Row& row) {
                        found = true;
                        *record = AliasRecord{.arn = shared_request->arn,
                                              .machine_arn = row.GetText(0),
                                              .name = row.GetText(1),
                                              .description = row.GetText(2),
                                              .routing = RoutingFromText(row.GetText(3)),
                                              .created_millis = row.GetInt(4),
                                              .updated_millis = now};
                        return Status::Ok();
                      }));
        if (!found) {
          return StatesApiError::ResourceNotFound(
              "Request references a resource that does not exist.");
        }
        if (shared_request->description.has_value()) {
          record->description = *shared_request->description;
        }
        if (shared_request->routing.has_value()) {
          record->routing = *shared_request->routing;
        }
        return txn
            .Exec(
                "UPDATE aliases SET description = ?2, routing = ?3, updated_millis = ?4 "
                "WHERE arn = ?1",
                {record->arn, record->description, RoutingToText(record->routing), now})
            .status();
      },
      [this, record, done = std::move(done)](const Status& status) {
        if (!status.ok()) {
          done(status);
          return;
        }
        {
          std::lock_guard lock(mu_);
          aliases_[record->arn] = *record;
        }
        done(*record);
      });
}

void StateMachineCatalog::DeleteAlias(std::string alias_arn, std::function<void(Status)> done) {
  database_.Submit(
      [alias_arn](Transaction& txn) -> Status {
        STRATUS_RETURN_IF_ERROR(
            txn.Exec("DELETE FROM tags WHERE resource_arn = ?1", {alias_arn}).status());
        return txn.Exec("DELETE FROM aliases WHERE arn = ?1", {alias_arn}).status();
      },
      [this, alias_arn, done = std::move(done)](const Status& status) {
        if (status.ok()) {
          std::lock_guard lock(mu_);
          aliases_.erase(alias_arn);
        }
        done(status);
      });
}

// ---------------------------------------------------------------------------
// Tags.

void StateMachineCatalog::Tag(std::string arn, Tags tags, std::function<void(Status)> done) {
  tags_.Tag(arn, std::move(tags), std::move(done));
}

void StateMachineCatalog::Untag(std::string arn,
                                std::vector<std::string> keys,
                                std::function<void(Status)> done) {
  tags_.Untag(arn, keys, std::move(done));
}

Result<Tags> StateMachineCatalog::TagsOf(std::string_view arn) const {
  std::lock_guard lock(mu_);
  if (machines_.find(arn) == machines_.end()) {
    return StatesApiError::ResourceNotFound(Format("Resource not found: '{}'", arn));
  }
  return tags_.Of(arn);
}

// ---------------------------------------------------------------------------
// Reads.

std::optional<StateMachineRecord> StateMachineCatalog::Find(std::string_view arn) const {
  std::lock_guard lock(mu_);
  auto it = machines_.find(arn);
  return it == machines_.end() ? std::nullopt : std::optional<StateMachineRecord>(it->second);
}

std::optional<VersionRecord> StateMachineCatalog::FindVersion(std::string_view arn) const {
  std::lock_guard lock(mu_);
  auto it = versions_.find(arn);
  return it == versions_.end() ? std::nullopt : std::optional<VersionRecord>(it->second);
}

std::optional<AliasRecord> StateMachineCatalog::FindAlias(std::string_view arn) const {
  std::lock_guard lock(mu_);
  auto it = aliases_.find(arn);
  return it == aliases_.end() ? std::nullopt : std::optional<AliasRecord>(it->second);
}

std::vector<StateMachineRecord> StateMachineCatalog::List(std::string_view arn_prefix,
                                                          std::string_view after_name,
                                                          size_t limit) const {
  return ListByName(mu_, machines_, arn_prefix, after_name, limit);
}

std::vector<VersionRecord> StateMachineCatalog::ListVersions(std::string_view machine_arn) const {
  std::vector<VersionRecord> versions;
  {
    std::lock_guard lock(mu_);
    for (const auto& [arn, record] : versions_) {
      if (record.machine_arn == machine_arn) {
        versions.push_back(record);
      }
    }
  }
  std::sort(versions.begin(), versions.end(),
            [](const VersionRecord& a, const VersionRecord& b) { return a.version > b.version; });
  return versions;
}

std::vector<AliasRecord> StateMachineCatalog::ListAliases(std::string_view machine_arn) const {
  std::vector<AliasRecord> aliases;
  std::lock_guard lock(mu_);
  for (const auto& [arn, record] : aliases_) {
    if (record.machine_arn == machine_arn) {
      aliases.push_back(record);
    }
  }
  std::sort(aliases.begin(), aliases.end(),
            [](const AliasRecord& a, const AliasRecord& b) { return a.name < b.name; });
  return aliases;
}

Result<std::shared_ptr<const Revision>> StateMachineCatalog::FindRevision(std::string_view id) {
  {
    std::lock_guard lock(mu_);
    if (std::shared_ptr<const Revision> cached = CachedRevision(id); cached != nullptr) {
      return cached;
    }
  }
  std::optional<Revision> revision;
  STRATUS_RETURN_IF_ERROR(database_.Read([&](Transaction& txn) -> Status {
    STRATUS_ASSIGN_OR_RETURN(revision, ReadRevision(txn, id));
    return Status::Ok();
  }));
  if (!revision.has_value()) {
    return Status::NotFound(Format("revision {} does not exist", id));
  }
  STRATUS_ASSIGN_OR_RETURN(revision->machine, parser_(revision->definition, revision->type));
  auto shared = std::make_shared<const Revision>(std::move(*revision));
  std::lock_guard lock(mu_);
  RememberRevision(shared);
  return shared;
}

}  // namespace stratus::states::api
