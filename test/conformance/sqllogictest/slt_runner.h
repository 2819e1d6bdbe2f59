#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "slt_record.h"

namespace stratus::sql {
class Value;
}  // namespace stratus::sql

namespace stratus::sqllogictest {

/// What one record came to.
enum class Outcome : uint8_t { kPassed, kFailed, kSkipped };

struct RecordResult {
  Outcome outcome = Outcome::kPassed;
  /// Why it failed or was skipped.
  std::string detail = {};
};

/// Renders a value as sqllogictest expects for a column of type `letter`
/// ('I' integer, 'R' "%.3f", 'T' text): NULL is "NULL", '' is "(empty)".
std::string FormatForType(const sql::Value& value, char letter);

/// Sorts (per the record's mode) and compares values with the expectation
/// (listed values, or "N values hashing to H"); "" when they match, else
/// a description of the difference.
std::string CompareValues(const Record& record,
                          size_t num_columns,
                          std::vector<std::string> values,
                          size_t hash_threshold);

}  // namespace stratus::sqllogictest
