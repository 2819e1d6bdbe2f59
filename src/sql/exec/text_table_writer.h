#pragma once

// TextTableWriter: the TableWriter of Hive text tables (table_writer.h):
// - LazySimpleSerDe: fields joined by the table's field delimiter (default
//   \x01), NULL as the table's null format (default \N), values in Athena's
//   text rendering (value_format.h); array elements and map entries joined by
//   the collection delimiter, map keys and values by the map-key delimiter.
// - OpenCSVSerde: every field quoted with quoteChar (quotes and escapes
//   inside escaped with escapeChar), NULL as an empty field.
// - Lines end with '\n'; a file is compressed whole (write.compression or
//   write_compression: GZIP, ZSTD, BZIP2) and gets the extension.
//
// Thread safety: one driver's thread.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sql/exec/table_writer.h"

namespace stratus::sql::exec {

class TextTableWriter final : public TableWriter {
 public:
  explicit TextTableWriter(std::shared_ptr<TableWriteTarget> target);
  ~TextTableWriter() override;

  Status Write(const Batch& input) override;
  Status Finish() override;

 private:
  struct OpenFile {
    std::string directory;
    std::vector<std::string> path_values;
    std::vector<Value> values;
    std::string text;
    uint64_t rows = 0;
  };

  Status Flush(OpenFile& file);
  void AppendField(const Vector& column, size_t row, std::string* out) const;

  std::shared_ptr<TableWriteTarget> target_;
  size_t num_partition_keys_;
  // Per partition directory (one, "", for unpartitioned tables).
  std::map<std::string, OpenFile> files_;
};

}  // namespace stratus::sql::exec
