#pragma once

#include <span>
#include <string_view>

namespace stratus::athena {

/// The migrations of athena.db, in order (docs/formats/athena.md).
std::span<const std::string_view> SchemaMigrations();

}  // namespace stratus::athena
