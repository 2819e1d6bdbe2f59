#include "iam/iam_store.h"

#include <utility>

#include "base/clock.h"
#include "base/format.h"
#include "base/random.h"
#include "iam/errors.h"
#include "iam/iam_store_internal.h"
#include "iam/schema.h"

namespace stratus::iam {

using internal::NameKey;
using internal::ReadWork;
using internal::SubmitWork;

namespace internal {

std::string NameKey(std::string_view name) {
  std::string key(name);
  for (char& c : key) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return key;
}

std::string KindName(PrincipalKind kind) {
  return kind == PrincipalKind::kRole ? "role" : "user";
}

Result<Tags> LoadTags(storage::Transaction& transaction,
                      std::string_view kind,
                      const std::string& owner_key) {
  Tags tags;
  STRATUS_RETURN_IF_ERROR(transaction.Query(
      "SELECT key, value FROM tags WHERE owner_kind = ?1 AND owner_key = ?2 ORDER BY key",
      {std::string(kind), owner_key}, [&](const storage::Row& row) -> Status {
        tags.emplace(row.GetText(0), row.GetText(1));
        return Status::Ok();
      }));
  return tags;
}

Status PutTags(storage::Transaction& transaction,
               std::string_view kind,
               const std::string& owner_key,
               const Tags& tags) {
  // AWS: an IAM entity holds at most 50 tags.
  constexpr int64_t kMaxTags = 50;
  for (const auto& [key, value] : tags) {
    STRATUS_RETURN_IF_ERROR(transaction
                                .Exec("INSERT OR REPLACE INTO tags(owner_kind, owner_key, key, "
                                      "value) VALUES (?1, ?2, ?3, ?4)",
                                      {std::string(kind), owner_key, key, value})
                                .status());
  }
  STRATUS_ASSIGN_OR_RETURN(int64_t count,
                           Count(transaction,
                                 "SELECT count(*) FROM tags WHERE owner_kind = ?1 AND "
                                 "owner_key = ?2",
                                 {std::string(kind), owner_key}));
  if (count > kMaxTags) {
    return IamError::LimitExceeded("Cannot exceed quota for TagsPerEntity: 50");
  }
  return Status::Ok();
}

Status DeleteOwned(storage::Transaction& transaction,
                   std::string_view kind,
                   const std::string& owner_key) {
  for (std::string_view sql :
       {"DELETE FROM tags WHERE owner_kind = ?1 AND owner_key = ?2",
        "DELETE FROM inline_policies WHERE owner_kind = ?1 AND owner_key = ?2",
        "DELETE FROM attachments WHERE owner_kind = ?1 AND owner_key = ?2"}) {
    STRATUS_RETURN_IF_ERROR(transaction.Exec(sql, {std::string(kind), owner_key}).status());
  }
  return Status::Ok();
}

Result<int64_t> Count(storage::Transaction& transaction,
                      std::string_view sql,
                      std::initializer_list<storage::Value> params) {
  int64_t count = 0;
  STRATUS_RETURN_IF_ERROR(transaction.Query(sql, params, [&](const storage::Row& row) -> Status {
    count = row.GetInt(0);
    return Status::Ok();
  }));
  return count;
}

// Returns whether the user or role an inline policy or attachment names exists.
Status RequireOwner(storage::Transaction& transaction, PrincipalKind kind, std::string_view owner) {
  const bool role = kind == PrincipalKind::kRole;
  STRATUS_ASSIGN_OR_RETURN(int64_t count,
                           internal::Count(transaction,
                                           role ? "SELECT count(*) FROM roles WHERE name_key = ?1"
                                                : "SELECT count(*) FROM users WHERE name_key = ?1",
                                           {NameKey(owner)}));
  if (count == 0) {
    return role ? IamError::NoSuchEntity(Format("The role with name {} cannot be found.", owner))
                : IamError::NoSuchEntity(Format("The user with name {} cannot be found.", owner));
  }
  return Status::Ok();
}

}  // namespace internal

namespace {

constexpr std::string_view kRoleColumns =
    "name_key, name, path, id, arn, assume_role_policy, description, max_session_seconds, "
    "created_millis";

Role RoleOf(const storage::Row& row) {
  return Role{.name = row.GetText(1),
              .path = row.GetText(2),
              .id = row.GetText(3),
              .arn = row.GetText(4),
              .assume_role_policy = row.GetText(5),
              .description = row.GetText(6),
              .max_session_seconds = static_cast<int>(row.GetInt(7)),
              .created_millis = row.GetInt(8),
              .tags = {}};
}

Status RoleNotFound(std::string_view name) {
  return IamError::NoSuchEntity(Format("The role with name {} cannot be found.", name));
}

Result<std::optional<Role>> FindRole(storage::Transaction& transaction, std::string_view name) {
  std::optional<Role> found;
  STRATUS_RETURN_IF_ERROR(
      transaction.Query(Format("SELECT {} FROM roles WHERE name_key = ?1", kRoleColumns),
                        {NameKey(name)}, [&](const storage::Row& row) -> Status {
                          found = RoleOf(row);
                          return Status::Ok();
                        }));
  if (found.has_value()) {
    STRATUS_ASSIGN_OR_RETURN(found->tags, internal::LoadTags(transaction, "role", NameKey(name)));
  }
  return found;
}

Result<Role> RequireRole(storage::Transaction& transaction, std::string_view name) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<Role> found, FindRole(transaction, name));
  if (!found.has_value()) {
    return RoleNotFound(name);
  }
  return *std::move(found);
}

}  // namespace

