#pragma once

// Errors of the SQL engine as Trino names them. An expected failure of a
// statement (a column that does not exist, a bad cast, division by zero, the
// memory budget exceeded) is a Status whose aws_type() is Trino's error name
// ("COLUMN_NOT_FOUND") and whose message is Trino's text, prefixed with the
// position when there is one ("line 1:8: Column 'x' cannot be resolved").
// Athena shows them as "<NAME>: <message>" with an error category: USER for
// everything here except the SYSTEM names (kInternalError, kGenericInternal).

#include <string>
#include <string_view>

#include "base/status.h"

namespace stratus::sql {

// Trino's error names (io.trino.spi.StandardErrorCode), the ones the engine raises.
inline constexpr std::string_view kSyntaxError = "SYNTAX_ERROR";
inline constexpr std::string_view kColumnNotFound = "COLUMN_NOT_FOUND";
inline constexpr std::string_view kAmbiguousName = "AMBIGUOUS_NAME";
inline constexpr std::string_view kTableNotFound = "TABLE_NOT_FOUND";
inline constexpr std::string_view kSchemaNotFound = "SCHEMA_NOT_FOUND";
inline constexpr std::string_view kTableAlreadyExists = "TABLE_ALREADY_EXISTS";
inline constexpr std::string_view kSchemaAlreadyExists = "SCHEMA_ALREADY_EXISTS";
inline constexpr std::string_view kSchemaNotEmpty = "SCHEMA_NOT_EMPTY";
inline constexpr std::string_view kFunctionNotFound = "FUNCTION_NOT_FOUND";
inline constexpr std::string_view kTypeMismatch = "TYPE_MISMATCH";
inline constexpr std::string_view kTypeNotFound = "TYPE_NOT_FOUND";
inline constexpr std::string_view kMissingGroupBy = "EXPRESSION_NOT_AGGREGATE";
inline constexpr std::string_view kNestedAggregation = "NESTED_AGGREGATION";
inline constexpr std::string_view kInvalidLiteral = "INVALID_LITERAL";
inline constexpr std::string_view kInvalidCastArgument = "INVALID_CAST_ARGUMENT";
inline constexpr std::string_view kInvalidFunctionArgument = "INVALID_FUNCTION_ARGUMENT";
inline constexpr std::string_view kDivisionByZero = "DIVISION_BY_ZERO";
inline constexpr std::string_view kNumericValueOutOfRange = "NUMERIC_VALUE_OUT_OF_RANGE";
inline constexpr std::string_view kSubqueryMultipleRows = "SUBQUERY_MULTIPLE_ROWS";
inline constexpr std::string_view kNotSupported = "NOT_SUPPORTED";
inline constexpr std::string_view kMismatchedColumnAliases = "MISMATCHED_COLUMN_ALIASES";
inline constexpr std::string_view kInvalidTableProperty = "INVALID_TABLE_PROPERTY";
inline constexpr std::string_view kExceededMemoryLimit = "EXCEEDED_LOCAL_MEMORY_LIMIT";
inline constexpr std::string_view kUserCancelled = "USER_CANCELED";
inline constexpr std::string_view kHiveBadData = "HIVE_BAD_DATA";
inline constexpr std::string_view kHiveCannotOpenSplit = "HIVE_CANNOT_OPEN_SPLIT";
inline constexpr std::string_view kGenericUserError = "GENERIC_USER_ERROR";
inline constexpr std::string_view kGenericInternalError = "GENERIC_INTERNAL_ERROR";

/// Returns an InvalidArgument Status carrying `error_name` as its aws_type()
/// (ResourceExhausted for kExceededMemoryLimit, Cancelled for kUserCancelled,
/// Internal for kGenericInternalError). `message` is the whole text, with its
/// "line L:C: " prefix when the caller has a position.
Status SqlError(std::string_view error_name, std::string message);

/// Returns the Trino error name a Status carries: its aws_type() when set,
/// else GENERIC_INTERNAL_ERROR for kInternal and GENERIC_USER_ERROR otherwise.
std::string SqlErrorName(const Status& status);

/// Returns true for errors Athena reports with the SYSTEM category.
bool IsSystemError(const Status& status);

}  // namespace stratus::sql
