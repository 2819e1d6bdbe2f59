#pragma once

#include <string>
#include <vector>

#include "sql/parser/source_position.h"

namespace stratus::sql::parser {

/// A name as written: `users`, `"Total Cost"`, or Hive DDL's backquoted `date`.
///
/// Athena folds every identifier to lower case (Glue stores names in lower
/// case, quoted or not), so `name` is the ASCII-lowercased spelling that name
/// resolution compares; `original` keeps the spelling as written (without the
/// quotes), for result column labels that should keep their case.
struct Identifier {
  std::string name = {};
  std::string original = {};
  bool quoted = false;
  SourcePosition position = {};
};

/// A dotted name: `t`, `db.t`, `catalog.db.t`, `system.builtin.f`.
struct QualifiedName {
  std::vector<Identifier> parts = {};

  /// Returns the position of the first part (1:1 when empty).
  SourcePosition position() const { return parts.empty() ? SourcePosition{} : parts[0].position; }

  /// Returns the lowercased parts joined by '.', e.g. "mydatabase.users".
  std::string ToString() const;
};

}  // namespace stratus::sql::parser
