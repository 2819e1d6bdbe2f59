#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace stratus::iam {

/// Checks an IAM policy document as IAM does before storing it: JSON text
/// holding an object with a "Statement" (one statement object or a
/// non-empty array of them), each with an "Effect" of "Allow" or "Deny".
/// Returns MalformedPolicyDocument otherwise. Nothing is enforced.
///
/// AWS: "This policy contains invalid Json" for text that is not JSON,
/// "Policy document should not specify a principal." is not checked.
/// Pinned by test/wire/test_iam.py::test_malformed_policy_documents.
Status ValidatePolicyDocument(std::string_view text);

/// Returns `text` percent-encoded as IAM returns policy documents in
/// GetRolePolicy and GetPolicyVersion (RFC 3986: unreserved characters
/// stay, everything else becomes %XX).
std::string UrlEncodeDocument(std::string_view text);

}  // namespace stratus::iam
