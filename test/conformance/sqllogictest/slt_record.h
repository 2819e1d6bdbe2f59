#pragma once

// sqllogictest files (SQLite's format, with DuckDB's `----` error
// expectations for our own test/sql files): records and their parser.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stratus::sqllogictest {

enum class RecordKind : uint8_t { kStatement, kQuery, kHashThreshold, kHalt };
enum class SortMode : uint8_t { kNoSort, kRowSort, kValueSort };

/// One record of a .test file.
struct Record {
  RecordKind kind = RecordKind::kStatement;
  /// The line the record starts on (1-based), for reports and the skip list.
  int line = 0;
  /// skipif/onlyif decided this engine does not run it.
  bool guarded_out = false;
  std::string sql = {};
  // Statements.
  bool expect_error = false;
  /// `statement error` followed by `----`: the text (or "<REGEX>:re") the
  /// error must match; empty: any error.
  std::string expected_error = {};
  // Queries.
  std::string types = {};
  SortMode sort = SortMode::kNoSort;
  std::string label = {};
  /// The expected values, one per entry (tab-separated row lines split).
  std::vector<std::string> expected = {};
  /// "N values hashing to H": N and H.
  std::optional<size_t> expected_count = std::nullopt;
  std::string expected_hash = {};
  // hash-threshold.
  size_t hash_threshold = 0;
};

/// Parses a whole file. `engines` are the names skipif/onlyif match ("postgresql").
std::vector<Record> ParseRecords(std::string_view text, const std::vector<std::string>& engines);

}  // namespace stratus::sqllogictest
