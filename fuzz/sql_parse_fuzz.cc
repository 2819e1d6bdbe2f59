// Fuzzes the SQL parser and deparser. Byte 0 picks the entry point (mod 4):
//
//   0  ParseStatement   1  ParseScript   2  ParseExpression   3  ParseDataType
//
// and the rest of the input is the SQL text.
//
// Properties: nothing crashes or recurses without bound (the parser's depth
// limit holds for any input); every error is a SYNTAX_ERROR whose message
// starts with "line L:C: "; and whatever parses prints (ToSql) as SQL that
// parses again and prints the same text.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/check.h"
#include "fuzz_input.h"
#include "sql/parser/ast.h"
#include "sql/parser/parser.h"
#include "sql/parser/syntax_error.h"
#include "sql/parser/to_sql.h"

namespace stratus::sql::parser {
namespace {

void CheckError(const Status& status) {
  STRATUS_CHECK(IsSyntaxError(status), "error without SYNTAX_ERROR: {}", status.ToString());
  STRATUS_CHECK(status.message().rfind("line ", 0) == 0, "error without a position: {}",
                status.message());
}

// Requires `printed` to parse with `parse` and print as itself again.
template <typename Parse>
void CheckReprints(const std::string& printed, Parse parse) {
  auto again = parse(printed);
  STRATUS_CHECK(again.ok(), "printed SQL does not parse: {}\n  {}", again.status().ToString(),
                printed);
  const std::string reprinted = ToSql(**again);
  STRATUS_CHECK(reprinted == printed, "print is not stable:\n  {}\n  {}", printed, reprinted);
}

void FuzzStatement(std::string_view sql) {
  Result<StatementPtr> statement = ParseStatement(sql);
  if (!statement.ok()) {
    CheckError(statement.status());
    return;
  }
  CheckReprints(ToSql(**statement), [](const std::string& text) { return ParseStatement(text); });
}

void FuzzScript(std::string_view sql) {
  Result<std::vector<StatementPtr>> statements = ParseScript(sql);
  if (!statements.ok()) {
    CheckError(statements.status());
    return;
  }
  for (const StatementPtr& statement : *statements) {
    STRATUS_CHECK(statement->span.offset + statement->span.length <= sql.size(),
                  "span out of the input");
  }
}

void FuzzExpression(std::string_view sql) {
  Result<ExpressionPtr> expression = ParseExpression(sql);
  if (!expression.ok()) {
    CheckError(expression.status());
    return;
  }
  CheckReprints(ToSql(**expression), [](const std::string& text) { return ParseExpression(text); });
}

void FuzzDataType(std::string_view sql) {
  Result<DataType> type = ParseDataType(sql);
  if (!type.ok()) {
    CheckError(type.status());
    return;
  }
  const std::string printed = ToSql(*type);
  Result<DataType> again = ParseDataType(printed);
  STRATUS_CHECK(again.ok(), "printed type does not parse: {}", printed);
  STRATUS_CHECK(ToSql(*again) == printed, "type print is not stable: {}", printed);
}

}  // namespace
}  // namespace stratus::sql::parser

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  stratus::fuzz::FuzzInput input(data, size);
  const uint8_t mode = input.Byte() % 4;
  const std::string_view sql = input.Rest();
  switch (mode) {
    case 0:
      stratus::sql::parser::FuzzStatement(sql);
      break;
    case 1:
      stratus::sql::parser::FuzzScript(sql);
      break;
    case 2:
      stratus::sql::parser::FuzzExpression(sql);
      break;
    default:
      stratus::sql::parser::FuzzDataType(sql);
      break;
  }
  return 0;
}
