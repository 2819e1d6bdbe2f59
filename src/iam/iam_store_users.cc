// IamStore's users, their access keys, and STS's temporary credentials.

#include <utility>

#include "base/clock.h"
#include "base/format.h"
#include "base/random.h"
#include "iam/errors.h"
#include "iam/iam_store.h"
#include "iam/iam_store_internal.h"

namespace stratus::iam {

using internal::NameKey;
using internal::ReadWork;
using internal::SubmitWork;

namespace {

// AWS: a user has at most two access keys.
constexpr int64_t kMaxAccessKeys = 2;

constexpr std::string_view kUserColumns = "name_key, name, path, id, arn, created_millis";

User UserOf(const storage::Row& row) {
  return User{.name = row.GetText(1),
              .path = row.GetText(2),
              .id = row.GetText(3),
              .arn = row.GetText(4),
              .created_millis = row.GetInt(5),
              .tags = {}};
}

Result<User> RequireUser(storage::Transaction& transaction, std::string_view name) {
  std::optional<User> found;
  STRATUS_RETURN_IF_ERROR(
      transaction.Query(Format("SELECT {} FROM users WHERE name_key = ?1", kUserColumns),
                        {NameKey(name)}, [&](const storage::Row& row) -> Status {
                          found = UserOf(row);
                          return Status::Ok();
                        }));
  if (!found.has_value()) {
    return IamError::NoSuchEntity(Format("The user with name {} cannot be found.", name));
  }
  STRATUS_ASSIGN_OR_RETURN(found->tags, internal::LoadTags(transaction, "user", NameKey(name)));
  return *std::move(found);
}

// Returns `length` characters drawn from `alphabet`.
std::string RandomText(IdGenerator& ids, std::string_view alphabet, int length) {
  std::string text;
  text.reserve(static_cast<size_t>(length));
  for (int i = 0; i < length; ++i) {
    text += alphabet[ids.Uniform(alphabet.size())];
  }
  return text;
}

constexpr std::string_view kKeyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr std::string_view kSecretAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
// AWS: access key ids are 20 characters, secrets 40.
constexpr int kKeyIdSuffixLength = 16;
constexpr int kSecretLength = 40;
constexpr int kSessionTokenLength = 356;

Status KeyNotFound(std::string_view access_key_id) {
  return IamError::NoSuchEntity(
      Format("The Access Key with id {} cannot be found.", access_key_id));
}

}  // namespace

void IamStore::CreateUser(std::string name, std::string path, Tags tags, Done<User> done) {
  User user{.name = name,
            .path = path,
            .id = NewId("AIDA"),
            .arn = Arn("user", path, name),
            .created_millis = options_.clock->NowMillis(),
            .tags = std::move(tags)};
  SubmitWork<User>(
      *database_,
      [user = std::move(user)](storage::Transaction& transaction) -> Result<User> {
        STRATUS_ASSIGN_OR_RETURN(
            int64_t existing,
            internal::Count(transaction, "SELECT count(*) FROM users WHERE name_key = ?1",
                            {NameKey(user.name)}));
        if (existing > 0) {
          return IamError::AlreadyExists(Format("User with name {} already exists.", user.name));
        }
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec(Format("INSERT INTO users({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", kUserColumns),
                      {NameKey(user.name), user.name, user.path, user.id, user.arn,
                       user.created_millis})
                .status());
        STRATUS_RETURN_IF_ERROR(
            internal::PutTags(transaction, "user", NameKey(user.name), user.tags));
        return user;
      },
      std::move(done));
}

Result<User> IamStore::GetUser(std::string_view name) const {
  return ReadWork<User>(*database_, [name](storage::Transaction& transaction) {
    return RequireUser(transaction, name);
  });
}

Result<Page<User>> IamStore::ListUsers(std::string_view path_prefix,
                                       const PageRequest& page) const {
  return ReadWork<Page<User>>(
      *database_, [&](storage::Transaction& transaction) -> Result<Page<User>> {
        std::vector<std::pair<std::string, User>> rows;
        STRATUS_RETURN_IF_ERROR(transaction.Query(
            Format("SELECT {} FROM users WHERE name_key > ?1 AND substr(path, 1, length(?2)) = ?2 "
                   "ORDER BY name_key LIMIT ?3",
                   kUserColumns),
            {page.marker, std::string(path_prefix), int64_t{page.max_items} + 1},
            [&](const storage::Row& row) -> Status {
              rows.emplace_back(row.GetText(0), UserOf(row));
              return Status::Ok();
            }));
        return internal::MakePage(std::move(rows), page.max_items);
      });
}

