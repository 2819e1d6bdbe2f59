#include "glue/api/table_version_id.h"

#include <charconv>
#include <string>

#include "glue/api/catalog_json.h"

namespace stratus::glue::api {

std::optional<int64_t> ParseTableVersionId(std::string_view version_id) {
  int64_t version = 0;
  const auto [end, error] =
      std::from_chars(version_id.data(), version_id.data() + version_id.size(), version);
  if (error != std::errc() || end != version_id.data() + version_id.size() || version < 0) {
    return std::nullopt;
  }
  return version;
}

Json TableVersionToJson(const Table& table) {
  return Json{{"Table", TableToJson(table)}, {"VersionId", std::to_string(table.version)}};
}

}  // namespace stratus::glue::api
