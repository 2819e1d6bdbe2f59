#pragma once

// The text protocol's result set, as a COM_QUERY's response carries it: a
// column count, one ColumnDefinition41 per column, an EOF (unless
// CLIENT_DEPRECATE_EOF), the rows (length-encoded strings, 0xfb for NULL),
// and an EOF or, with CLIENT_DEPRECATE_EOF, an OK packet headed 0xfe.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/mysql/text_row_encoder.h"

namespace stratus::connectors::mysql {

/// What the front keeps of a column definition.
struct ColumnDefinition {
  std::string name = {};
  uint8_t type = 0;
  /// A numeric or BIT type (INTO OUTFILE neither encloses, with OPTIONALLY
  /// ENCLOSED, nor escapes its values).
  bool numeric = false;
};

/// Parses a ColumnDefinition41 payload (MariaDB's extended metadata allowed).
std::optional<ColumnDefinition> ParseColumnDefinition(std::string_view payload);

/// Whether a response payload ends a result's rows: an EOF packet or, with
/// CLIENT_DEPRECATE_EOF, an OK packet headed 0xfe. A row may start with
/// 0xfe too, but only one holding a value of 16 MB or more.
bool IsEndOfRows(std::string_view payload);

/// Parses a text-protocol row of `columns.size()` fields into *fields
/// (views into `payload`). False for a malformed row.
bool ParseTextRow(std::string_view payload,
                  const std::vector<ColumnDefinition>& columns,
                  std::vector<FieldValue>* fields);

}  // namespace stratus::connectors::mysql
