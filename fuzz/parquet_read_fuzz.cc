// Fuzzes the Parquet reader (formats::parquet) over whole files: the input
// is the file. The footer is read, every column is read as the type
// InferColumns gives it (nested LIST, MAP and struct columns as ARRAY, MAP
// and ROW, assembled from their repetition and definition levels), and the
// row groups are listed.
//
// Properties: nothing crashes and no allocation outgrows the input by much;
// errors are only Corruption, NotImplemented or InvalidArgument; every batch
// has at most kBatchRows rows and every value renders.

#include <cstddef>
#include <cstdint>
#include <string>

#include "base/check.h"
#include "formats/parquet/parquet_split_reader.h"
#include "formats/text/string_object_reader.h"
#include "sql/vector/batch.h"

namespace stratus::formats::parquet {
namespace {

// Bounds the work one input can ask for (a footer may claim 2^60 rows).
constexpr int kMaxBatches = 256;

void CheckError(const Status& status) {
  const StatusCode code = status.code();
  STRATUS_CHECK(code == StatusCode::kCorruption || code == StatusCode::kNotImplemented ||
                    code == StatusCode::kInvalidArgument,
                "unexpected error {}", status.ToString());
}

void ReadFile(const text::StringObjectReader& source) {
  Result<FileMetaData> footer = ReadParquetFooter(source, 1 << 20);
  if (!footer.ok()) {
    CheckError(footer.status());
    return;
  }
  Result<std::vector<RowGroupInfo>> groups = ListRowGroups(*footer);
  if (!groups.ok()) {
    CheckError(groups.status());
  }
  Result<std::vector<ParquetColumn>> columns = InferColumns(*footer);
  if (!columns.ok()) {
    CheckError(columns.status());
    return;
  }
  auto reader = ParquetSplitReader::Open(
      source, ParquetSplit{.columns = *columns, .max_footer_bytes = 1 << 20});
  if (!reader.ok()) {
    CheckError(reader.status());
    return;
  }
  sql::Batch batch;
  for (int i = 0; i < kMaxBatches; ++i) {
    Result<bool> more = (*reader)->Next(&batch);
    if (!more.ok()) {
      CheckError(more.status());
      return;
    }
    if (!*more) {
      return;
    }
    STRATUS_CHECK_LE(batch.num_rows(), sql::kBatchRows);
    (void)batch.ToString();
  }
}

}  // namespace
}  // namespace stratus::formats::parquet

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const stratus::formats::text::StringObjectReader source(
      std::string(reinterpret_cast<const char*>(data), size));
  stratus::formats::parquet::ReadFile(source);
  return 0;
}
