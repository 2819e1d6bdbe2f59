#pragma once

#include <span>
#include <string>
#include <string_view>

#include "connectors/mysql/s3_statement.h"

namespace stratus::connectors::mysql {

/// One field of a result row as the text protocol delivers it.
struct FieldValue {
  std::string_view bytes = {};
  bool is_null = false;
  /// Not a string: a numeric or BIT column, whose values MySQL's INTO
  /// OUTFILE neither encloses (OPTIONALLY ENCLOSED) nor escapes.
  bool numeric = false;
};

/// Writes rows as MySQL's SELECT ... INTO OUTFILE does (MariaDB's
/// select_export), which Aurora's INTO OUTFILE S3 follows:
/// - each line is LINES STARTING BY, the fields joined by FIELDS
///   TERMINATED BY, then LINES TERMINATED BY (FIELDS TERMINATED BY when
///   that is empty);
/// - ENCLOSED BY wraps every non-NULL field (OPTIONALLY: every string);
/// - with an ESCAPED BY character, NULL is written as that character and N
///   (\N); inside a string field the escape character, the enclosing
///   character (the first of FIELDS TERMINATED BY when the field is not
///   enclosed), the first character of the line terminator and NUL are
///   prefixed with it (NUL written as '0'); an enclosing character that is
///   one of "ntrb0ZN" is doubled instead, and a FIELDS TERMINATED BY that
///   is one of those or of ".0123456789e+-" is left alone; numbers and BITs
///   are escaped only when the enclosing character is one of the latter;
/// - without an ESCAPED BY character nothing is escaped and NULL is the
///   word NULL.
/// Not reproduced: the fixed-width rows of an empty FIELDS TERMINATED BY
/// and ENCLOSED BY; the multibyte-aware scanning of big5, cp932, gbk and
/// sjis values (whose second bytes may look like an escape); and, with a
/// CHARACTER SET clause, the '?' MariaDB writes for the bytes of binary
/// values that are not valid in that set.
///
/// Thread safety: immutable after construction.
class TextRowEncoder {
 public:
  explicit TextRowEncoder(TextFileOptions options);

  /// Appends one encoded line to *out.
  void AppendRow(std::span<const FieldValue> fields, std::string* out) const;

 private:
  void AppendField(const FieldValue& field, std::string* out) const;
  void AppendEscaped(std::string_view bytes, bool enclosed, std::string* out) const;

  TextFileOptions options_;
  // Characters that get the escape prefix inside an enclosed field, and
  // inside one that is not (for a quick test).
  bool must_escape_enclosed_[256] = {};
  bool must_escape_bare_[256] = {};
  // The enclosing character's prefix: the escape character, or itself.
  char enclosure_prefix_ = 0;
  // Whether numbers and BITs are escaped too.
  bool escape_numbers_ = false;
};

}  // namespace stratus::connectors::mysql
