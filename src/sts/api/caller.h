#pragma once

#include <string>

#include "base/result.h"

namespace stratus::aws {
struct RequestContext;
}  // namespace stratus::aws

namespace stratus::iam {
class IamStore;
}  // namespace stratus::iam

namespace stratus::sts::api {

/// Who signed a call, as GetCallerIdentity names them.
struct Caller {
  std::string user_id = {};
  std::string arn = {};
  bool temporary = false;  // Signed with credentials from AssumeRole/GetSessionToken.
};

/// Returns the caller of `context`: the user or session of a key IAM or STS
/// made, else the account's root (the configured keys, unsigned calls).
Result<Caller> CallerOf(const iam::IamStore& store, const aws::RequestContext& context);

}  // namespace stratus::sts::api
