#include "sts/api/handlers.h"

namespace stratus::sts::api {

// AWS: GetAccessKeyInfo names the account a key belongs to; every key
// stratus knows belongs to its one account.
Result<Json> GetAccessKeyInfo(iam::IamStore& /*store*/,
                              const aws::RequestContext& context,
                              const Json& /*input*/) {
  return Json{{"Account", context.account_id}};
}

}  // namespace stratus::sts::api
