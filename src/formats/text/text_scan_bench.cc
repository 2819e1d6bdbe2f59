// CSV scan throughput beside memcpy bandwidth, measured in the same run.
//
//   stratus_formats_text_scan_bench [--rows N] [--file PATH] [--threads T]
//
// Scans headerless CSV of the batch ETL's transactions table (transaction_id
// bigint, user_id bigint, total_cost double, dt string), from PATH (e.g.
// ../shared/peers/gen_lake.py's transactions.csv) or generated here in the
// same shape, held in memory so that the figure is the parser's, not the
// disk's. Prints MB/s and rows/s for one split on one thread and for T splits
// on T threads, and each as a fraction of memcpy's bandwidth (one thread)
// over the same number of bytes.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "formats/text/string_object_reader.h"
#include "formats/text/text_split_reader.h"
#include "sql/types/logical_type.h"
#include "sql/vector/batch.h"

namespace stratus::formats::text {
namespace {

using Clock = std::chrono::steady_clock;

// The same shape as gen_lake.py's transactions: "%d,%d,%d.%02d,YYYY-MM-DD\n".
std::string Generate(size_t rows) {
  std::mt19937_64 random(42);
  std::string text;
  text.reserve(rows * 36);
  char line[96];
  for (size_t i = 1; i <= rows; ++i) {
    const uint64_t user = 1 + random() % (rows / 20 + 1);
    const uint64_t cents = 50 + random() % 49950;
    const int day = static_cast<int>(random() % 90);
    const int written = std::snprintf(
        line, sizeof(line), "%zu,%llu,%llu.%02llu,2024-%02d-%02d\n", i,
        static_cast<unsigned long long>(user), static_cast<unsigned long long>(cents / 100),
        static_cast<unsigned long long>(cents % 100), 1 + day / 28, 1 + day % 28);
    text.append(line, static_cast<size_t>(written));
  }
  return text;
}

double Seconds(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double MemcpySeconds(const std::string& text) {
  std::string target(text.size(), '\0');
  double best = 1e9;
  for (int i = 0; i < 5; ++i) {
    const Clock::time_point start = Clock::now();
    std::memcpy(target.data(), text.data(), text.size());
    best = std::min(best, Seconds(start));
  }
  if (target[text.size() / 2] != text[text.size() / 2]) {
    std::abort();
  }
  return best;
}

TextSplit TransactionsSplit() {
  TextSplit split;
  split.columns = {{.name = "transaction_id", .type = sql::LogicalType::Bigint()},
                   {.name = "user_id", .type = sql::LogicalType::Bigint()},
                   {.name = "total_cost", .type = sql::LogicalType::Double()},
                   {.name = "dt", .type = sql::LogicalType::Varchar()}};
  split.projection = {0, 1, 2, 3};
  split.format.field_delimiter = ',';
  return split;
}

// Scans [start, end); returns the rows read.
size_t ScanSplit(const StringObjectReader& source, uint64_t start, uint64_t end) {
  TextSplit split = TransactionsSplit();
  split.start = start;
  split.end = end;
  auto reader = TextSplitReader::Open(source, split);
  if (!reader.ok()) {
    std::fprintf(stderr, "open: %s\n", reader.status().ToString().c_str());
    std::exit(1);
  }
  size_t rows = 0;
  sql::Batch batch;
  for (;;) {
    Result<bool> more = (*reader)->Next(&batch);
    if (!more.ok()) {
      std::fprintf(stderr, "scan: %s\n", more.status().ToString().c_str());
      std::exit(1);
    }
    if (!*more) {
      return rows;
    }
    rows += batch.num_rows();
  }
}

double ScanSeconds(const StringObjectReader& source, size_t threads, size_t* rows) {
  double best = 1e9;
  for (int attempt = 0; attempt < 3; ++attempt) {
    std::vector<size_t> counts(threads, 0);
    std::vector<std::thread> workers;
    const uint64_t size = source.size();
    const Clock::time_point start = Clock::now();
    for (size_t t = 0; t < threads; ++t) {
      workers.emplace_back(
          [&, t] { counts[t] = ScanSplit(source, size * t / threads, size * (t + 1) / threads); });
    }
    for (std::thread& worker : workers) {
      worker.join();
    }
    best = std::min(best, Seconds(start));
    *rows = 0;
    for (const size_t count : counts) {
      *rows += count;
    }
  }
  return best;
}

void Report(const char* label, size_t bytes, size_t rows, double seconds, double memcpy_seconds) {
  const double mb = static_cast<double>(bytes) / 1e6;
  std::printf("%-26s %9.1f MB/s %8.2f M rows/s   %.3f of memcpy\n", label, mb / seconds,
              static_cast<double>(rows) / seconds / 1e6, memcpy_seconds / seconds);
}

int Main(int argc, char** argv) {
  size_t rows = 2'000'000;
  size_t threads = std::max(1u, std::thread::hardware_concurrency());
  std::string file;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--rows") {
      rows = std::strtoull(argv[i + 1], nullptr, 10);
    } else if (flag == "--file") {
      file = argv[i + 1];
    } else if (flag == "--threads") {
      threads = std::strtoull(argv[i + 1], nullptr, 10);
    }
  }
  std::string text;
  if (!file.empty()) {
    std::ifstream in(file, std::ios::binary);
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    std::printf("input: %s, %.1f MB\n", file.c_str(), static_cast<double>(text.size()) / 1e6);
  } else {
    text = Generate(rows);
    std::printf("input: %zu generated rows of the transactions shape, %.1f MB\n", rows,
                static_cast<double>(text.size()) / 1e6);
  }
  const StringObjectReader source(text);
  const double memcpy_seconds = MemcpySeconds(text);
  std::printf("%-26s %9.1f MB/s\n", "memcpy (1 thread)",
              static_cast<double>(text.size()) / 1e6 / memcpy_seconds);
  size_t scanned = 0;
  const double one = ScanSeconds(source, 1, &scanned);
  Report("scan, 1 split, 1 thread", text.size(), scanned, one, memcpy_seconds);
  if (threads > 1) {
    const double many = ScanSeconds(source, threads, &scanned);
    const std::string label = "scan, " + std::to_string(threads) + " splits/threads";
    Report(label.c_str(), text.size(), scanned, many, memcpy_seconds);
  }
  return 0;
}

}  // namespace
}  // namespace stratus::formats::text

int main(int argc, char** argv) {
  return stratus::formats::text::Main(argc, argv);
}