void IamStore::DeleteUser(std::string name, Done<bool> done) {
  SubmitWork<bool>(
      *database_,
      [name = std::move(name)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_RETURN_IF_ERROR(RequireUser(transaction, name).status());
        const std::string key = NameKey(name);
        // AWS: a user must lose its keys and policies before it can be deleted.
        for (std::string_view sql :
             {"SELECT count(*) FROM access_keys WHERE user_key = ?1",
              "SELECT count(*) FROM inline_policies WHERE owner_kind = 'user' AND owner_key = ?1",
              "SELECT count(*) FROM attachments WHERE owner_kind = 'user' AND owner_key = ?1"}) {
          STRATUS_ASSIGN_OR_RETURN(int64_t count, internal::Count(transaction, sql, {key}));
          if (count > 0) {
            return IamError::DeleteConflict(
                "Cannot delete entity, must delete access keys and policies first.");
          }
        }
        STRATUS_RETURN_IF_ERROR(internal::DeleteOwned(transaction, "user", key));
        STRATUS_RETURN_IF_ERROR(
            transaction.Exec("DELETE FROM users WHERE name_key = ?1", {key}).status());
        return true;
      },
      std::move(done));
}

void IamStore::CreateAccessKey(std::string user, Done<AccessKey> done) {
  AccessKey key{
      .access_key_id = "AKIA" + RandomText(*options_.ids, kKeyAlphabet, kKeyIdSuffixLength),
      .secret_access_key = RandomText(*options_.ids, kSecretAlphabet, kSecretLength),
      .user_name = std::move(user),
      .active = true,
      .created_millis = options_.clock->NowMillis()};
  SubmitWork<AccessKey>(
      *database_,
      [key = std::move(key)](storage::Transaction& transaction) mutable -> Result<AccessKey> {
        STRATUS_ASSIGN_OR_RETURN(User owner, RequireUser(transaction, key.user_name));
        key.user_name = owner.name;
        STRATUS_ASSIGN_OR_RETURN(
            int64_t existing,
            internal::Count(transaction, "SELECT count(*) FROM access_keys WHERE user_key = ?1",
                            {NameKey(owner.name)}));
        if (existing >= kMaxAccessKeys) {
          return IamError::LimitExceeded("Cannot exceed quota for AccessKeysPerUser: 2");
        }
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec("INSERT INTO access_keys(access_key_id, user_key, secret, active, "
                      "created_millis) VALUES (?1, ?2, ?3, 1, ?4)",
                      {key.access_key_id, NameKey(owner.name), key.secret_access_key,
                       key.created_millis})
                .status());
        return key;
      },
      std::move(done));
}

Result<std::vector<AccessKey>> IamStore::ListAccessKeys(std::string_view user) const {
  return ReadWork<std::vector<AccessKey>>(
      *database_, [&](storage::Transaction& transaction) -> Result<std::vector<AccessKey>> {
        STRATUS_ASSIGN_OR_RETURN(User found, RequireUser(transaction, user));
        std::vector<AccessKey> keys;
        STRATUS_RETURN_IF_ERROR(transaction.Query(
            "SELECT access_key_id, active, created_millis FROM access_keys WHERE user_key = ?1 "
            "ORDER BY created_millis, access_key_id",
            {NameKey(user)}, [&](const storage::Row& row) -> Status {
              keys.push_back(AccessKey{.access_key_id = row.GetText(0),
                                       .secret_access_key = {},
                                       .user_name = found.name,
                                       .active = row.GetInt(1) != 0,
                                       .created_millis = row.GetInt(2)});
              return Status::Ok();
            }));
        return keys;
      });
}

