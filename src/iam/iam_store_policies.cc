// IamStore's managed policies, their versions and their attachments.

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

// AWS: a managed policy keeps at most five versions.
constexpr int64_t kMaxPolicyVersions = 5;
// AWS: AWS managed policies live under this account-less ARN prefix.
constexpr std::string_view kAwsPolicyPrefix = "arn:aws:iam::aws:policy/";

constexpr std::string_view kPolicyColumns =
    "arn, name, path, id, description, default_version, created_millis, updated_millis, "
    "(SELECT count(*) FROM attachments WHERE policy_arn = policies.arn), name_key";

ManagedPolicy PolicyOf(const storage::Row& row) {
  return ManagedPolicy{.name = row.GetText(1),
                       .path = row.GetText(2),
                       .id = row.GetText(3),
                       .arn = row.GetText(0),
                       .description = row.GetText(4),
                       .default_version_id = row.GetText(5),
                       .attachment_count = row.GetInt(8),
                       .created_millis = row.GetInt(6),
                       .updated_millis = row.GetInt(7),
                       .tags = {}};
}

Status PolicyNotFound(std::string_view arn) {
  return IamError::NoSuchEntity(Format("Policy {} does not exist or is not attachable.", arn));
}

Result<ManagedPolicy> RequirePolicy(storage::Transaction& transaction, std::string_view arn) {
  std::optional<ManagedPolicy> found;
  STRATUS_RETURN_IF_ERROR(
      transaction.Query(Format("SELECT {} FROM policies WHERE arn = ?1", kPolicyColumns),
                        {std::string(arn)}, [&](const storage::Row& row) -> Status {
                          found = PolicyOf(row);
                          return Status::Ok();
                        }));
  if (!found.has_value()) {
    return PolicyNotFound(arn);
  }
  STRATUS_ASSIGN_OR_RETURN(found->tags, internal::LoadTags(transaction, "policy", found->arn));
  return *std::move(found);
}

Status VersionNotFound(std::string_view arn, std::string_view version_id) {
  return IamError::NoSuchEntity(
      Format("Policy {} version {} does not exist or is not attachable.", arn, version_id));
}

}  // namespace

void IamStore::CreatePolicy(PolicySpec spec, Done<ManagedPolicy> done) {
  const int64_t now = options_.clock->NowMillis();
  ManagedPolicy policy{.name = spec.name,
                       .path = spec.path,
                       .id = NewId("ANPA"),
                       .arn = Arn("policy", spec.path, spec.name),
                       .description = std::move(spec.description),
                       .default_version_id = "v1",
                       .attachment_count = 0,
                       .created_millis = now,
                       .updated_millis = now,
                       .tags = std::move(spec.tags)};
  SubmitWork<ManagedPolicy>(
      *database_,
      [policy = std::move(policy), document = std::move(spec.document)](
          storage::Transaction& transaction) -> Result<ManagedPolicy> {
        STRATUS_ASSIGN_OR_RETURN(
            int64_t existing,
            internal::Count(transaction, "SELECT count(*) FROM policies WHERE name_key = ?1",
                            {NameKey(policy.name)}));
        if (existing > 0) {
          return IamError::AlreadyExists(Format(
              "A policy called {} already exists. Duplicate names are not allowed.", policy.name));
        }
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec("INSERT INTO policies(arn, name_key, name, path, id, description, "
                      "default_version, next_version, created_millis, updated_millis) VALUES "
                      "(?1, ?2, ?3, ?4, ?5, ?6, 'v1', 2, ?7, ?7)",
                      {policy.arn, NameKey(policy.name), policy.name, policy.path, policy.id,
                       policy.description, policy.created_millis})
                .status());
        STRATUS_RETURN_IF_ERROR(transaction
                                    .Exec("INSERT INTO policy_versions(policy_arn, version_id, "
                                          "document, created_millis) VALUES (?1, 'v1', ?2, ?3)",
                                          {policy.arn, document, policy.created_millis})
                                    .status());
        STRATUS_RETURN_IF_ERROR(internal::PutTags(transaction, "policy", policy.arn, policy.tags));
        return policy;
      },
      std::move(done));
}