IamStore::IamStore(std::unique_ptr<storage::Database> database, IamStoreOptions options)
    : database_(std::move(database)), options_(std::move(options)) {}

IamStore::~IamStore() {
  Stop();
}

Result<std::unique_ptr<IamStore>> IamStore::Open(const std::string& path, IamStoreOptions options) {
  STRATUS_ASSIGN_OR_RETURN(
      std::unique_ptr<storage::Database> database,
      storage::Database::Open(path, storage::DatabaseOptions{.fsync = options.fsync}));
  STRATUS_RETURN_IF_ERROR(database->Migrate(IamMigrations()));
  return std::unique_ptr<IamStore>(new IamStore(
      std::move(database), std::move(options)));  // STRATUS_LINT_ALLOW(private constructor)
}

void IamStore::Stop() {
  if (stopped_) {
    return;
  }
  stopped_ = true;
  database_->Stop();
}

Status IamStore::Flush() {
  return database_->Write([](storage::Transaction&) { return Status::Ok(); });
}

std::string IamStore::NewId(std::string_view prefix) const {
  // AWS: unique ids are a four-letter prefix and 17 characters of A-Z and 2-7
  // (a base32 alphabet); stratus uses the same alphabet.
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  constexpr int kIdLength = 17;
  std::string id(prefix);
  for (int i = 0; i < kIdLength; ++i) {
    id += kAlphabet[options_.ids->Uniform(kAlphabet.size())];
  }
  return id;
}

std::string IamStore::Arn(std::string_view resource,
                          std::string_view path,
                          std::string_view name) const {
  return Format("arn:aws:iam::{}:{}{}{}", options_.account_id, resource, path, name);
}

void IamStore::CreateRole(RoleSpec spec, Done<Role> done) {
  Role role{.name = spec.name,
            .path = spec.path,
            .id = NewId("AROA"),
            .arn = Arn("role", spec.path, spec.name),
            .assume_role_policy = std::move(spec.assume_role_policy),
            .description = std::move(spec.description),
            .max_session_seconds = spec.max_session_seconds,
            .created_millis = options_.clock->NowMillis(),
            .tags = std::move(spec.tags)};
  SubmitWork<Role>(
      *database_,
      [role = std::move(role)](storage::Transaction& transaction) -> Result<Role> {
        STRATUS_ASSIGN_OR_RETURN(std::optional<Role> found, FindRole(transaction, role.name));
        if (found.has_value()) {
          return IamError::AlreadyExists(Format("Role with name {} already exists.", role.name));
        }
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec(Format("INSERT INTO roles({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                             kRoleColumns),
                      {NameKey(role.name), role.name, role.path, role.id, role.arn,
                       role.assume_role_policy, role.description, int64_t{role.max_session_seconds},
                       role.created_millis})
                .status());
        STRATUS_RETURN_IF_ERROR(
            internal::PutTags(transaction, "role", NameKey(role.name), role.tags));
        return role;
      },
      std::move(done));
}

Result<Role> IamStore::GetRole(std::string_view name) const {
  return ReadWork<Role>(*database_, [name](storage::Transaction& transaction) {
    return RequireRole(transaction, name);
  });
}

