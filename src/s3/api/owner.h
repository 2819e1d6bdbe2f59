#pragma once

#include <string>
#include <string_view>

#include "base/json.h"

namespace stratus::s3::api {

/// Returns the canonical user id S3 shows for an account: 64 hex digits
/// (here the SHA-256 of the account id, so that it is stable).
std::string CanonicalUserId(std::string_view account_id);

/// Returns the Owner member of listings and ACLs: {"DisplayName", "ID"}.
Json OwnerJson(std::string_view account_id);

/// Returns the ACL S3 shows when ACLs are disabled: the owner with
/// FULL_CONTROL ({"Owner", "Grants"}).
Json OwnerOnlyAcl(std::string_view account_id);

}  // namespace stratus::s3::api
