#pragma once

#include <optional>
#include <string>

#include "base/json.h"
#include "iam/iam_types.h"

namespace stratus::iam::api {

// The IAM model's output shapes, from the store's records. Dates are epoch
// seconds, which the query codec writes as ISO 8601; policy documents are
// URL-encoded as IAM returns them.

Json TagsJson(const Tags& tags);
Json RoleJson(const Role& role);
Json PolicyJson(const ManagedPolicy& policy);
Json PolicyVersionJson(const PolicyVersion& version, bool with_document);
Json InstanceProfileJson(const InstanceProfile& profile);
Json UserJson(const User& user);
Json AccessKeyJson(const AccessKey& key, bool with_secret);

/// Returns epoch seconds for store milliseconds.
double EpochSeconds(int64_t millis);

/// Adds IsTruncated and, when more follow, Marker to a list output.
void AddPaging(Json& output, const std::optional<std::string>& marker);

}  // namespace stratus::iam::api
