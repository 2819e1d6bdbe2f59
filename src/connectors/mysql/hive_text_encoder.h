#pragma once

#include <string>
#include <string_view>

namespace stratus::connectors::mysql {

/// Writes fields as Hive's LazySimpleSerDe reads them with
/// `escape.delim '\\'`: fields joined by `delimiter`, lines ended by '\n';
/// inside a field the escape character, the delimiter, '\n' and '\r' are
/// written as '\\', '\<delimiter>', '\n' and '\r' (backslash and letter),
/// so any bytes — binary ones too — round-trip; NULL is `null_as`
/// ("\N" by default, Hive's serialization.null.format).
///
/// Thread safety: immutable.
class HiveTextEncoder {
 public:
  explicit HiveTextEncoder(char delimiter = ',', std::string null_as = "\\N")
      : delimiter_(delimiter), null_as_(std::move(null_as)) {}

  /// Appends one field (REQUIRES: the row's first field, or after a
  /// delimiter written by AppendDelimiter).
  void AppendField(std::string_view bytes, bool is_null, std::string* out) const;

  void AppendDelimiter(std::string* out) const { out->push_back(delimiter_); }

  void EndLine(std::string* out) const { out->push_back('\n'); }

 private:
  char delimiter_;
  std::string null_as_;
};

}  // namespace stratus::connectors::mysql
