#pragma once

// How a Hive text table's bytes map to rows and fields, from what Glue
// stores: the SerDe's serialization library and parameters
// (StorageDescriptor.SerdeInfo) and the table's parameters. The rules, with
// their sources, are in docs/sql/text_tables.md; in short:
//
// LazySimpleSerDe (org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe, the
// default for ROW FORMAT DELIMITED):
//   field.delim (or serialization.format)  FIELDS TERMINATED BY, default \x01
//   collection.delim (or colelction.delim) COLLECTION ITEMS TERMINATED BY, default \x02
//   mapkey.delim                           MAP KEYS TERMINATED BY, default \x03
//   escape.delim                           ESCAPED BY, default none
//   serialization.null.format              NULL DEFINED AS, default \N
//   line.delim                             LINES TERMINATED BY: only '\n'
// A delimiter given as a number ("1", "-3") is that byte value, otherwise
// its first character: Hive's and Trino's rule (so "9" is byte 9, not '9').
//
// OpenCSVSerde (org.apache.hadoop.hive.serde2.OpenCSVSerde): separatorChar
// (default ','), quoteChar (default '"'), escapeChar (default '\\', the
// reader's default); ASCII only; separator, quote and escape must differ.
//
// JsonSerDe (org.openx.data.jsonserde.JsonSerDe,
// org.apache.hive.hcatalog.data.JsonSerDe, and STORED AS JSON's
// org.apache.hadoop.hive.serde2.JsonSerDe): one JSON object per line;
// case.insensitive (default true), ignore.malformed.json (default false),
// mapping.<column>=<json key>.
//
// All: the table parameter skip.header.line.count (lines skipped at the
// start of every file).

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace stratus::formats::text {

/// Which SerDe reads the table.
enum class TextSerde : uint8_t { kLazySimple, kOpenCsv, kJson };

inline constexpr std::string_view kLazySimpleSerdeLibrary =
    "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
inline constexpr std::string_view kOpenCsvSerdeLibrary =
    "org.apache.hadoop.hive.serde2.OpenCSVSerde";
inline constexpr std::string_view kOpenxJsonSerdeLibrary = "org.openx.data.jsonserde.JsonSerDe";
inline constexpr std::string_view kHcatalogJsonSerdeLibrary =
    "org.apache.hive.hcatalog.data.JsonSerDe";
inline constexpr std::string_view kHiveJsonSerdeLibrary = "org.apache.hadoop.hive.serde2.JsonSerDe";

/// The parsed options of a text table (see the essay above).
struct TextFormatOptions {
  TextSerde serde = TextSerde::kLazySimple;
  // LazySimpleSerDe.
  char field_delimiter = '\x01';
  char collection_delimiter = '\x02';
  char map_key_delimiter = '\x03';
  std::optional<char> escape = std::nullopt;
  std::string null_format = "\\N";
  /// hive.lazysimple.extended_boolean_literal: also read T/F/1/0 as booleans.
  bool extended_boolean_literals = false;
  // OpenCSVSerde.
  char separator = ',';
  char quote = '"';
  char csv_escape = '\\';
  // JsonSerDe.
  bool json_case_insensitive = true;
  bool json_ignore_malformed = false;
  /// mapping.<column>: the JSON key of a column, by column name (lower case).
  std::map<std::string, std::string> json_key_of_column = {};
  // All.
  int skip_header_lines = 0;
};

/// The byte that separates the parts of a nested value at nesting `level`
/// (LazySimpleSerDe): 0 is the field delimiter, 1 the collection delimiter
/// (a struct's fields, an array's elements, a map's entries), 2 the map key
/// delimiter (and a struct's fields inside an array), then Hive's defaults
/// for deeper levels: bytes 4..8, 11, 14..26, 28..31. Readers and writers of
/// text tables both use it, so what one writes the other splits the same way.
char NestingSeparator(const TextFormatOptions& options, int level);

/// Builds the options from Glue's SerdeInfo (library and parameters) and the
/// table's parameters. An empty library means LazySimpleSerDe. Unsupported
/// libraries, line delimiters other than '\n', and bad values are
/// InvalidArgument or NotImplemented.
Result<TextFormatOptions> TextFormatOptionsFromProperties(
    std::string_view serialization_library,
    const std::map<std::string, std::string>& serde_parameters,
    const std::map<std::string, std::string>& table_parameters);

}  // namespace stratus::formats::text
