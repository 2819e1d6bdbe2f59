// Parquet scan throughput beside memcpy bandwidth, measured in the same run.
//
//   stratus_formats_parquet_scan_bench [--rows N] [--codec snappy|zstd|none] [--out PATH]
//
// Writes a file of the batch ETL's transactions shape (transaction_id
// bigint, user_id bigint, total_cost double, dt varchar) with ParquetWriter,
// holds it in memory, and scans it with ParquetSplitReader on one thread.
// Prints the file size, write time, and the scan's MB/s (file bytes) and
// rows/s, best of five, with memcpy's bandwidth over the same bytes. --out
// also saves the file, to compare with other readers (DuckDB) by hand.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "formats/parquet/parquet_split_reader.h"
#include "formats/parquet/parquet_writer.h"
#include "formats/text/string_object_reader.h"
#include "sql/types/logical_type.h"
#include "sql/vector/batch.h"
#include "sql/vector/string_heap.h"
#include "sql/vector/vector.h"

namespace stratus::formats::parquet {
namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::vector<ParquetColumn> TransactionsColumns() {
  return {{"transaction_id", sql::LogicalType::Bigint()},
          {"user_id", sql::LogicalType::Bigint()},
          {"total_cost", sql::LogicalType::Double()},
          {"dt", sql::LogicalType::Varchar()}};
}

// The same shape as gen_lake.py's transactions.
std::vector<sql::Batch> Generate(size_t rows) {
  std::mt19937_64 random(42);
  std::vector<sql::Batch> batches;
  for (size_t first = 0; first < rows; first += sql::kBatchRows) {
    const size_t n = std::min(sql::kBatchRows, rows - first);
    std::vector<sql::Vector> columns;
    for (const ParquetColumn& column : TransactionsColumns()) {
      columns.emplace_back(column.type, n);
    }
    for (size_t r = 0; r < n; ++r) {
      columns[0].mutable_values<int64_t>()[r] = static_cast<int64_t>(first + r + 1);
      columns[1].mutable_values<int64_t>()[r] =
          1 + static_cast<int64_t>(random() % (rows / 20 + 1));
      columns[2].mutable_values<double>()[r] = static_cast<double>(50 + random() % 49950) / 100;
      const int day = static_cast<int>(random() % 90);
      char date[16];
      std::snprintf(date, sizeof(date), "2024-%02d-%02d", 1 + day / 28, 1 + day % 28);
      columns[3].mutable_values<sql::StringView>()[r] = columns[3].heap().Add(date);
    }
    for (sql::Vector& column : columns) {
      column.set_size(n);
    }
    batches.emplace_back(std::move(columns), n);
  }
  return batches;
}

double MemcpySeconds(const std::string& bytes) {
  std::string target(bytes.size(), '\0');
  double best = 1e9;
  for (int i = 0; i < 5; ++i) {
    const Clock::time_point start = Clock::now();
    std::memcpy(target.data(), bytes.data(), bytes.size());
    best = std::min(best, Seconds(start));
  }
  if (target[bytes.size() / 2] != bytes[bytes.size() / 2]) {
    std::abort();
  }
  return best;
}

int Run(size_t rows, Codec codec, const std::string& out) {
  const std::vector<sql::Batch> batches = Generate(rows);
  const Clock::time_point write_start = Clock::now();
  Result<std::string> file = WriteParquet(TransactionsColumns(), batches, {.codec = codec});
  const double write_seconds = Seconds(write_start);
  if (!file.ok()) {
    std::fprintf(stderr, "write failed: %s\n", file.status().ToString().c_str());
    return 1;
  }
  if (!out.empty()) {
    std::ofstream(out, std::ios::binary) << *file;
  }
  const text::StringObjectReader source(*file);
  double best = 1e9;
  size_t read_rows = 0;
  for (int i = 0; i < 5; ++i) {
    const Clock::time_point start = Clock::now();
    auto reader = ParquetSplitReader::Open(source, ParquetSplit{.columns = TransactionsColumns()});
    if (!reader.ok()) {
      std::fprintf(stderr, "open failed: %s\n", reader.status().ToString().c_str());
      return 1;
    }
    sql::Batch batch;
    read_rows = 0;
    for (;;) {
      Result<bool> more = (*reader)->Next(&batch);
      if (!more.ok()) {
        std::fprintf(stderr, "scan failed: %s\n", more.status().ToString().c_str());
        return 1;
      }
      if (!*more) {
        break;
      }
      read_rows += batch.num_rows();
    }
    best = std::min(best, Seconds(start));
  }
  const double megabytes = static_cast<double>(file->size()) / 1e6;
  const double memcpy_seconds = MemcpySeconds(*file);
  std::printf("rows %zu (read %zu), file %.1f MB, written in %.2f s\n", rows, read_rows, megabytes,
              write_seconds);
  std::printf("scan:   %8.1f MB/s  %6.1f M rows/s  (%.3f s)\n", megabytes / best,
              static_cast<double>(read_rows) / best / 1e6, best);
  std::printf("memcpy: %8.1f MB/s  scan is %.1f%% of memcpy\n", megabytes / memcpy_seconds,
              100 * memcpy_seconds / best);
  return 0;
}

}  // namespace
}  // namespace stratus::formats::parquet

int main(int argc, char** argv) {
  size_t rows = 2000000;
  std::string out;
  auto codec = stratus::formats::parquet::Codec::kSnappy;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--rows") {
      rows = std::strtoull(value.c_str(), nullptr, 10);
    } else if (flag == "--out") {
      out = value;
    } else if (flag == "--codec") {
      codec = value == "zstd"   ? stratus::formats::parquet::Codec::kZstd
              : value == "none" ? stratus::formats::parquet::Codec::kUncompressed
                                : stratus::formats::parquet::Codec::kSnappy;
    } else {
      std::fprintf(stderr, "usage: %s [--rows N] [--codec snappy|zstd|none] [--out PATH]\n",
                   argv[0]);
      return 2;
    }
  }
  return stratus::formats::parquet::Run(rows, codec, out);
}
