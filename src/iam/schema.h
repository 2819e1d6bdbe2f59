#pragma once

#include <span>
#include <string_view>

namespace stratus::iam {

/// The migrations of iam.db, in order (docs/formats/iam.md).
std::span<const std::string_view> IamMigrations();

}  // namespace stratus::iam
