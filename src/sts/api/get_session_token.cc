#include <utility>

#include "iam/api/request_fields.h"
#include "iam/iam_store.h"
#include "sts/api/caller.h"
#include "sts/api/handlers.h"
#include "sts/api/session_credentials.h"
#include "sts/errors.h"

namespace stratus::sts::api {
namespace {

// AWS: GetSessionToken's credentials last 12 hours unless asked otherwise.
constexpr int64_t kDefaultDurationSeconds = 43200;

}  // namespace

void GetSessionToken(iam::IamStore& store,
                     const aws::RequestContext& context,
                     const Json& input,
                     aws::Reply reply) {
  Status started = [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> duration,
                             iam::api::OptionalInteger(input, "DurationSeconds"));
    STRATUS_ASSIGN_OR_RETURN(Caller caller, CallerOf(store, context));
    if (caller.temporary) {
      // AWS: temporary credentials cannot make more of themselves.
      return StsError::AccessDenied("Cannot call GetSessionToken with session credentials");
    }
    // The session acts as its caller: GetCallerIdentity names the same user.
    store.CreateSession(std::move(caller.arn), std::move(caller.user_id),
                        static_cast<int>(duration.value_or(kDefaultDurationSeconds)),
                        aws::ReplyAfterCommit<iam::Session>(
                            std::move(reply),
                            [](iam::Session session) {
                              return Json{{"Credentials", CredentialsJson(session)}};
                            },
                            &StsError::FromEngine));
    return Status::Ok();
  }();
  if (!started.ok()) {
    reply(StsError::FromEngine(started));
  }
}

}  // namespace stratus::sts::api