void IamStore::UpdateAccessKey(std::string user,
                               std::string access_key_id,
                               bool active,
                               Done<bool> done) {
  SubmitWork<bool>(
      *database_,
      [user = std::move(user), access_key_id = std::move(access_key_id),
       active](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_RETURN_IF_ERROR(RequireUser(transaction, user).status());
        STRATUS_ASSIGN_OR_RETURN(
            int64_t changed,
            transaction.Exec("UPDATE access_keys SET active = ?3 WHERE access_key_id = ?1 AND "
                             "user_key = ?2",
                             {access_key_id, NameKey(user), int64_t{active ? 1 : 0}}));
        if (changed == 0) {
          return KeyNotFound(access_key_id);
        }
        return true;
      },
      std::move(done));
}

void IamStore::DeleteAccessKey(std::string user, std::string access_key_id, Done<bool> done) {
  SubmitWork<bool>(
      *database_,
      [user = std::move(user), access_key_id = std::move(access_key_id)](
          storage::Transaction& transaction) -> Result<bool> {
        STRATUS_RETURN_IF_ERROR(RequireUser(transaction, user).status());
        STRATUS_ASSIGN_OR_RETURN(
            int64_t deleted,
            transaction.Exec("DELETE FROM access_keys WHERE access_key_id = ?1 AND user_key = ?2",
                             {access_key_id, NameKey(user)}));
        if (deleted == 0) {
          return KeyNotFound(access_key_id);
        }
        return true;
      },
      std::move(done));
}

void IamStore::CreateSession(std::string arn,
                             std::string user_id,
                             int duration_seconds,
                             Done<Session> done) {
  constexpr int64_t kMillisPerSecond = 1000;
  Session session{
      .access_key_id = "ASIA" + RandomText(*options_.ids, kKeyAlphabet, kKeyIdSuffixLength),
      .secret_access_key = RandomText(*options_.ids, kSecretAlphabet, kSecretLength),
      .session_token =
          "IQoJb3JpZ2luX2VjE" + RandomText(*options_.ids, kSecretAlphabet, kSessionTokenLength),
      .expires_millis = options_.clock->NowMillis() + duration_seconds * kMillisPerSecond,
      .arn = std::move(arn),
      .user_id = std::move(user_id)};
  SubmitWork<Session>(
      *database_,
      [session = std::move(session)](storage::Transaction& transaction) -> Result<Session> {
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec("INSERT INTO sessions(access_key_id, secret, session_token, expires_millis, "
                      "arn, user_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                      {session.access_key_id, session.secret_access_key, session.session_token,
                       session.expires_millis, session.arn, session.user_id})
                .status());
        return session;
      },
      std::move(done));
}

Result<std::optional<Credential>> IamStore::FindCredential(std::string_view access_key_id) const {
  return ReadWork<std::optional<Credential>>(
      *database_, [&](storage::Transaction& transaction) -> Result<std::optional<Credential>> {
        std::optional<Credential> found;
        STRATUS_RETURN_IF_ERROR(transaction.Query(
            "SELECT k.secret, k.active, u.arn, u.id FROM access_keys k JOIN users u ON "
            "u.name_key = k.user_key WHERE k.access_key_id = ?1",
            {std::string(access_key_id)}, [&](const storage::Row& row) -> Status {
              found = Credential{.secret_access_key = row.GetText(0),
                                 .session_token = {},
                                 .expires_millis = std::nullopt,
                                 .arn = row.GetText(2),
                                 .user_id = row.GetText(3),
                                 .active = row.GetInt(1) != 0};
              return Status::Ok();
            }));
        if (found.has_value()) {
          return found;
        }
        STRATUS_RETURN_IF_ERROR(transaction.Query(
            "SELECT secret, session_token, expires_millis, arn, user_id FROM sessions WHERE "
            "access_key_id = ?1",
            {std::string(access_key_id)}, [&](const storage::Row& row) -> Status {
              found = Credential{.secret_access_key = row.GetText(0),
                                 .session_token = row.GetText(1),
                                 .expires_millis = row.GetInt(2),
                                 .arn = row.GetText(3),
                                 .user_id = row.GetText(4),
                                 .active = true};
              return Status::Ok();
            }));
        return found;
      });
}

}  // namespace stratus::iam