Result<ManagedPolicy> IamStore::GetPolicy(std::string_view arn) const {
  return ReadWork<ManagedPolicy>(*database_, [arn](storage::Transaction& transaction) {
    return RequirePolicy(transaction, arn);
  });
}

Result<Page<ManagedPolicy>> IamStore::ListPolicies(const PolicyFilter& filter,
                                                   const PageRequest& page) const {
  if (!filter.local) {
    return Page<ManagedPolicy>{};  // No AWS managed policy is stored.
  }
  return ReadWork<Page<ManagedPolicy>>(
      *database_, [&](storage::Transaction& transaction) -> Result<Page<ManagedPolicy>> {
        std::vector<std::pair<std::string, ManagedPolicy>> rows;
        STRATUS_RETURN_IF_ERROR(transaction.Query(
            Format("SELECT {} FROM policies WHERE name_key > ?1 AND substr(path, 1, length(?2)) "
                   "= ?2 AND (?3 = 0 OR EXISTS (SELECT 1 FROM attachments WHERE policy_arn = "
                   "policies.arn)) ORDER BY name_key LIMIT ?4",
                   kPolicyColumns),
            {page.marker, filter.path_prefix, int64_t{filter.only_attached ? 1 : 0},
             int64_t{page.max_items} + 1},
            [&](const storage::Row& row) -> Status {
              rows.emplace_back(row.GetText(9), PolicyOf(row));
              return Status::Ok();
            }));
        return internal::MakePage(std::move(rows), page.max_items);
      });
}

void IamStore::DeletePolicy(std::string arn, Done<bool> done) {
  SubmitWork<bool>(
      *database_,
      [arn = std::move(arn)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_ASSIGN_OR_RETURN(ManagedPolicy policy, RequirePolicy(transaction, arn));
        // AWS: a policy must be detached everywhere and lose its non-default
        // versions before it can be deleted.
        if (policy.attachment_count > 0) {
          return IamError::DeleteConflict("Cannot delete a policy attached to entities.");
        }
        STRATUS_ASSIGN_OR_RETURN(
            int64_t versions,
            internal::Count(transaction,
                            "SELECT count(*) FROM policy_versions WHERE policy_arn = ?1", {arn}));
        if (versions > 1) {
          return IamError::DeleteConflict(
              "This policy has more than one version. Before you delete a policy, you must "
              "delete the policy's versions. The default version is deleted with the policy.");
        }
        for (std::string_view sql : {"DELETE FROM policy_versions WHERE policy_arn = ?1",
                                     "DELETE FROM policies WHERE arn = ?1",
                                     "DELETE FROM tags WHERE owner_kind = 'policy' AND "
                                     "owner_key = ?1"}) {
          STRATUS_RETURN_IF_ERROR(transaction.Exec(sql, {arn}).status());
        }
        return true;
      },
      std::move(done));
}

void IamStore::CreatePolicyVersion(std::string arn,
                                   std::string document,
                                   bool set_as_default,
                                   Done<PolicyVersion> done) {
  const int64_t now = options_.clock->NowMillis();
  SubmitWork<PolicyVersion>(
      *database_,
      [arn = std::move(arn), document = std::move(document), set_as_default,
       now](storage::Transaction& transaction) -> Result<PolicyVersion> {
        STRATUS_RETURN_IF_ERROR(RequirePolicy(transaction, arn).status());
        STRATUS_ASSIGN_OR_RETURN(
            int64_t versions,
            internal::Count(transaction,
                            "SELECT count(*) FROM policy_versions WHERE policy_arn = ?1", {arn}));
        if (versions >= kMaxPolicyVersions) {
          return IamError::LimitExceeded(
              "A managed policy can have up to 5 versions. Before you create a new version, you "
              "must delete an existing version.");
        }
        STRATUS_ASSIGN_OR_RETURN(
            int64_t next,
            internal::Count(transaction, "SELECT next_version FROM policies WHERE arn = ?1",
                            {arn}));
        PolicyVersion version{.version_id = Format("v{}", next),
                              .document = document,
                              .is_default = set_as_default,
                              .created_millis = now};
        STRATUS_RETURN_IF_ERROR(transaction
                                    .Exec("INSERT INTO policy_versions(policy_arn, version_id, "
                                          "document, created_millis) VALUES (?1, ?2, ?3, ?4)",
                                          {arn, version.version_id, document, now})
                                    .status());
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec("UPDATE policies SET next_version = next_version + 1, updated_millis = ?2, "
                      "default_version = CASE WHEN ?3 = 1 THEN ?4 ELSE default_version END "
                      "WHERE arn = ?1",
                      {arn, now, int64_t{set_as_default ? 1 : 0}, version.version_id})
                .status());
        return version;
      },
      std::move(done));
}

