#pragma once

#include <span>
#include <string_view>

namespace stratus::s3 {

/// The SQL schema of s3.db, one migration per schema version (see
/// docs/formats/s3.md). Existing entries are never edited.
std::span<const std::string_view> SchemaMigrations();

}  // namespace stratus::s3
