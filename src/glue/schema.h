#pragma once

#include <span>
#include <string_view>

namespace stratus::glue {

/// The SQL schema of glue.db, one migration per schema version (see
/// docs/formats/glue.md). Existing entries are never edited.
std::span<const std::string_view> SchemaMigrations();

}  // namespace stratus::glue
