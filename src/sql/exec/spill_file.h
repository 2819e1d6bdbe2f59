#pragma once

// Spill files: batches an operator writes to disk when the memory budget
// runs out and reads back in the same statement (docs/formats/sql_spill.md).
// SpillWriter appends batches of flat or encoded vectors of scalar types;
// SpillReader returns them in order as flat batches of the types the caller
// gives. Nested types cannot be spilled (CanSpill()).
//
// Ownership: both own their file and borrow the file system; the writer's
// file is deleted by whoever owns the SpillFile handle.
// Thread safety: one thread at a time per writer or reader.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "sql/exec/operator.h"
#include "sql/types/logical_type.h"
#include "sql/vector/batch.h"

namespace stratus::io {
class FileSystem;
class RandomAccessFile;
class WritableFile;
}  // namespace stratus::io

namespace stratus::sql::exec {

/// Returns true when batches of `types` can be spilled (no nested types).
bool CanSpill(const std::vector<LogicalType>& types);

/// Encodes one batch as a spill record's payload (exposed for tests).
std::string EncodeSpillBatch(const Batch& batch);

/// Decodes a payload into a batch of `types`. Errors: kCorruption.
Result<Batch> DecodeSpillBatch(std::string_view payload, const std::vector<LogicalType>& types);

/// Writes one spill file.
class SpillWriter {
 public:
  /// Creates `path` (replacing a stale file of that name) and writes the header.
  static Result<std::unique_ptr<SpillWriter>> Create(io::FileSystem& files, std::string path);
  ~SpillWriter();
  SpillWriter(const SpillWriter&) = delete;
  SpillWriter& operator=(const SpillWriter&) = delete;

  Status Append(const Batch& batch);
  /// Flushes and closes the file.
  Status Close();

  const std::string& path() const { return path_; }

  uint64_t bytes_written() const;

 private:
  SpillWriter(std::unique_ptr<io::WritableFile> file, std::string path);

  std::unique_ptr<io::WritableFile> file_;
  std::string path_;
};

/// Reads a spill file's batches in order (a Source, so that merges read
/// spilled runs and in-memory ones alike).
class SpillReader final : public Source {
 public:
  static Result<std::unique_ptr<SpillReader>> Open(io::FileSystem& files,
                                                   const std::string& path,
                                                   std::vector<LogicalType> types);
  ~SpillReader() override;
  SpillReader(const SpillReader&) = delete;
  SpillReader& operator=(const SpillReader&) = delete;

  /// Reads the next batch into *out; false at the end of the file.
  Result<bool> Next(Batch* out) override;

 private:
  SpillReader(std::unique_ptr<io::RandomAccessFile> file, std::vector<LogicalType> types);

  Status ReadExactly(uint64_t offset, size_t size, std::string* out) const;

  std::unique_ptr<io::RandomAccessFile> file_;
  std::vector<LogicalType> types_;
  uint64_t offset_ = 0;
};

}  // namespace stratus::sql::exec
