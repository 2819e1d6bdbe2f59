#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace stratus::lake {
class Lake;
}  // namespace stratus::lake

namespace stratus::connectors::mysql {

/// An incremental extract's durable state: `<prefix>_stratus_extract_state.json`
/// (docs/formats/mysql_extract_state.md).
struct ExtractState {
  int version = 1;
  std::string source = {};  // The table, as given.
  std::string column = {};
  std::optional<std::string> watermark = std::nullopt;
  int64_t runs = 0;
};

/// The state object of an extract into `prefix_uri` (ending in '/').
std::string ExtractStateUri(std::string_view prefix_uri);

/// Reads the state; a fresh one when there is none. Corruption for an
/// unreadable one.
Result<ExtractState> ReadExtractState(lake::Lake& lake, std::string_view prefix_uri);

/// Writes the state (one whole-object write: readers see the old or the new).
Status WriteExtractState(lake::Lake& lake, std::string_view prefix_uri, const ExtractState& state);

}  // namespace stratus::connectors::mysql
