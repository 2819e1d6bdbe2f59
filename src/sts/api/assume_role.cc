#include <utility>

#include "aws/request_fields.h"
#include "base/format.h"
#include "iam/api/request_fields.h"
#include "iam/iam_store.h"
#include "sts/api/caller.h"
#include "sts/api/handlers.h"
#include "sts/api/session_credentials.h"
#include "sts/errors.h"

namespace stratus::sts::api {
namespace {

constexpr int64_t kDefaultDurationSeconds = 3600;

bool IsSessionNameCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '+' || c == '=' || c == ',' || c == '.' || c == '@' || c == '-';
}

// Returns the role an AssumeRole call may assume, or AccessDenied as AWS
// answers for a role that does not exist.
Result<iam::Role> RoleToAssume(const iam::IamStore& store,
                               const aws::RequestContext& context,
                               const std::string& role_arn) {
  STRATUS_ASSIGN_OR_RETURN(Caller caller, CallerOf(store, context));
  const Status denied = StsError::AccessDenied(
      Format("User: {} is not authorized to perform: sts:AssumeRole on resource: {}", caller.arn,
             role_arn));
  const size_t resource = role_arn.find(":role/");
  if (!role_arn.starts_with("arn:aws:iam::") || resource == std::string::npos) {
    return StsError::Validation(Format("{} is invalid", role_arn));
  }
  Result<iam::Role> role = store.GetRole(role_arn.substr(role_arn.rfind('/') + 1));
  if (!role.ok()) {
    return role.status().code() == StatusCode::kNotFound ? denied : role.status();
  }
  if (role->arn != role_arn) {
    return denied;
  }
  return role;
}

}  // namespace

void AssumeRole(iam::IamStore& store,
                const aws::RequestContext& context,
                const Json& input,
                aws::Reply reply) {
  Status started = [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string role_arn, iam::api::RequiredString(input, "RoleArn"));
    STRATUS_ASSIGN_OR_RETURN(std::string session_name,
                             iam::api::RequiredString(input, "RoleSessionName"));
    for (char c : session_name) {
      if (!IsSessionNameCharacter(c)) {
        return StsError::Validation(
            Format("1 validation error detected: Value '{}' at 'roleSessionName' failed to satisfy "
                   "constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
                   session_name));
      }
    }
    STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> duration,
                             iam::api::OptionalInteger(input, "DurationSeconds"));
    STRATUS_ASSIGN_OR_RETURN(iam::Role role, RoleToAssume(store, context, role_arn));
    const int64_t seconds = duration.value_or(kDefaultDurationSeconds);
    if (seconds > role.max_session_seconds) {
      // AWS: "The requested DurationSeconds exceeds the MaxSessionDuration set
      // for this role." Pinned by test/wire/test_sts.py::test_assume_role_errors.
      return StsError::Validation(
          "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    }
    std::string arn =
        Format("arn:aws:sts::{}:assumed-role/{}/{}", store.account_id(), role.name, session_name);
    std::string user_id = role.id + ":" + session_name;
    Json assumed = {{"AssumedRoleId", user_id}, {"Arn", arn}};
    store.CreateSession(std::move(arn), std::move(user_id), static_cast<int>(seconds),
                        aws::ReplyAfterCommit<iam::Session>(
                            std::move(reply),
                            [assumed = std::move(assumed)](iam::Session session) {
                              return Json{{"Credentials", CredentialsJson(session)},
                                          {"AssumedRoleUser", assumed},
                                          {"PackedPolicySize", 0}};
                            },
                            &StsError::FromEngine));
    return Status::Ok();
  }();
  if (!started.ok()) {
    reply(StsError::FromEngine(started));
  }
}

}  // namespace stratus::sts::api