Result<PolicyVersion> IamStore::GetPolicyVersion(std::string_view arn,
                                                 std::string_view version_id) const {
  return ReadWork<PolicyVersion>(
      *database_, [&](storage::Transaction& transaction) -> Result<PolicyVersion> {
        STRATUS_ASSIGN_OR_RETURN(ManagedPolicy policy, RequirePolicy(transaction, arn));
        std::optional<PolicyVersion> found;
        STRATUS_RETURN_IF_ERROR(transaction.Query(
            "SELECT version_id, document, created_millis FROM policy_versions WHERE policy_arn = "
            "?1 AND version_id = ?2",
            {std::string(arn), std::string(version_id)}, [&](const storage::Row& row) -> Status {
              found = PolicyVersion{.version_id = row.GetText(0),
                                    .document = row.GetText(1),
                                    .is_default = row.GetText(0) == policy.default_version_id,
                                    .created_millis = row.GetInt(2)};
              return Status::Ok();
            }));
        if (!found.has_value()) {
          return VersionNotFound(arn, version_id);
        }
        return *std::move(found);
      });
}

Result<std::vector<PolicyVersion>> IamStore::ListPolicyVersions(std::string_view arn) const {
  return ReadWork<std::vector<PolicyVersion>>(
      *database_, [&](storage::Transaction& transaction) -> Result<std::vector<PolicyVersion>> {
        STRATUS_ASSIGN_OR_RETURN(ManagedPolicy policy, RequirePolicy(transaction, arn));
        std::vector<PolicyVersion> versions;
        // AWS: the newest version comes first.
        STRATUS_RETURN_IF_ERROR(transaction.Query(
            "SELECT version_id, created_millis FROM policy_versions WHERE policy_arn = ?1 ORDER "
            "BY CAST(substr(version_id, 2) AS INTEGER) DESC",
            {std::string(arn)}, [&](const storage::Row& row) -> Status {
              versions.push_back(
                  PolicyVersion{.version_id = row.GetText(0),
                                .document = {},
                                .is_default = row.GetText(0) == policy.default_version_id,
                                .created_millis = row.GetInt(1)});
              return Status::Ok();
            }));
        return versions;
      });
}

void IamStore::DeletePolicyVersion(std::string arn, std::string version_id, Done<bool> done) {
  SubmitWork<bool>(
      *database_,
      [arn = std::move(arn),
       version_id = std::move(version_id)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_ASSIGN_OR_RETURN(ManagedPolicy policy, RequirePolicy(transaction, arn));
        if (policy.default_version_id == version_id) {
          return IamError::DeleteConflict("Cannot delete the default version of a policy.");
        }
        STRATUS_ASSIGN_OR_RETURN(
            int64_t deleted,
            transaction.Exec(
                "DELETE FROM policy_versions WHERE policy_arn = ?1 AND version_id = ?2",
                {arn, version_id}));
        if (deleted == 0) {
          return VersionNotFound(arn, version_id);
        }
        return true;
      },
      std::move(done));
}

