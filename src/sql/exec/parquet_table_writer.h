#pragma once

// ParquetTableWriter: the TableWriter of Hive Parquet tables
// (table_writer.h): one ParquetWriter per partition directory, each
// streaming into a lake ObjectWriter and committed when it reaches the
// target's file size or the writer finishes. Data columns only (partition
// keys live in the path), by name, with the target's codec and field ids.
//
// Thread safety: one driver's thread.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sql/exec/table_writer.h"

namespace stratus::formats::parquet {
class ParquetWriter;
}  // namespace stratus::formats::parquet

namespace stratus::lake {
class ObjectWriter;
}  // namespace stratus::lake

namespace stratus::sql::exec {

class ParquetTableWriter final : public TableWriter {
 public:
  explicit ParquetTableWriter(std::shared_ptr<TableWriteTarget> target);
  ~ParquetTableWriter() override;

  Status Write(const Batch& input) override;
  Status Finish() override;

 private:
  struct OpenFile {
    std::vector<std::string> path_values;
    std::vector<Value> values;
    std::string uri;
    std::unique_ptr<lake::ObjectWriter> sink;
    std::unique_ptr<formats::parquet::ParquetWriter> writer;
  };

  // Appends rows of one partition, opening (and rolling) its file.
  Status WriteBatch(OpenFile& file, const std::string& directory, const Batch& batch);
  Status Open(OpenFile& file, const std::string& directory);
  Status Close(OpenFile& file);

  std::shared_ptr<TableWriteTarget> target_;
  size_t num_partition_keys_;
  size_t file_bytes_;
  // Per partition directory (one, "", for unpartitioned tables).
  std::map<std::string, OpenFile> files_;
};

}  // namespace stratus::sql::exec
