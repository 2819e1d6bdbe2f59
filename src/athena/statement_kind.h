#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stratus::athena {

/// Returns Athena's StatementType of a query string before it runs: "DDL"
/// (CREATE, DROP, ALTER, MSCK), "UTILITY" (SHOW, DESCRIBE, EXPLAIN) or "DML"
/// (everything else, unparsable text included). Leading comments are skipped.
std::string ClassifyStatement(std::string_view sql);

/// `EXECUTE name [USING value, ...]`, split into its parts.
struct ExecuteStatement {
  std::string name = {};
  /// The USING values as SQL literal text.
  std::vector<std::string> parameters = {};
};

/// Recognises Athena's EXECUTE statement; nullopt for anything else.
std::optional<ExecuteStatement> ParseExecuteStatement(std::string_view sql);

}  // namespace stratus::athena
