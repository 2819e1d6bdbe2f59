// IamStore's instance profiles and the roles they hold.

#include <utility>

#include "base/clock.h"
#include "base/format.h"
#include "iam/errors.h"
#include "iam/iam_store.h"
#include "iam/iam_store_internal.h"

namespace stratus::iam {

using internal::NameKey;
using internal::ReadWork;
using internal::SubmitWork;

namespace {

constexpr std::string_view kProfileColumns = "name_key, name, path, id, arn, created_millis";

InstanceProfile ProfileOf(const storage::Row& row) {
  return InstanceProfile{.name = row.GetText(1),
                         .path = row.GetText(2),
                         .id = row.GetText(3),
                         .arn = row.GetText(4),
                         .created_millis = row.GetInt(5),
                         .roles = {}};
}

Status ProfileNotFound(std::string_view name) {
  return IamError::NoSuchEntity(Format("Instance Profile {} cannot be found.", name));
}

// Fills in the roles a profile holds.
Status LoadRoles(storage::Transaction& transaction, InstanceProfile& profile) {
  return transaction.Query(
      "SELECT r.name, r.path, r.id, r.arn, r.assume_role_policy, r.description, "
      "r.max_session_seconds, r.created_millis FROM instance_profile_roles p JOIN roles r ON "
      "r.name_key = p.role_key WHERE p.profile_key = ?1 ORDER BY r.name_key",
      {NameKey(profile.name)}, [&](const storage::Row& row) -> Status {
        profile.roles.push_back(Role{.name = row.GetText(0),
                                     .path = row.GetText(1),
                                     .id = row.GetText(2),
                                     .arn = row.GetText(3),
                                     .assume_role_policy = row.GetText(4),
                                     .description = row.GetText(5),
                                     .max_session_seconds = static_cast<int>(row.GetInt(6)),
                                     .created_millis = row.GetInt(7),
                                     .tags = {}});
        return Status::Ok();
      });
}

Result<InstanceProfile> RequireProfile(storage::Transaction& transaction, std::string_view name) {
  std::optional<InstanceProfile> found;
  STRATUS_RETURN_IF_ERROR(transaction.Query(
      Format("SELECT {} FROM instance_profiles WHERE name_key = ?1", kProfileColumns),
      {NameKey(name)}, [&](const storage::Row& row) -> Status {
        found = ProfileOf(row);
        return Status::Ok();
      }));
  if (!found.has_value()) {
    return ProfileNotFound(name);
  }
  STRATUS_RETURN_IF_ERROR(LoadRoles(transaction, *found));
  return *std::move(found);
}

// Reads a page of profiles from `sql`, whose parameters are the marker,
// `filter` and the row limit.
Result<Page<InstanceProfile>> ReadProfiles(storage::Transaction& transaction,
                                           std::string_view sql,
                                           const std::string& filter,
                                           const PageRequest& page) {
  std::vector<std::pair<std::string, InstanceProfile>> rows;
  STRATUS_RETURN_IF_ERROR(transaction.Query(sql, {page.marker, filter, int64_t{page.max_items} + 1},
                                            [&](const storage::Row& row) -> Status {
                                              rows.emplace_back(row.GetText(0), ProfileOf(row));
                                              return Status::Ok();
                                            }));
  for (auto& [key, profile] : rows) {
    STRATUS_RETURN_IF_ERROR(LoadRoles(transaction, profile));
  }
  return internal::MakePage(std::move(rows), page.max_items);
}

}  // namespace

void IamStore::CreateInstanceProfile(std::string name,
                                     std::string path,
                                     Done<InstanceProfile> done) {
  InstanceProfile profile{.name = name,
                          .path = path,
                          .id = NewId("AIPA"),
                          .arn = Arn("instance-profile", path, name),
                          .created_millis = options_.clock->NowMillis(),
                          .roles = {}};
  SubmitWork<InstanceProfile>(
      *database_,
      [profile = std::move(profile)](storage::Transaction& transaction) -> Result<InstanceProfile> {
        STRATUS_ASSIGN_OR_RETURN(
            int64_t existing,
            internal::Count(transaction,
                            "SELECT count(*) FROM instance_profiles WHERE name_key = ?1",
                            {NameKey(profile.name)}));
        if (existing > 0) {
          return IamError::AlreadyExists(
              Format("Instance Profile {} already exists.", profile.name));
        }
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec(Format("INSERT INTO instance_profiles({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                             kProfileColumns),
                      {NameKey(profile.name), profile.name, profile.path, profile.id, profile.arn,
                       profile.created_millis})
                .status());
        return profile;
      },
      std::move(done));
}

Result<InstanceProfile> IamStore::GetInstanceProfile(std::string_view name) const {
  return ReadWork<InstanceProfile>(*database_, [name](storage::Transaction& transaction) {
    return RequireProfile(transaction, name);
  });
}

Result<Page<InstanceProfile>> IamStore::ListInstanceProfiles(std::string_view path_prefix,
                                                             const PageRequest& page) const {
  return ReadWork<Page<InstanceProfile>>(*database_, [&](storage::Transaction& transaction) {
    return ReadProfiles(
        transaction,
        Format("SELECT {} FROM instance_profiles WHERE name_key > ?1 AND substr(path, 1, "
               "length(?2)) = ?2 ORDER BY name_key LIMIT ?3",
               kProfileColumns),
        std::string(path_prefix), page);
  });
}

Result<Page<InstanceProfile>> IamStore::ListInstanceProfilesForRole(std::string_view role,
                                                                    const PageRequest& page) const {
  return ReadWork<Page<InstanceProfile>>(
      *database_, [&](storage::Transaction& transaction) -> Result<Page<InstanceProfile>> {
        STRATUS_RETURN_IF_ERROR(internal::RequireOwner(transaction, PrincipalKind::kRole, role));
        return ReadProfiles(
            transaction,
            Format("SELECT {} FROM instance_profiles WHERE name_key > ?1 AND name_key IN "
                   "(SELECT profile_key FROM instance_profile_roles WHERE role_key = ?2) ORDER "
                   "BY name_key LIMIT ?3",
                   kProfileColumns),
            NameKey(role), page);
      });
}

void IamStore::DeleteInstanceProfile(std::string name, Done<bool> done) {
  SubmitWork<bool>(
      *database_,
      [name = std::move(name)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_ASSIGN_OR_RETURN(InstanceProfile profile, RequireProfile(transaction, name));
        if (!profile.roles.empty()) {
          return IamError::DeleteConflict(
              "Cannot delete entity, must remove roles from instance profile first.");
        }
        STRATUS_RETURN_IF_ERROR(
            transaction.Exec("DELETE FROM instance_profiles WHERE name_key = ?1", {NameKey(name)})
                .status());
        return true;
      },
      std::move(done));
}

void IamStore::AddRoleToInstanceProfile(std::string profile, std::string role, Done<bool> done) {
  SubmitWork<bool>(
      *database_,
      [profile = std::move(profile),
       role = std::move(role)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_ASSIGN_OR_RETURN(InstanceProfile found, RequireProfile(transaction, profile));
        STRATUS_RETURN_IF_ERROR(internal::RequireOwner(transaction, PrincipalKind::kRole, role));
        // AWS: an instance profile holds at most one role.
        if (!found.roles.empty()) {
          return IamError::LimitExceeded(
              "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
        }
        STRATUS_RETURN_IF_ERROR(transaction
                                    .Exec("INSERT INTO instance_profile_roles(profile_key, "
                                          "role_key) VALUES (?1, ?2)",
                                          {NameKey(profile), NameKey(role)})
                                    .status());
        return true;
      },
      std::move(done));
}

void IamStore::RemoveRoleFromInstanceProfile(std::string profile,
                                             std::string role,
                                             Done<bool> done) {
  SubmitWork<bool>(
      *database_,
      [profile = std::move(profile),
       role = std::move(role)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_RETURN_IF_ERROR(RequireProfile(transaction, profile).status());
        STRATUS_RETURN_IF_ERROR(internal::RequireOwner(transaction, PrincipalKind::kRole, role));
        STRATUS_ASSIGN_OR_RETURN(
            int64_t deleted,
            transaction.Exec("DELETE FROM instance_profile_roles WHERE profile_key = ?1 AND "
                             "role_key = ?2",
                             {NameKey(profile), NameKey(role)}));
        if (deleted == 0) {
          return IamError::NoSuchEntity(Format(
              "The role with name {} cannot be found in instance profile {}.", role, profile));
        }
        return true;
      },
      std::move(done));
}

}  // namespace stratus::iam
