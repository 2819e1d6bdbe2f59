#pragma once

// The console's preview of a Parquet object (docs/console.md):
// GET /_stratus/preview?uri=s3://bucket/key&rows=N answers the first N rows
// (at most kMaxPreviewRows, kDefaultPreviewRows when absent) as
// {"columns": [{"name", "type"}], "rows": [[...]], "total_rows": T}, each
// value as Athena renders it (sql/types/value_format.h) and NULL as null.
// The browser previews text, CSV and JSON itself with a ranged GetObject;
// Parquet needs a reader, hence this endpoint.
//
// Only s3:// URIs: the endpoint never reads the server's files. Only the
// row groups that hold the first N rows are read, after the footer.
//
// Thread safety: stateless; the lake it borrows is thread-safe.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "console/console.h"

namespace stratus::lake {
class Lake;
class ObjectReader;
}  // namespace stratus::lake

namespace stratus::console {

inline constexpr size_t kDefaultPreviewRows = 50;
inline constexpr size_t kMaxPreviewRows = 1000;

struct PreviewColumn {
  std::string name = {};
  std::string type = {};  // Trino's name of the type it reads as ("bigint", "decimal(9,2)").
};

/// The first rows of a Parquet file.
struct ParquetPreview {
  std::vector<PreviewColumn> columns = {};
  std::vector<std::vector<std::optional<std::string>>> rows = {};  // nullopt is NULL.
  int64_t total_rows = 0;
  size_t row_groups_read = 0;
};

/// Reads the first `rows` rows of the Parquet file `source` holds: its flat
/// columns (nested ones are left out). Not Parquet is InvalidArgument.
Result<ParquetPreview> ReadParquetPreview(const lake::ObjectReader& source, size_t rows);

/// The preview as the endpoint's JSON body.
std::string ParquetPreviewJson(const ParquetPreview& preview);

/// The route of GET /_stratus/preview over context.lake (borrowed; when null
/// the endpoint answers 503). The endpoint cannot check a caller's keys, so
/// it answers 403 when the server verifies signatures rather than show any
/// object to anyone.
ConsoleRoute ObjectPreviewRoute(const ConsoleContext& context);

}  // namespace stratus::console