Result<Page<Role>> IamStore::ListRoles(std::string_view path_prefix,
                                       const PageRequest& page) const {
  return ReadWork<Page<Role>>(
      *database_, [&](storage::Transaction& transaction) -> Result<Page<Role>> {
        std::vector<std::pair<std::string, Role>> rows;
        STRATUS_RETURN_IF_ERROR(transaction.Query(
            Format("SELECT {} FROM roles WHERE name_key > ?1 AND substr(path, 1, length(?2)) = ?2 "
                   "ORDER BY name_key LIMIT ?3",
                   kRoleColumns),
            {page.marker, std::string(path_prefix), int64_t{page.max_items} + 1},
            [&](const storage::Row& row) -> Status {
              rows.emplace_back(row.GetText(0), RoleOf(row));
              return Status::Ok();
            }));
        for (auto& [key, role] : rows) {
          STRATUS_ASSIGN_OR_RETURN(role.tags, internal::LoadTags(transaction, "role", key));
        }
        return internal::MakePage(std::move(rows), page.max_items);
      });
}

void IamStore::UpdateRole(std::string name, RoleUpdate update, Done<Role> done) {
  SubmitWork<Role>(
      *database_,
      [name = std::move(name), update](storage::Transaction& transaction) -> Result<Role> {
        STRATUS_ASSIGN_OR_RETURN(Role role, RequireRole(transaction, name));
        if (update.description.has_value()) {
          role.description = *update.description;
        }
        if (update.max_session_seconds.has_value()) {
          role.max_session_seconds = *update.max_session_seconds;
        }
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec("UPDATE roles SET description = ?2, max_session_seconds = ?3 WHERE "
                      "name_key = ?1",
                      {NameKey(name), role.description, int64_t{role.max_session_seconds}})
                .status());
        return role;
      },
      std::move(done));
}

void IamStore::UpdateAssumeRolePolicy(std::string name, std::string document, Done<Role> done) {
  SubmitWork<Role>(
      *database_,
      [name = std::move(name),
       document = std::move(document)](storage::Transaction& transaction) -> Result<Role> {
        STRATUS_ASSIGN_OR_RETURN(Role role, RequireRole(transaction, name));
        role.assume_role_policy = document;
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec("UPDATE roles SET assume_role_policy = ?2 WHERE name_key = ?1",
                      {NameKey(name), document})
                .status());
        return role;
      },
      std::move(done));
}

void IamStore::DeleteRole(std::string name, Done<bool> done) {
  SubmitWork<bool>(
      *database_,
      [name = std::move(name)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_RETURN_IF_ERROR(RequireRole(transaction, name).status());
        const std::string key = NameKey(name);
        // AWS: a role must lose its inline policies, attached policies and
        // instance profiles before it can be deleted.
        STRATUS_ASSIGN_OR_RETURN(
            int64_t inline_policies,
            internal::Count(transaction,
                            "SELECT count(*) FROM inline_policies WHERE owner_kind = 'role' AND "
                            "owner_key = ?1",
                            {key}));
        if (inline_policies > 0) {
          return IamError::DeleteConflict("Cannot delete entity, must delete policies first.");
        }
        STRATUS_ASSIGN_OR_RETURN(
            int64_t attached,
            internal::Count(transaction,
                            "SELECT count(*) FROM attachments WHERE owner_kind = 'role' AND "
                            "owner_key = ?1",
                            {key}));
        if (attached > 0) {
          return IamError::DeleteConflict("Cannot delete entity, must detach all policies first.");
        }
        STRATUS_ASSIGN_OR_RETURN(
            int64_t profiles,
            internal::Count(transaction,
                            "SELECT count(*) FROM instance_profile_roles WHERE role_key = ?1",
                            {key}));
        if (profiles > 0) {
          return IamError::DeleteConflict(
              "Cannot delete entity, must remove roles from instance profile first.");
        }
        STRATUS_RETURN_IF_ERROR(internal::DeleteOwned(transaction, "role", key));
        STRATUS_RETURN_IF_ERROR(
            transaction.Exec("DELETE FROM roles WHERE name_key = ?1", {key}).status());
        return true;
      },
      std::move(done));
}

void IamStore::TagRole(std::string name, Tags tags, Done<bool> done) {
  SubmitWork<bool>(
      *database_,
      [name = std::move(name),
       tags = std::move(tags)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_RETURN_IF_ERROR(RequireRole(transaction, name).status());
        STRATUS_RETURN_IF_ERROR(internal::PutTags(transaction, "role", NameKey(name), tags));
        return true;
      },
      std::move(done));
}