void IamStore::SetDefaultPolicyVersion(std::string arn, std::string version_id, Done<bool> done) {
  const int64_t now = options_.clock->NowMillis();
  SubmitWork<bool>(
      *database_,
      [arn = std::move(arn), version_id = std::move(version_id),
       now](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_RETURN_IF_ERROR(RequirePolicy(transaction, arn).status());
        STRATUS_ASSIGN_OR_RETURN(int64_t found,
                                 internal::Count(transaction,
                                                 "SELECT count(*) FROM policy_versions WHERE "
                                                 "policy_arn = ?1 AND version_id = ?2",
                                                 {arn, version_id}));
        if (found == 0) {
          return VersionNotFound(arn, version_id);
        }
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec("UPDATE policies SET default_version = ?2, updated_millis = ?3 WHERE "
                      "arn = ?1",
                      {arn, version_id, now})
                .status());
        return true;
      },
      std::move(done));
}

void IamStore::AttachPolicy(PrincipalKind kind,
                            std::string owner,
                            std::string arn,
                            Done<bool> done) {
  SubmitWork<bool>(
      *database_,
      [kind, owner = std::move(owner),
       arn = std::move(arn)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_RETURN_IF_ERROR(internal::RequireOwner(transaction, kind, owner));
        // AWS: AWS managed policies are attachable by ARN; stratus stores none
        // of them and records the attachment as given.
        if (!arn.starts_with(kAwsPolicyPrefix)) {
          STRATUS_RETURN_IF_ERROR(RequirePolicy(transaction, arn).status());
        }
        STRATUS_RETURN_IF_ERROR(transaction
                                    .Exec("INSERT OR IGNORE INTO attachments(owner_kind, "
                                          "owner_key, policy_arn) VALUES (?1, ?2, ?3)",
                                          {internal::KindName(kind), NameKey(owner), arn})
                                    .status());
        return true;
      },
      std::move(done));
}

void IamStore::DetachPolicy(PrincipalKind kind,
                            std::string owner,
                            std::string arn,
                            Done<bool> done) {
  SubmitWork<bool>(
      *database_,
      [kind, owner = std::move(owner),
       arn = std::move(arn)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_RETURN_IF_ERROR(internal::RequireOwner(transaction, kind, owner));
        STRATUS_ASSIGN_OR_RETURN(
            int64_t deleted,
            transaction.Exec("DELETE FROM attachments WHERE owner_kind = ?1 AND owner_key = ?2 "
                             "AND policy_arn = ?3",
                             {internal::KindName(kind), NameKey(owner), arn}));
        if (deleted == 0) {
          return IamError::NoSuchEntity(Format("Policy {} was not found.", arn));
        }
        return true;
      },
      std::move(done));
}

Result<Page<AttachedPolicy>> IamStore::ListAttachedPolicies(PrincipalKind kind,
                                                            std::string_view owner,
                                                            std::string_view path_prefix,
                                                            const PageRequest& page) const {
  return ReadWork<Page<AttachedPolicy>>(
      *database_, [&](storage::Transaction& transaction) -> Result<Page<AttachedPolicy>> {
        STRATUS_RETURN_IF_ERROR(internal::RequireOwner(transaction, kind, owner));
        std::vector<std::pair<std::string, AttachedPolicy>> rows;
        STRATUS_RETURN_IF_ERROR(transaction.Query(
            "SELECT policy_arn FROM attachments WHERE owner_kind = ?1 AND owner_key = ?2 AND "
            "policy_arn > ?3 ORDER BY policy_arn",
            {internal::KindName(kind), NameKey(owner), page.marker},
            [&](const storage::Row& row) -> Status {
              std::string arn = row.GetText(0);
              // The policy's path and name are the ARN's resource after "policy".
              const size_t resource = arn.find(":policy/");
              std::string path_and_name =
                  resource == std::string::npos ? "/" : arn.substr(resource + 7);
              const size_t last_slash = path_and_name.rfind('/');
              std::string path = path_and_name.substr(0, last_slash + 1);
              if (!path.starts_with(path_prefix) ||
                  static_cast<int>(rows.size()) > page.max_items) {
                return Status::Ok();
              }
              rows.emplace_back(
                  arn, AttachedPolicy{.name = path_and_name.substr(last_slash + 1), .arn = arn});
              return Status::Ok();
            }));
        return internal::MakePage(std::move(rows), page.max_items);
      });
}

}  // namespace stratus::iam
