#pragma once

#include <span>
#include <string_view>

namespace stratus::states::api {

/// The migrations of `<data-dir>/states.db` (docs/formats/states.md), for
/// storage::Database::Migrate(). Append-only: never edit a released step.
std::span<const std::string_view> StatesMigrations();

}  // namespace stratus::states::api
