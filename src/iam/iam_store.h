#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "iam/iam_types.h"

namespace stratus {
class Clock;
class IdGenerator;
}  // namespace stratus

namespace stratus::storage {
class Database;
}  // namespace stratus::storage

namespace stratus::iam {

struct IamStoreOptions {
  std::string account_id = "000000000000";
  bool fsync = true;
  const Clock* clock = nullptr;
  IdGenerator* ids = nullptr;
};

/// IAM's engine over iam.db (docs/formats/iam.md): roles, managed policies
/// and their versions, inline policies, attachments, instance profiles,
/// users, access keys, and STS's temporary credentials. It records; it
/// enforces nothing. It makes the ids, ARNs and dates as IAM does; it knows
/// no wire format. Errors are IamError's.
///
/// Names: IAM names are unique without regard to case ("MyRole" and
/// "myrole" conflict) and looked up the same way, so every table keys its
/// entities by the lowercased name and keeps the name as given.
///
/// Durability: every write is one storage::Database work and its `done`
/// runs after the group commit, so the API acknowledges only what is
/// durable. Reads run on a read connection.
///
/// Thread safety: every method is safe from any thread. Done callbacks run
/// on the database's writer thread and must not block.
class IamStore {
 public:
  IamStore(const IamStore&) = delete;
  IamStore& operator=(const IamStore&) = delete;
  ~IamStore();

  /// Opens (creating and migrating) the database at `path`.
  /// REQUIRES: options.clock and options.ids outlive the store.
  static Result<std::unique_ptr<IamStore>> Open(const std::string& path, IamStoreOptions options);

  /// Finishes queued writes and closes. Idempotent.
  void Stop();

  const std::string& account_id() const { return options_.account_id; }

  const Clock& clock() const { return *options_.clock; }

  // Roles ---------------------------------------------------------------------

  void CreateRole(RoleSpec spec, Done<Role> done);
  Result<Role> GetRole(std::string_view name) const;
  Result<Page<Role>> ListRoles(std::string_view path_prefix, const PageRequest& page) const;
  void UpdateRole(std::string name, RoleUpdate update, Done<Role> done);
  void UpdateAssumeRolePolicy(std::string name, std::string document, Done<Role> done);
  /// Fails with DeleteConflict while the role has policies or instance profiles.
  void DeleteRole(std::string name, Done<bool> done);
  void TagRole(std::string name, Tags tags, Done<bool> done);
  void UntagRole(std::string name, std::vector<std::string> keys, Done<bool> done);

  // Inline policies (of roles and users) ----------------------------------------

  void PutInlinePolicy(PrincipalKind kind,
                       std::string owner,
                       std::string policy_name,
                       std::string document,
                       Done<bool> done);
  /// Returns the document as it was put.
  Result<std::string> GetInlinePolicy(PrincipalKind kind,
                                      std::string_view owner,
                                      std::string_view policy_name) const;
  Result<Page<std::string>> ListInlinePolicies(PrincipalKind kind,
                                               std::string_view owner,
                                               const PageRequest& page) const;
  void DeleteInlinePolicy(PrincipalKind kind,
                          std::string owner,
                          std::string policy_name,
                          Done<bool> done);

  // Managed policies --------------------------------------------------------------

  void CreatePolicy(PolicySpec spec, Done<ManagedPolicy> done);
  Result<ManagedPolicy> GetPolicy(std::string_view arn) const;
  Result<Page<ManagedPolicy>> ListPolicies(const PolicyFilter& filter,
                                           const PageRequest& page) const;
  /// Fails with DeleteConflict while attached or with versions besides the default.
  void DeletePolicy(std::string arn, Done<bool> done);
  /// Fails with LimitExceeded when the policy already has five versions.
  void CreatePolicyVersion(std::string arn,
                           std::string document,
                           bool set_as_default,
                           Done<PolicyVersion> done);
  Result<PolicyVersion> GetPolicyVersion(std::string_view arn, std::string_view version_id) const;
  Result<std::vector<PolicyVersion>> ListPolicyVersions(std::string_view arn) const;
  /// Fails with DeleteConflict for the default version.
  void DeletePolicyVersion(std::string arn, std::string version_id, Done<bool> done);
  void SetDefaultPolicyVersion(std::string arn, std::string version_id, Done<bool> done);

  /// Attaches a stored policy, or an AWS managed one (arn:aws:iam::aws:policy/...)
  /// whether or not it is stored.
  void AttachPolicy(PrincipalKind kind, std::string owner, std::string arn, Done<bool> done);
  void DetachPolicy(PrincipalKind kind, std::string owner, std::string arn, Done<bool> done);
  Result<Page<AttachedPolicy>> ListAttachedPolicies(PrincipalKind kind,
                                                    std::string_view owner,
                                                    std::string_view path_prefix,
                                                    const PageRequest& page) const;

  // Instance profiles -------------------------------------------------------------

  void CreateInstanceProfile(std::string name, std::string path, Done<InstanceProfile> done);
  Result<InstanceProfile> GetInstanceProfile(std::string_view name) const;
  Result<Page<InstanceProfile>> ListInstanceProfiles(std::string_view path_prefix,
                                                     const PageRequest& page) const;
  Result<Page<InstanceProfile>> ListInstanceProfilesForRole(std::string_view role,
                                                            const PageRequest& page) const;
  /// Fails with DeleteConflict while the profile holds a role.
  void DeleteInstanceProfile(std::string name, Done<bool> done);
  /// Fails with LimitExceeded when the profile already holds a role.
  void AddRoleToInstanceProfile(std::string profile, std::string role, Done<bool> done);
  void RemoveRoleFromInstanceProfile(std::string profile, std::string role, Done<bool> done);

  // Users and access keys ---------------------------------------------------------

  void CreateUser(std::string name, std::string path, Tags tags, Done<User> done);
  Result<User> GetUser(std::string_view name) const;
  Result<Page<User>> ListUsers(std::string_view path_prefix, const PageRequest& page) const;
  /// Fails with DeleteConflict while the user has keys or policies.
  void DeleteUser(std::string name, Done<bool> done);
  /// Fails with LimitExceeded when the user already has two keys.
  void CreateAccessKey(std::string user, Done<AccessKey> done);
  Result<std::vector<AccessKey>> ListAccessKeys(std::string_view user) const;
  void UpdateAccessKey(std::string user, std::string access_key_id, bool active, Done<bool> done);
  void DeleteAccessKey(std::string user, std::string access_key_id, Done<bool> done);

  // Temporary credentials (STS) ----------------------------------------------------

  /// Stores temporary credentials acting as `arn` / `user_id`, valid for
  /// `duration_seconds`; the store makes the key, secret and token.
  void CreateSession(std::string arn,
                     std::string user_id,
                     int duration_seconds,
                     Done<Session> done);

  /// Returns what `access_key_id` is: a key made by CreateAccessKey or a
  /// session (expired ones too: the caller words ExpiredToken), or nullopt.
  Result<std::optional<Credential>> FindCredential(std::string_view access_key_id) const;

  /// Returns a fresh id: `prefix` plus 17 uppercase letters and digits
  /// (role, policy, user and instance-profile ids).
  std::string NewId(std::string_view prefix) const;

  /// Waits until every write submitted so far is committed (for tests).
  Status Flush();

 private:
  IamStore(std::unique_ptr<storage::Database> database, IamStoreOptions options);

  std::string Arn(std::string_view resource, std::string_view path, std::string_view name) const;

  std::unique_ptr<storage::Database> database_;
  IamStoreOptions options_;
  bool stopped_ = false;
};

}  // namespace stratus::iam
