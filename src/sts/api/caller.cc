#include "sts/api/caller.h"

#include <optional>

#include "aws/request_context.h"
#include "iam/iam_store.h"

namespace stratus::sts::api {

Result<Caller> CallerOf(const iam::IamStore& store, const aws::RequestContext& context) {
  if (!context.access_key_id.empty()) {
    STRATUS_ASSIGN_OR_RETURN(std::optional<iam::Credential> credential,
                             store.FindCredential(context.access_key_id));
    if (credential.has_value()) {
      return Caller{.user_id = credential->user_id,
                    .arn = credential->arn,
                    .temporary = !credential->session_token.empty()};
    }
  }
  // AWS: the root user's UserId is the account id.
  return Caller{.user_id = context.account_id,
                .arn = "arn:aws:iam::" + context.account_id + ":root",
                .temporary = false};
}

}  // namespace stratus::sts::api
