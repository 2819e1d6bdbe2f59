#pragma once

#include "aws/operation_table.h"
#include "aws/request_context.h"
#include "aws/service_operations.h"
#include "base/json.h"

namespace stratus::iam {
class IamStore;
}  // namespace stratus::iam

// One handler per STS operation, each in its own file named after it. STS
// keeps its temporary credentials in IAM's store. operations.cc binds them
// to their operation names.
namespace stratus::sts::api {

using Handler = aws::CommitHandler<iam::IamStore>;
using SyncHandler = aws::ReadHandler<iam::IamStore>;

SyncHandler GetCallerIdentity;
Handler AssumeRole;
Handler GetSessionToken;
SyncHandler GetAccessKeyInfo;

}  // namespace stratus::sts::api
