#pragma once

// The scan of a Hive text table (formats/text): planning its splits and
// reading them on the drivers of a pipeline.
//
// PlanTextScan lists the table's files (hive_table_files.h: partitions,
// Hive's hidden files, partition pruning) and cuts every uncompressed file
// into byte-range splits (compressed files, by extension, are one split
// each). The splits are the pipeline's morsels: TextScanSource instances, one
// per driver, take them from the shared queue. Partition key columns are
// constant vectors of the partition's values; "$path" is a constant vector
// of the file's URI.
//
// Ownership: TextScanPlan is shared by the drivers (std::shared_ptr); it
// borrows the lake and the plan node. Thread safety: the split queue is an
// atomic counter; everything else in the plan is immutable once planned.

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "formats/text/text_split_reader.h"
#include "sql/exec/hive_table_files.h"
#include "sql/exec/operator.h"
#include "sql/types/value.h"

namespace stratus::lake {
class Lake;
}  // namespace stratus::lake

namespace stratus::sql::functions {
struct FunctionContext;
}  // namespace stratus::sql::functions

namespace stratus::sql::plan {
struct ScanNode;
}  // namespace stratus::sql::plan

namespace stratus::sql {
struct QueryProgress;
}  // namespace stratus::sql

namespace stratus::sql::exec {

/// One morsel of a text scan: a byte range of one object.
struct TextScanSplit {
  std::string uri = {};
  uint64_t start = 0;
  uint64_t end = 0;
  formats::text::TextCompression compression = formats::text::TextCompression::kNone;
  /// Index into TextScanPlan::partition_values.
  size_t partition = 0;
};

/// Where an output column of the scan comes from.
struct ScanColumnSource {
  enum class Kind : uint8_t { kData, kPartitionKey, kPath };
  Kind kind = Kind::kData;
  /// kData: the batch column of the split reader; kPartitionKey: the key's index.
  size_t index = 0;
};

/// A planned scan (see the essay above).
struct TextScanPlan {
  lake::Lake* lake = nullptr;
  formats::text::TextSplit split_template = {};
  std::vector<ScanColumnSource> outputs = {};
  std::vector<LogicalType> output_types = {};
  /// Per partition (one entry, empty, for unpartitioned tables): the key values.
  std::vector<std::vector<Value>> partition_values = {};
  std::vector<TextScanSplit> splits = {};
  std::atomic<size_t> next_split{0};
  /// The scan may stop after this many rows (per driver).
  uint64_t limit = UINT64_MAX;
  uint64_t split_bytes = 0;
  QueryProgress* progress = nullptr;
  std::atomic<uint64_t>* bytes_scanned = nullptr;
};

/// The size of the byte-range splits of uncompressed files.
inline constexpr uint64_t kTextSplitBytes = 8 << 20;

/// Plans the scan (see the essay), cutting files into `split_bytes` splits
/// (0: kTextSplitBytes). `progress` and `bytes_scanned` may be null.
Result<std::shared_ptr<TextScanPlan>> PlanTextScan(const plan::ScanNode& node,
                                                   lake::Lake* lake,
                                                   uint64_t split_bytes,
                                                   const functions::FunctionContext& context,
                                                   QueryProgress* progress,
                                                   std::atomic<uint64_t>* bytes_scanned);

/// Reads splits from a shared TextScanPlan (one instance per driver).
///
/// Thread safety: one driver's thread.
class TextScanSource final : public Source {
 public:
  explicit TextScanSource(std::shared_ptr<TextScanPlan> plan);
  ~TextScanSource() override;

  Result<bool> Next(Batch* out) override;

 private:
  Status OpenNextSplit(bool* opened);
  void CountBytes();

  std::shared_ptr<TextScanPlan> plan_;
  std::unique_ptr<lake::ObjectReader> object_;
  std::unique_ptr<formats::text::TextSplitReader> reader_;
  const TextScanSplit* split_ = nullptr;
  uint64_t bytes_counted_ = 0;
  uint64_t rows_ = 0;
};

}  // namespace stratus::sql::exec
