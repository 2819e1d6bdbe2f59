#pragma once

// JsonLineDecoder: the JsonSerDe counterpart of LineTokenizer. Each line is
// one JSON object; its members become the fields of the projected columns,
// matched by name (docs/sql/text_tables.md, "JSON tables"). Scalars become
// their text (strings unquoted, numbers and booleans as written), so that
// DecodeColumn parses them as it parses text fields; array, map and struct
// columns get the member's JSON text, which DecodeColumn parses again. JSON
// null and missing keys are missing fields (NULL).

#include <cstddef>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "formats/text/text_column_decoder_internal.h"
#include "formats/text/text_format_options.h"
#include "formats/text/text_split_reader.h"

namespace stratus::formats::text {

class JsonLineDecoder {
 public:
  JsonLineDecoder(const std::vector<TextColumn>& columns,
                  const std::vector<size_t>& projection,
                  const TextFormatOptions& options);

  /// Decodes at most `max_rows` lines of [begin, end) that start at or
  /// before `last_start`; *next is just past the last line decoded. A
  /// malformed line is a row of NULLs with ignore.malformed.json, else
  /// HIVE_BAD_DATA.
  Result<size_t> Decode(const char* begin,
                        const char* end,
                        const char* last_start,
                        size_t max_rows,
                        const char** next);

  /// The fields of output slot `slot` for the rows of the last Decode.
  const FieldRef* fields(size_t slot) const { return fields_[slot].data(); }

  /// Owns the bytes the fields point to; fresh for every Decode.
  std::shared_ptr<const void> strings() const { return strings_; }

 private:
  Status DecodeLine(std::string_view line, size_t row);

  bool case_insensitive_;
  bool ignore_malformed_;
  std::map<std::string, std::vector<size_t>> slots_of_key_;
  std::vector<bool> nested_;  // By slot: the column is an array, map or struct.
  std::vector<std::vector<FieldRef>> fields_;
  std::shared_ptr<std::deque<std::string>> strings_;
};

}  // namespace stratus::formats::text
