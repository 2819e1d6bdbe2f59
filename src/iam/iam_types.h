#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"

namespace stratus::iam {

/// A store callback: gets the result once the write is committed.
template <typename T>
using Done = std::function<void(Result<T>)>;

using Tags = std::map<std::string, std::string>;

/// What creates a role; the store fills in the id, ARN and date.
struct RoleSpec {
  std::string name = {};
  std::string path = "/";
  std::string assume_role_policy = {};
  std::string description = {};
  int max_session_seconds = 3600;
  Tags tags = {};
};

struct Role {
  std::string name = {};
  std::string path = "/";
  std::string id = {};   // "AROA" + 17 characters.
  std::string arn = {};  // arn:aws:iam::ACCOUNT:role/PATH/NAME
  std::string assume_role_policy = {};
  std::string description = {};
  int max_session_seconds = 3600;
  int64_t created_millis = 0;
  Tags tags = {};
};

/// The changes UpdateRole makes; unset members stay as they are.
struct RoleUpdate {
  std::optional<std::string> description = std::nullopt;
  std::optional<int> max_session_seconds = std::nullopt;
};

/// Who owns an inline policy or an attachment.
enum class PrincipalKind : uint8_t {
  kRole,
  kUser,
};

struct PolicySpec {
  std::string name = {};
  std::string path = "/";
  std::string description = {};
  std::string document = {};
  Tags tags = {};
};

struct ManagedPolicy {
  std::string name = {};
  std::string path = "/";
  std::string id = {};  // "ANPA" + 17 characters.
  std::string arn = {};
  std::string description = {};
  std::string default_version_id = "v1";
  int64_t attachment_count = 0;
  int64_t created_millis = 0;
  int64_t updated_millis = 0;
  Tags tags = {};
};

struct PolicyVersion {
  std::string version_id = {};  // "v1", "v2", ...
  std::string document = {};
  bool is_default = false;
  int64_t created_millis = 0;
};

/// Which managed policies ListPolicies returns.
struct PolicyFilter {
  bool aws_managed = true;  // Scope All or AWS (no AWS policies are stored).
  bool local = true;        // Scope All or Local.
  bool only_attached = false;
  std::string path_prefix = "/";
};

struct AttachedPolicy {
  std::string name = {};
  std::string arn = {};
};

struct InstanceProfile {
  std::string name = {};
  std::string path = "/";
  std::string id = {};  // "AIPA" + 17 characters.
  std::string arn = {};
  int64_t created_millis = 0;
  std::vector<Role> roles = {};
};

struct User {
  std::string name = {};
  std::string path = "/";
  std::string id = {};  // "AIDA" + 17 characters.
  std::string arn = {};
  int64_t created_millis = 0;
  Tags tags = {};
};

struct AccessKey {
  std::string access_key_id = {};  // "AKIA" + 16 characters.
  std::string secret_access_key = {};
  std::string user_name = {};
  bool active = true;
  int64_t created_millis = 0;
};

/// Temporary credentials (AssumeRole, GetSessionToken) and who they act as.
struct Session {
  std::string access_key_id = {};  // "ASIA" + 16 characters.
  std::string secret_access_key = {};
  std::string session_token = {};
  int64_t expires_millis = 0;
  std::string arn = {};      // arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION, or the caller's.
  std::string user_id = {};  // "AROA...:SESSION", or the caller's.
};

/// What a signing key is, for the front door and GetCallerIdentity.
struct Credential {
  std::string secret_access_key = {};
  std::string session_token = {};                        // Empty for long-term keys.
  std::optional<int64_t> expires_millis = std::nullopt;  // Set for temporary ones.
  std::string arn = {};
  std::string user_id = {};
  bool active = true;
};

/// One page of a listing: the items and, when more follow, the marker to
/// pass back for the next page.
template <typename T>
struct Page {
  std::vector<T> items = {};
  std::optional<std::string> marker = std::nullopt;
};

/// Where a listing starts and how much it returns.
struct PageRequest {
  std::string marker = {};  // Empty: from the start.
  int max_items = 100;
};

}  // namespace stratus::iam
