// Fuzzes TextSplitReader over Hive text files. The input chooses the format,
// the column types and the split, then the file:
//
//   byte 0     flags: bit 0 OpenCSVSerde (else LazySimpleSerDe); bit 1 an escape
//              byte '\\'; bit 2 null format "" (else "\N"); bit 3 skip one header
//              line; bits 4-5 the compression (0 none, 1 gzip, 2 zstd, 3 bzip2 —
//              the payload is then a compressed stream, usually corrupt); bit 6
//              JsonSerDe (columns c0..c3; bit 0 of byte 1 makes keys case
//              sensitive); bit 7 ignore.malformed.json
//   byte 1     the field delimiter (LazySimple) or separator (OpenCSV)
//   bytes 2-5  four column types, each an index into kTypes
//   bytes 6-7  where the file is cut into two splits (mod its size + 1)
//   byte 8     the read block size, 1..256 bytes
//   the rest   the file
//
// Properties: nothing crashes; errors are only Corruption (bad compressed
// data), InvalidArgument (bad options) or, for JSON without
// ignore.malformed.json, HIVE_BAD_DATA; the two splits together give the
// same rows as the whole file read as one split (or one of them fails when
// the whole file does); every batch has at most
// kBatchRows rows, and every value renders.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/check.h"
#include "formats/text/string_object_reader.h"
#include "formats/text/text_split_reader.h"
#include "fuzz_input.h"
#include "sql/types/type_names.h"
#include "sql/types/value.h"
#include "sql/vector/batch.h"

namespace stratus::formats::text {
namespace {

constexpr const char* kTypes[] = {
    "string",
    "int",
    "bigint",
    "double",
    "boolean",
    "date",
    "timestamp",
    "decimal(10,2)",
    "decimal(30,5)",
    "varchar(3)",
    "char(2)",
    "tinyint",
    "float",
    "array<int>",
    "map<string,bigint>",
    "struct<a:int,b:string>",
};

constexpr std::string_view kBadData = "<HIVE_BAD_DATA>";

// Reads a split; returns its rows rendered, or the error's code name.
std::string ReadSplit(const StringObjectReader& source, const TextSplit& split) {
  auto reader = TextSplitReader::Open(source, split);
  if (!reader.ok()) {
    const StatusCode code = reader.status().code();
    STRATUS_CHECK(code == StatusCode::kCorruption || code == StatusCode::kInvalidArgument,
                  "unexpected error {}", reader.status().ToString());
    return std::string(StatusCodeName(code));
  }
  std::string rows;
  sql::Batch batch;
  for (;;) {
    Result<bool> more = (*reader)->Next(&batch);
    if (!more.ok() && split.format.serde == TextSerde::kJson &&
        !split.format.json_ignore_malformed && more.status().aws_type() == "HIVE_BAD_DATA") {
      return std::string(kBadData);
    }
    STRATUS_CHECK(more.ok(), "Next failed: {}", more.status().ToString());
    if (!*more) {
      return rows;
    }
    STRATUS_CHECK_LE(batch.num_rows(), sql::kBatchRows);
    rows += batch.ToString();
  }
}

}  // namespace
}  // namespace stratus::formats::text

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using stratus::formats::text::kBadData;
  using stratus::formats::text::kTypes;
  using namespace stratus::formats::text;  // NOLINT(google-build-using-namespace)
  stratus::fuzz::FuzzInput input(data, size);
  const uint8_t flags = input.Byte();
  const auto delimiter = static_cast<char>(input.Byte());
  TextSplit split;
  for (int i = 0; i < 4; ++i) {
    split.columns.push_back(TextColumn{
        .name = "c" + std::to_string(i),
        .type = stratus::sql::ParseHiveType(kTypes[input.Byte() % std::size(kTypes)]).value()});
    split.projection.push_back(static_cast<size_t>(i));
  }
  const uint16_t cut = input.Uint16();
  split.read_bytes = 1 + input.Byte();
  const std::string_view file = input.Rest();

  TextFormatOptions& format = split.format;
  if (flags & 1) {
    format.serde = TextSerde::kOpenCsv;
    format.separator = delimiter == '"' || delimiter == '\\' || delimiter == '\0' ? ',' : delimiter;
  } else {
    format.field_delimiter = delimiter == '\n' ? ',' : delimiter;
    format.collection_delimiter = '|';
    format.map_key_delimiter = ':';
    if (flags & 2) {
      format.escape = '\\';
    }
  }
  if (flags & 64) {
    format.serde = TextSerde::kJson;
    format.json_case_insensitive = (delimiter & 1) == 0;
    format.json_ignore_malformed = (flags & 128) != 0;
  }
  if (flags & 4) {
    format.null_format = "";
  }
  format.skip_header_lines = (flags & 8) ? 1 : 0;
  split.compression = static_cast<TextCompression>((flags >> 4) & 3);
  split.max_decompressed_bytes = 1 << 20;

  const StringObjectReader source{std::string(file)};
  const std::string whole = ReadSplit(source, split);
  if (split.compression == TextCompression::kNone) {
    const uint64_t middle = cut % (file.size() + 1);
    TextSplit first = split;
    first.end = middle;
    TextSplit second = split;
    second.start = middle;
    const std::string head = ReadSplit(source, first);
    const std::string tail = ReadSplit(source, second);
    if (whole == kBadData) {
      STRATUS_CHECK(head == kBadData || tail == kBadData, "split at {} hides bad data", middle);
    } else {
      STRATUS_CHECK(head + tail == whole, "split at {} reads differently", middle);
    }
  }
  return 0;
}
