#pragma once

// Readers of delete files (Parquet): position deletes into sorted row
// positions per data file, equality deletes into rows of key values.
//
// Thread safety: free functions.

#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/result.h"
#include "formats/iceberg/data_file.h"
#include "formats/iceberg/schema.h"
#include "formats/iceberg/table_io.h"
#include "sql/types/value.h"

namespace stratus::formats::iceberg {

/// Deleted row positions per data file path (as written in the manifests),
/// each sorted ascending without duplicates.
using PositionDeletes = std::unordered_map<std::string, std::vector<int64_t>>;

/// Reads one position delete file, keeping `only_data_file`'s positions when
/// that is not empty. A file whose file_path bounds are equal references one
/// data file only: its path column is not read, and it is skipped outright
/// when it names another file than `only_data_file`. Positions are sorted
/// ascending without duplicates.
Result<PositionDeletes> ReadPositionDeleteFile(TableIo& io,
                                               const DataFile& delete_file,
                                               std::string_view only_data_file = {});

/// Appends `from`'s positions to `into`'s, keeping each list sorted
/// ascending without duplicates.
void MergePositionDeletes(PositionDeletes from, PositionDeletes* into);

/// Reads position delete files (columns file_path and pos, field ids
/// 2147483546 and 2147483545) and merges their positions. When
/// `only_data_file` is not empty, keeps that file's positions only.
Result<PositionDeletes> ReadPositionDeletes(TableIo& io,
                                            std::span<const DataFile> delete_files,
                                            std::string_view only_data_file = {});

/// The rows of one equality delete file: a data row whose values for
/// `field_ids` equal one of `rows` (NULL equals NULL) is deleted.
struct EqualityDeletes {
  std::vector<int32_t> field_ids = {};
  /// Each row holds one value per field id, typed as `schema` declares it.
  std::vector<std::vector<sql::Value>> rows = {};
};

/// Reads an equality delete file; its columns are found by field id and
/// typed through `schema` (the table schema). An id the schema lacks is Corruption.
Result<EqualityDeletes> ReadEqualityDeletes(TableIo& io,
                                            const DataFile& delete_file,
                                            const Schema& schema);

}  // namespace stratus::formats::iceberg
