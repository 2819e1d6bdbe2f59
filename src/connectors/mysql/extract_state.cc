#include "connectors/mysql/extract_state.h"

#include "base/format.h"
#include "base/json.h"
#include "lake/lake.h"

namespace stratus::connectors::mysql {

std::string ExtractStateUri(std::string_view prefix_uri) {
  return std::string(prefix_uri) + "_stratus_extract_state.json";
}

Result<ExtractState> ReadExtractState(lake::Lake& lake, std::string_view prefix_uri) {
  Result<std::string> text = lake.Read(ExtractStateUri(prefix_uri));
  if (!text.ok()) {
    if (text.status().code() == StatusCode::kNotFound) {
      // A missing bucket is NotFound too; the first write then says so.
      return ExtractState();
    }
    return text.status();
  }
  Result<Json> json = ParseJson(*text);
  if (!json.ok() || !json->is_object() || !json->contains("version") ||
      !(*json)["version"].is_number_integer() || (*json)["version"].get<int>() != 1 ||
      !json->contains("column") || !(*json)["column"].is_string()) {
    return Status::Corruption(
        Format("'{}' is not an extract state (version 1)", ExtractStateUri(prefix_uri)));
  }
  ExtractState state;
  state.source = json->value("source", "");
  state.column = (*json)["column"].get<std::string>();
  if (json->contains("watermark") && (*json)["watermark"].is_string()) {
    state.watermark = (*json)["watermark"].get<std::string>();
  }
  state.runs = json->value("runs", int64_t{0});
  return state;
}

Status WriteExtractState(lake::Lake& lake, std::string_view prefix_uri, const ExtractState& state) {
  Json json = {{"version", state.version},
               {"source", state.source},
               {"column", state.column},
               {"runs", state.runs}};
  json["watermark"] = state.watermark.has_value() ? Json(*state.watermark) : Json(nullptr);
  return lake.Write(ExtractStateUri(prefix_uri), DumpJson(json) + "\n").status();
}

}  // namespace stratus::connectors::mysql
