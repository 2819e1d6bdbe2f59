#include <cstring>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/format.h"
#include "formats/text/json_line_decoder_internal.h"
#include "sql/types/sql_error.h"

namespace stratus::formats::text {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r") == std::string_view::npos;
}

}  // namespace

JsonLineDecoder::JsonLineDecoder(const std::vector<TextColumn>& columns,
                                 const std::vector<size_t>& projection,
                                 const TextFormatOptions& options)
    : case_insensitive_(options.json_case_insensitive),
      ignore_malformed_(options.json_ignore_malformed),
      nested_(projection.size()),
      fields_(projection.size()) {
  for (size_t slot = 0; slot < projection.size(); ++slot) {
    nested_[slot] = columns[projection[slot]].type.is_nested();
    const std::string& name = columns[projection[slot]].name;
    const auto mapped = options.json_key_of_column.find(Lower(name));
    std::string key = mapped != options.json_key_of_column.end() ? mapped->second : name;
    slots_of_key_[case_insensitive_ ? Lower(key) : key].push_back(slot);
  }
}

Status JsonLineDecoder::DecodeLine(std::string_view line, size_t row) {
  for (std::vector<FieldRef>& fields : fields_) {
    fields.push_back(FieldRef{.data = nullptr, .length = 0, .flags = kFieldMissing});
  }
  if (IsBlank(line)) {
    return Status::Ok();  // An empty line is a row of NULLs.
  }
  nlohmann::json object = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (object.is_discarded() || !object.is_object()) {
    if (ignore_malformed_) {
      return Status::Ok();
    }
    constexpr size_t kShown = 100;
    return sql::SqlError(
        sql::kHiveBadData,
        Format("Row is not a valid JSON Object - JSONException: '{}'",
               line.size() > kShown ? std::string(line.substr(0, kShown)) + "..." : line));
  }
  for (const auto& [key, value] : object.items()) {
    const auto it = slots_of_key_.find(case_insensitive_ ? Lower(key) : key);
    if (it == slots_of_key_.end() || value.is_null()) {
      continue;
    }
    // Scalar columns read a string's contents, nested ones its JSON text.
    const std::string* contents = nullptr;
    const std::string* json_text = nullptr;
    for (const size_t slot : it->second) {
      const std::string* text = nullptr;
      if (value.is_string() && !nested_[slot]) {
        if (contents == nullptr) {
          contents = &strings_->emplace_back(value.get<std::string>());
        }
        text = contents;
      } else {
        if (json_text == nullptr) {
          json_text = &strings_->emplace_back(value.dump());
        }
        text = json_text;
      }
      fields_[slot][row] =
          FieldRef{.data = text->data(), .length = static_cast<uint32_t>(text->size()), .flags = 0};
    }
  }
  return Status::Ok();
}

Result<size_t> JsonLineDecoder::Decode(const char* begin,
                                       const char* end,
                                       const char* last_start,
                                       size_t max_rows,
                                       const char** next) {
  strings_ = std::make_shared<std::deque<std::string>>();
  for (std::vector<FieldRef>& fields : fields_) {
    fields.clear();
  }
  size_t num_rows = 0;
  const char* cursor = begin;
  while (cursor < end && cursor <= last_start && num_rows < max_rows) {
    const void* newline = std::memchr(cursor, '\n', static_cast<size_t>(end - cursor));
    const char* line_end = newline == nullptr ? end : static_cast<const char*>(newline);
    std::string_view line(cursor, static_cast<size_t>(line_end - cursor));
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    STRATUS_RETURN_IF_ERROR(DecodeLine(line, num_rows));
    ++num_rows;
    cursor = newline == nullptr ? end : line_end + 1;
  }
  *next = cursor;
  return num_rows;
}

}  // namespace stratus::formats::text
