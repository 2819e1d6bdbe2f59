#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace stratus::glue {

/// Returns the name as Glue stores database and table names: ASCII letters
/// lowercased, everything else as given.
///
/// AWS: Glue lowercases database and table names (Hive compatibility), and
/// finds them whatever case the caller writes. Pinned by
/// test/wire/test_glue.py::test_names_are_lowercased.
std::string NormalizeName(std::string_view name);

/// A name pattern as GetTables' Expression takes it (Hive's pattern
/// language, as Glue applies it): alternatives separated by '|', each
/// matched against the whole name, case-insensitively; '*' (or '.*')
/// matches any run of characters and a lone '.' any one character;
/// everything else matches itself. An empty pattern matches every name.
///
/// Thread safety: immutable after construction.
class NamePattern {
 public:
  explicit NamePattern(std::string_view pattern);

  bool Matches(std::string_view name) const;

 private:
  std::vector<std::string> alternatives_;  // Lowercased; '*' for every wildcard run.
  bool match_all_ = false;
};

}  // namespace stratus::glue
