#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "glue/catalog_types.h"

namespace stratus::glue {

/// How a partition key's values compare in a filter, from its type.
enum class KeyKind : uint8_t {
  kString,     // string, varchar, char and anything else: byte order.
  kInteger,    // tinyint, smallint, int, integer, bigint, long: as int64.
  kDecimal,    // decimal(p,s), double, float: as numbers.
  kDate,       // date: yyyy-mm-dd, by calendar order.
  kTimestamp,  // timestamp: as text (ISO form sorts in time order).
};

/// Returns how a key of Hive type `type` ("int", "decimal(10,2)") compares.
KeyKind KeyKindOf(std::string_view type);

/// A parsed GetPartitions Expression: Glue's partition filter language, a
/// SQL WHERE clause over the partition keys.
///
///   expression := disjunct (OR disjunct)*
///   disjunct   := factor (AND factor)*
///   factor     := NOT factor | '(' expression ')' | predicate
///   predicate  := term op term                      op: = <> != < <= > >=
///               | term [NOT] BETWEEN term AND term
///               | term [NOT] IN '(' term (',' term)* ')'
///               | term [NOT] LIKE term              % any run, _ one character
///               | term IS [NOT] NULL
///   term       := key | 'string' | number | DATE 'string' | TIMESTAMP 'string'
///
/// Keywords and key names are case-insensitive; a key may be quoted with
/// backticks or double quotes; '' inside a string is a quote. Comparisons
/// take the type of the partition key they involve (KeyKind): `year > 9`
/// compares integers when `year` is an int key, strings when it is a
/// string key. A partition value that does not parse as its key's type
/// satisfies no comparison; a literal that does not is an error. Partition
/// values are never NULL.
///
/// AWS: the operators and key types of the GetPartitions documentation;
/// pinned by test/wire/test_glue.py::test_get_partitions_expression_*.
///
/// Thread safety: immutable after Parse(); Matches() is safe from any thread.
class PartitionFilter {
 public:
  struct Node;

  PartitionFilter(PartitionFilter&&) noexcept;
  PartitionFilter& operator=(PartitionFilter&&) noexcept;
  ~PartitionFilter();

  /// Parses `expression` over a table's partition keys. InvalidInputException
  /// for a syntax error, an unknown key, a bad literal, or nesting deeper
  /// than 100.
  static Result<PartitionFilter> Parse(std::string_view expression, std::span<const Column> keys);

  /// Returns whether a partition with `values` (one per key, in key order)
  /// passes. REQUIRES: values.size() == the number of keys.
  bool Matches(std::span<const std::string> values) const;

  /// Returns the expression fully parenthesized, keywords upper-case, keys
  /// by name: Parse(ToString()) gives the same filter.
  std::string ToString() const;

 private:
  PartitionFilter(std::unique_ptr<Node> root, std::vector<std::string> key_names);

  std::unique_ptr<Node> root_;
  std::vector<std::string> key_names_;
};

}  // namespace stratus::glue
