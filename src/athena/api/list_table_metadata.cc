#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "athena/api/athena_json.h"
#include "athena/api/catalog_json.h"
#include "athena/api/handlers.h"
#include "athena/api/request_fields.h"
#include "athena/engine.h"
#include "base/format.h"
#include "sql/catalog/catalog.h"

namespace stratus::athena::api {
namespace {

constexpr int kMaxListedTables = 50;

// Matches Athena's ListTableMetadata Expression: a regex-like pattern where
// '*' is any run of characters and '|' separates alternatives.
bool MatchesExpression(std::string_view name, std::string_view expression) {
  if (expression.empty()) {
    return true;
  }
  size_t start = 0;
  while (start <= expression.size()) {
    const size_t bar = expression.find('|', start);
    const std::string_view pattern = expression.substr(
        start, bar == std::string_view::npos ? std::string_view::npos : bar - start);
    // Glob match with '*' (also accepting ".*").
    std::string glob;
    for (size_t i = 0; i < pattern.size(); ++i) {
      if (pattern[i] == '.' && i + 1 < pattern.size() && pattern[i + 1] == '*') {
        continue;
      }
      glob.push_back(pattern[i]);
    }
    size_t n = 0;
    size_t g = 0;
    size_t star = std::string::npos;
    size_t mark = 0;
    while (n < name.size()) {
      if (g < glob.size() && glob[g] != '*' && std::tolower(glob[g]) == std::tolower(name[n])) {
        ++g;
        ++n;
      } else if (g < glob.size() && glob[g] == '*') {
        star = g++;
        mark = n;
      } else if (star != std::string::npos) {
        g = star + 1;
        n = ++mark;
      } else {
        break;
      }
    }
    while (g < glob.size() && glob[g] == '*') {
      ++g;
    }
    if (n == name.size() && g == glob.size()) {
      return true;
    }
    if (bar == std::string_view::npos) {
      break;
    }
    start = bar + 1;
  }
  return false;
}

Result<Json> ListTableMetadataUnmapped(Engine& engine,
                                       const aws::RequestContext& /*context*/,
                                       const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(sql::catalog::Catalog * catalog, CatalogOf(engine, input));
  STRATUS_ASSIGN_OR_RETURN(std::string database, RequiredString(input, "DatabaseName"));
  STRATUS_ASSIGN_OR_RETURN(std::string expression, StringOr(input, "Expression", ""));
  STRATUS_ASSIGN_OR_RETURN(std::string token, StringOr(input, "NextToken", ""));
  STRATUS_ASSIGN_OR_RETURN(int max_results,
                           MaxResultsOf(input, kMaxListedTables, kMaxListedTables));
  STRATUS_ASSIGN_OR_RETURN(std::optional<sql::catalog::DatabaseDescriptor> found,
                           catalog->GetDatabase(database));
  if (!found.has_value()) {
    return AthenaError::DatabaseNotFound(database);
  }
  STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> names, catalog->ListTables(database));
  Json out{{"TableMetadataList", Json::array()}};
  for (const std::string& name : names) {
    if (name <= token || !MatchesExpression(name, expression)) {
      continue;
    }
    if (std::ssize(out["TableMetadataList"]) == max_results) {
      out["NextToken"] = out["TableMetadataList"].back()["Name"];
      break;
    }
    STRATUS_ASSIGN_OR_RETURN(std::optional<sql::catalog::TableDescriptor> table,
                             catalog->GetTable(database, name));
    if (table.has_value()) {
      out["TableMetadataList"].push_back(TableToJson(*table));
    }
  }
  return out;
}

}  // namespace

Result<Json> ListTableMetadata(Engine& engine,
                               const aws::RequestContext& context,
                               const Json& input) {
  return MappedCatalogError(ListTableMetadataUnmapped(engine, context, input));
}

}  // namespace stratus::athena::api
