#include "states/interpreter/item_reader.h"

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/format.h"
#include "states/asl/errors.h"
#include "states/interpreter/csv_rows.h"

namespace stratus::states::interpreter {
namespace {

constexpr std::string_view kListObjectsV2 = "arn:aws:states:::s3:listObjectsV2";

Status ReaderFailed(std::string cause) {
  return asl::StatesError(asl::kErrorItemReaderFailed, std::move(cause));
}

// The number of items to keep: MaxItems when positive, capped by AWS's limit.
size_t Limit(std::optional<int64_t> max_items) {
  if (!max_items.has_value() || *max_items <= 0) {
    return static_cast<size_t>(kMaxReaderItems);
  }
  return static_cast<size_t>(std::min(*max_items, kMaxReaderItems));
}

Result<Json> CsvItems(const asl::ReaderConfig& config, std::string_view body, size_t limit) {
  CsvRows rows(body, config.csv_delimiter);
  std::vector<std::string> headers;
  std::vector<std::string> row;
  if (config.csv_header_location == asl::CsvHeaderLocation::kGiven) {
    headers = config.csv_headers;
  } else {
    Result<bool> first = rows.Next(&headers);
    if (!first.ok()) {
      return ReaderFailed(Format("The CSV file is malformed: {}", first.status().message()));
    }
  }
  // AWS (recorded, test_map_item_reader_csv_headers_decl_duplicate_headers).
  if (std::set<std::string>(headers.begin(), headers.end()).size() != headers.size()) {
    return ReaderFailed("CSV headers cannot contain duplicates.");
  }
  Json items = Json::array();
  while (items.size() < limit) {
    Result<bool> next = rows.Next(&row);
    if (!next.ok()) {
      return ReaderFailed(Format("The CSV file is malformed: {}", next.status().message()));
    }
    if (!*next) {
      break;
    }
    Json item = Json::object();
    for (size_t i = 0; i < headers.size(); ++i) {
      item[headers[i]] = i < row.size() ? std::move(row[i]) : std::string();
    }
    items.push_back(std::move(item));
  }
  return items;
}

Result<Json> JsonItems(const asl::ReaderConfig& config, std::string_view body, size_t limit) {
  Result<Json> document = ParseJson(body);
  if (!document.ok()) {
    return ReaderFailed(Format("The JSON file is not valid JSON: {}", document.status().message()));
  }
  Json* items = &*document;
  if (config.items_pointer.has_value()) {
    // nlohmann::json reports a malformed pointer by throwing.
    try {
      const Json::json_pointer pointer(*config.items_pointer);
      if (!document->contains(pointer)) {
        return ReaderFailed(
            Format("The ItemsPointer '{}' does not match any path in the JSON file.",
                   *config.items_pointer));
      }
      items = &(*document)[pointer];
    } catch (const Json::exception&) {
      return ReaderFailed(
          Format("The ItemsPointer '{}' is not a valid JSON Pointer.", *config.items_pointer));
    }
  }
  // AWS (recorded, test_map_item_reader_json_no_json_list_object).
  if (!items->is_array()) {
    return ReaderFailed("Attempting to map over non-iterable node.");
  }
  if (items->size() > limit) {
    items->erase(items->begin() + static_cast<std::ptrdiff_t>(limit), items->end());
  }
  return std::move(*items);
}

Result<Json> JsonLinesItems(std::string_view body, size_t limit) {
  Json items = Json::array();
  size_t line_number = 0;
  size_t at = 0;
  while (at < body.size() && items.size() < limit) {
    size_t end = body.find('\n', at);
    if (end == std::string_view::npos) {
      end = body.size();
    }
    std::string_view line = body.substr(at, end - at);
    at = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    if (line.find_first_not_of(" \t") == std::string_view::npos) {
      continue;
    }
    Result<Json> item = ParseJson(line);
    if (!item.ok()) {
      return ReaderFailed(Format("Line {} of the JSONL file is not valid JSON: {}", line_number,
                                 item.status().message()));
    }
    items.push_back(std::move(*item));
  }
  return items;
}

Result<Json> ListedItems(const asl::ReaderConfig& config, const Json& read, size_t limit) {
  if (!config.transformation.empty()) {
    return ReaderFailed(
        Format("ReaderConfig Transformation '{}' (loading the listed objects) is not supported by "
               "stratus yet: iterate over the listing and read each object in the item processor.",
               config.transformation));
  }
  Json items = Json::array();
  auto contents = read.is_object() ? read.find("Contents") : read.end();
  if (contents == read.end() || !contents->is_array()) {
    return items;
  }
  for (const Json& object : *contents) {
    if (items.size() >= limit) {
      break;
    }
    items.push_back(object);
  }
  return items;
}

}  // namespace

Result<Json> ItemsFromReader(const asl::MapResource& reader,
                             const Json& read,
                             std::optional<int64_t> max_items) {
  const asl::ReaderConfig& config = reader.reader;
  const size_t limit = Limit(max_items);
  if (reader.resource == kListObjectsV2) {
    return ListedItems(config, read, limit);
  }
  const Json* body = read.is_object() && read.contains("Body") ? &read["Body"] : nullptr;
  if (body == nullptr || !body->is_string()) {
    return ReaderFailed("The ItemReader read no object body.");
  }
  const std::string_view text = body->get_ref<const std::string&>();
  switch (config.input_type) {
    case asl::ItemInputType::kCsv:
      return CsvItems(config, text, limit);
    case asl::ItemInputType::kJson:
      return JsonItems(config, text, limit);
    case asl::ItemInputType::kJsonl:
      return JsonLinesItems(text, limit);
    case asl::ItemInputType::kManifest:
    case asl::ItemInputType::kParquet:
      return ReaderFailed(
          Format("ReaderConfig InputType {} is not supported by stratus yet: read the CSV, JSON or "
                 "JSONL files themselves (s3:getObject), or list them (s3:listObjectsV2).",
                 config.input_type == asl::ItemInputType::kManifest ? "MANIFEST" : "PARQUET"));
    case asl::ItemInputType::kNone:
      break;
  }
  return ReaderFailed("The ItemReader's ReaderConfig names no InputType.");
}

}  // namespace stratus::states::interpreter
