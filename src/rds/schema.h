#pragma once

#include <span>
#include <string_view>

namespace stratus::rds {

/// Returns rds.db's migrations (docs/formats/rds.md), one per schema version.
std::span<const std::string_view> RdsMigrations();

}  // namespace stratus::rds
