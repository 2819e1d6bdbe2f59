#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace stratus::cli {

/// A statement's result as `stratus sql` prints it.
struct QueryOutput {
  std::vector<std::string> columns = {};
  /// Each value, or nullopt for NULL.
  std::vector<std::vector<std::optional<std::string>>> rows = {};
};

enum class OutputFormat : uint8_t { kTable, kCsv, kJson };

/// Parses "table", "csv" or "json".
Result<OutputFormat> ParseOutputFormat(std::string_view name);

/// Prints aligned columns like psql: a header, a rule, the rows, "(N rows)".
/// NULL is shown as an empty cell. Widths are terminal columns (CJK
/// characters take two).
void PrintTable(const QueryOutput& output, std::ostream& out);

/// Prints RFC 4180 CSV with a header row; a NULL is an empty field.
void PrintCsv(const QueryOutput& output, std::ostream& out);

/// Prints a JSON array with one object per row; a NULL is null.
void PrintJson(const QueryOutput& output, std::ostream& out);

void Print(const QueryOutput& output, OutputFormat format, std::ostream& out);

}  // namespace stratus::cli
