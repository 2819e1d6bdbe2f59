#include "sts/api/caller.h"
#include "sts/api/handlers.h"

namespace stratus::sts::api {

Result<Json> GetCallerIdentity(iam::IamStore& store,
                               const aws::RequestContext& context,
                               const Json& /*input*/) {
  STRATUS_ASSIGN_OR_RETURN(Caller caller, CallerOf(store, context));
  return Json{{"UserId", caller.user_id}, {"Account", context.account_id}, {"Arn", caller.arn}};
}

}  // namespace stratus::sts::api
