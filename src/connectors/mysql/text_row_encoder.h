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
  /// A numeric column: OPTIONALLY ENCLOSED leaves it bare.
  bool numeric = false;
};

/// Writes rows as MySQL's SELECT ... INTO OUTFILE does, which Aurora's
/// INTO OUTFILE S3 follows:
/// - each line is LINES STARTING BY, the fields joined by FIELDS
///   TERMINATED BY, then LINES TERMINATED BY;
/// - ENCLOSED BY wraps every field (OPTIONALLY: every non-numeric field);
/// - with an ESCAPED BY character, NULL is written as that character and N
///   (\N), and inside a field the escape character, the enclosing
///   character, and — when fields are not enclosed — the first character
///   of FIELDS TERMINATED BY and of LINES TERMINATED BY are prefixed with
///   it; NUL is written as escape + '0';
/// - without an ESCAPED BY character nothing is escaped and NULL is the
///   word NULL.
///
/// Thread safety: immutable after construction.
class TextRowEncoder {
 public:
  explicit TextRowEncoder(TextFileOptions options);

  /// Appends one encoded line to *out.
  void AppendRow(std::span<const FieldValue> fields, std::string* out) const;

 private:
  void AppendField(const FieldValue& field, std::string* out) const;

  TextFileOptions options_;
  // Characters that get the escape prefix inside a field (for a quick test).
  bool must_escape_[256] = {};
};

}  // namespace stratus::connectors::mysql
