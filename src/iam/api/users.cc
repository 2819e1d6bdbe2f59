// The user and access key operations: CreateUser, GetUser, ListUsers,
// DeleteUser, CreateAccessKey, ListAccessKeys, UpdateAccessKey,
// DeleteAccessKey.

#include <utility>

#include "iam/api/handlers.h"
#include "iam/api/iam_json.h"
#include "iam/api/request_fields.h"
#include "iam/iam_store.h"

namespace stratus::iam::api {
namespace {

// Returns the name of the user whose access key signed the call, or nullopt
// for any other caller (the root's keys, temporary credentials).
Result<std::optional<std::string>> CallerUser(IamStore& store, const aws::RequestContext& context) {
  if (context.access_key_id.empty()) {
    return std::optional<std::string>();
  }
  STRATUS_ASSIGN_OR_RETURN(std::optional<Credential> credential,
                           store.FindCredential(context.access_key_id));
  if (!credential.has_value() || !credential->session_token.empty() ||
      credential->arn.find(":user/") == std::string::npos) {
    return std::optional<std::string>();
  }
  return std::optional<std::string>(credential->arn.substr(credential->arn.rfind('/') + 1));
}

// Returns UserName, else the calling user.
Result<std::string> UserNameOrCaller(IamStore& store,
                                     const aws::RequestContext& context,
                                     const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> name, OptionalString(input, "UserName"));
  if (name.has_value()) {
    return *std::move(name);
  }
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> caller, CallerUser(store, context));
  if (!caller.has_value()) {
    return IamError::Validation("Must specify userName when calling with non-User credentials");
  }
  return *std::move(caller);
}

}  // namespace

void CreateUser(IamStore& store,
                const aws::RequestContext& /*context*/,
                const Json& input,
                aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredName(input, "UserName"));
    STRATUS_ASSIGN_OR_RETURN(std::string path, PathOf(input));
    STRATUS_ASSIGN_OR_RETURN(Tags tags, TagsOf(input));
    store.CreateUser(std::move(name), std::move(path), std::move(tags),
                     ReplyAfterCommit<User>(std::move(reply), [](User user) {
                       return Json{{"User", UserJson(user)}};
                     }));
    return Status::Ok();
  });
}

Result<Json> GetUser(IamStore& store, const aws::RequestContext& context, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> name, OptionalString(input, "UserName"));
  if (!name.has_value()) {
    STRATUS_ASSIGN_OR_RETURN(name, CallerUser(store, context));
  }
  if (!name.has_value()) {
    // AWS: the root user is its account: UserId is the account id.
    return Json{{"User",
                 {{"Path", "/"},
                  {"UserId", context.account_id},
                  {"Arn", "arn:aws:iam::" + context.account_id + ":root"},
                  {"CreateDate", EpochSeconds(store.clock().NowMillis())}}}};
  }
  STRATUS_ASSIGN_OR_RETURN(User user, store.GetUser(*name));
  return Json{{"User", UserJson(user)}};
}

Result<Json> ListUsers(IamStore& store, const aws::RequestContext& /*context*/, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string prefix, PathOf(input, "PathPrefix"));
  STRATUS_ASSIGN_OR_RETURN(PageRequest page, PageOf(input));
  STRATUS_ASSIGN_OR_RETURN(Page<User> users, store.ListUsers(prefix, page));
  Json output = {{"Users", Json::array()}};
  for (const User& user : users.items) {
    output["Users"].push_back(UserJson(user));
  }
  AddPaging(output, users.marker);
  return output;
}

void DeleteUser(IamStore& store,
                const aws::RequestContext& /*context*/,
                const Json& input,
                aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "UserName"));
    store.DeleteUser(std::move(name), ReplyEmptyAfterCommit<bool>(std::move(reply)));
    return Status::Ok();
  });
}

void CreateAccessKey(IamStore& store,
                     const aws::RequestContext& context,
                     const Json& input,
                     aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string name, UserNameOrCaller(store, context, input));
    store.CreateAccessKey(std::move(name),
                          ReplyAfterCommit<AccessKey>(std::move(reply), [](AccessKey key) {
                            return Json{{"AccessKey", AccessKeyJson(key, /*with_secret=*/true)}};
                          }));
    return Status::Ok();
  });
}

Result<Json> ListAccessKeys(IamStore& store,
                            const aws::RequestContext& context,
                            const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string name, UserNameOrCaller(store, context, input));
  STRATUS_ASSIGN_OR_RETURN(std::vector<AccessKey> keys, store.ListAccessKeys(name));
  Json output = {{"AccessKeyMetadata", Json::array()}, {"IsTruncated", false}};
  for (const AccessKey& key : keys) {
    output["AccessKeyMetadata"].push_back(AccessKeyJson(key, /*with_secret=*/false));
  }
  return output;
}

void UpdateAccessKey(IamStore& store,
                     const aws::RequestContext& context,
                     const Json& input,
                     aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string name, UserNameOrCaller(store, context, input));
    STRATUS_ASSIGN_OR_RETURN(std::string key, RequiredString(input, "AccessKeyId"));
    STRATUS_ASSIGN_OR_RETURN(std::string status, RequiredString(input, "Status"));
    if (status != "Active" && status != "Inactive") {
      return IamError::Validation(
          "1 validation error detected: Value '" + status +
          "' at 'status' failed to satisfy constraint: Member must satisfy enum value set: "
          "[Active, Inactive]");
    }
    store.UpdateAccessKey(std::move(name), std::move(key), status == "Active",
                          ReplyEmptyAfterCommit<bool>(std::move(reply)));
    return Status::Ok();
  });
}

void DeleteAccessKey(IamStore& store,
                     const aws::RequestContext& context,
                     const Json& input,
                     aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string name, UserNameOrCaller(store, context, input));
    STRATUS_ASSIGN_OR_RETURN(std::string key, RequiredString(input, "AccessKeyId"));
    store.DeleteAccessKey(std::move(name), std::move(key),
                          ReplyEmptyAfterCommit<bool>(std::move(reply)));
    return Status::Ok();
  });
}

}  // namespace stratus::iam::api
