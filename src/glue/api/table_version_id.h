#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "base/json.h"
#include "glue/catalog_types.h"

namespace stratus::glue::api {

/// Returns the version number a VersionId names ("0", "1", ...), or nullopt
/// when it names none (not a non-negative decimal number).
std::optional<int64_t> ParseTableVersionId(std::string_view version_id);

/// Writes a TableVersion: {"Table": ..., "VersionId": "<n>"}.
Json TableVersionToJson(const Table& table);

}  // namespace stratus::glue::api
