#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "formats/text/text_format_options.h"
#include "sql/types/logical_type.h"
#include "sql/vector/vector.h"

namespace stratus::formats::text {

/// One field of one line, as the tokenizer found it: bytes in the read block
/// (or in a heap of decoded CSV fields), and flags.
struct FieldRef {
  const char* data = nullptr;
  uint32_t length = 0;
  uint32_t flags = 0;
};

/// The line had no such field: the value is NULL.
inline constexpr uint32_t kFieldMissing = 1;
/// The field holds the escape character: unescape before use (LazySimpleSerDe).
inline constexpr uint32_t kFieldEscaped = 2;

/// Decodes `num_rows` fields into a new flat vector of `type`, following the
/// rules of docs/sql/text_tables.md (a field that does not parse is NULL).
/// Strings point into the fields' bytes where they can: `owners` (the read
/// block, and the heap of decoded CSV fields) are kept alive by the vector.
sql::Vector DecodeColumn(const sql::LogicalType& type,
                         const FieldRef* fields,
                         size_t num_rows,
                         const TextFormatOptions& options,
                         const std::vector<std::shared_ptr<const void>>& owners);

}  // namespace stratus::formats::text