void IamStore::UntagRole(std::string name, std::vector<std::string> keys, Done<bool> done) {
  SubmitWork<bool>(
      *database_,
      [name = std::move(name),
       keys = std::move(keys)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_RETURN_IF_ERROR(RequireRole(transaction, name).status());
        for (const std::string& key : keys) {
          STRATUS_RETURN_IF_ERROR(
              transaction
                  .Exec("DELETE FROM tags WHERE owner_kind = 'role' AND owner_key = ?1 AND "
                        "key = ?2",
                        {NameKey(name), key})
                  .status());
        }
        return true;
      },
      std::move(done));
}

void IamStore::PutInlinePolicy(PrincipalKind kind,
                               std::string owner,
                               std::string policy_name,
                               std::string document,
                               Done<bool> done) {
  SubmitWork<bool>(
      *database_,
      [kind, owner = std::move(owner), policy_name = std::move(policy_name),
       document = std::move(document)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_RETURN_IF_ERROR(internal::RequireOwner(transaction, kind, owner));
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec("INSERT OR REPLACE INTO inline_policies(owner_kind, owner_key, name_key, "
                      "name, document) VALUES (?1, ?2, ?3, ?4, ?5)",
                      {internal::KindName(kind), NameKey(owner), NameKey(policy_name), policy_name,
                       document})
                .status());
        return true;
      },
      std::move(done));
}

Result<std::string> IamStore::GetInlinePolicy(PrincipalKind kind,
                                              std::string_view owner,
                                              std::string_view policy_name) const {
  return ReadWork<std::string>(
      *database_, [&](storage::Transaction& transaction) -> Result<std::string> {
        STRATUS_RETURN_IF_ERROR(internal::RequireOwner(transaction, kind, owner));
        std::optional<std::string> document;
        STRATUS_RETURN_IF_ERROR(transaction.Query(
            "SELECT document FROM inline_policies WHERE owner_kind = ?1 AND owner_key = ?2 AND "
            "name_key = ?3",
            {internal::KindName(kind), NameKey(owner), NameKey(policy_name)},
            [&](const storage::Row& row) -> Status {
              document = row.GetText(0);
              return Status::Ok();
            }));
        if (!document.has_value()) {
          return IamError::NoSuchEntity(Format("The {} policy with name {} cannot be found.",
                                               internal::KindName(kind), policy_name));
        }
        return *std::move(document);
      });
}

Result<Page<std::string>> IamStore::ListInlinePolicies(PrincipalKind kind,
                                                       std::string_view owner,
                                                       const PageRequest& page) const {
  return ReadWork<Page<std::string>>(
      *database_, [&](storage::Transaction& transaction) -> Result<Page<std::string>> {
        STRATUS_RETURN_IF_ERROR(internal::RequireOwner(transaction, kind, owner));
        std::vector<std::pair<std::string, std::string>> rows;
        STRATUS_RETURN_IF_ERROR(transaction.Query(
            "SELECT name_key, name FROM inline_policies WHERE owner_kind = ?1 AND owner_key = ?2 "
            "AND name_key > ?3 ORDER BY name_key LIMIT ?4",
            {internal::KindName(kind), NameKey(owner), page.marker, int64_t{page.max_items} + 1},
            [&](const storage::Row& row) -> Status {
              rows.emplace_back(row.GetText(0), row.GetText(1));
              return Status::Ok();
            }));
        return internal::MakePage(std::move(rows), page.max_items);
      });
}

void IamStore::DeleteInlinePolicy(PrincipalKind kind,
                                  std::string owner,
                                  std::string policy_name,
                                  Done<bool> done) {
  SubmitWork<bool>(
      *database_,
      [kind, owner = std::move(owner),
       policy_name = std::move(policy_name)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_RETURN_IF_ERROR(internal::RequireOwner(transaction, kind, owner));
        STRATUS_ASSIGN_OR_RETURN(
            int64_t deleted,
            transaction.Exec("DELETE FROM inline_policies WHERE owner_kind = ?1 AND owner_key = "
                             "?2 AND name_key = ?3",
                             {internal::KindName(kind), NameKey(owner), NameKey(policy_name)}));
        if (deleted == 0) {
          return IamError::NoSuchEntity(Format("The {} policy with name {} cannot be found.",
                                               internal::KindName(kind), policy_name));
        }
        return true;
      },
      std::move(done));
}

}  // namespace stratus::iam
