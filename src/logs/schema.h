#pragma once

#include <span>
#include <string_view>

namespace stratus::logs {

/// The migrations of logs.db, in order (docs/formats/logs.md).
std::span<const std::string_view> LogsMigrations();

}  // namespace stratus::logs
