// Prints the throughput of each checksum kernel over a 1 MiB buffer, with
// memcpy of the same buffer and zlib's crc32() as yardsticks. Not run by ctest:
//   build/release/src/io/stratus_io_checksum_bench [--benchmark_filter=crc]
#include <cctype>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <benchmark/benchmark.h>
#if defined(STRATUS_BENCH_ZLIB)
#include <zlib.h>
#endif

#include "io/checksum.h"
#include "io/crc_kernels_internal.h"

namespace stratus::io {
namespace {

constexpr size_t kBufferSize = size_t{1} << 20;

std::string RandomBuffer() {
  std::mt19937_64 random(42);
  std::string buffer(kBufferSize, '\0');
  for (char& c : buffer) {
    c = static_cast<char>(random() & 0xFF);
  }
  return buffer;
}

// Registers a benchmark that runs `checksum` over the buffer once per iteration.
template <typename Function>
void AddBenchmark(const std::string& name, const std::string& buffer, Function checksum) {
  benchmark::RegisterBenchmark(name.c_str(), [&buffer, checksum](benchmark::State& state) {
    for (auto _ : state) {
      benchmark::DoNotOptimize(checksum(std::string_view(buffer)));
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                            static_cast<int64_t>(buffer.size()));
  });
}

template <typename T>
void AddCrcBenchmarks(std::string_view algorithm,
                      const std::vector<internal::CrcKernel<T>>& kernels,
                      const std::string& buffer) {
  for (const internal::CrcKernel<T>& kernel : kernels) {
    AddBenchmark(std::string(algorithm) + "/" + std::string(kernel.name), buffer,
                 [extend = kernel.extend](std::string_view data) { return extend(0, data); });
  }
}

void AddReferenceBenchmarks(const std::string& buffer) {
  benchmark::RegisterBenchmark("memcpy", [&buffer](benchmark::State& state) {
    std::string copy(buffer.size(), '\0');
    for (auto _ : state) {
      std::memcpy(copy.data(), buffer.data(), buffer.size());
      benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                            static_cast<int64_t>(buffer.size()));
  });
#if defined(STRATUS_BENCH_ZLIB)
  AddBenchmark("crc32/zlib", buffer, [](std::string_view d) {
    return crc32_z(0, reinterpret_cast<const Bytef*>(d.data()), d.size());
  });
#endif
}

// The hashes run through Checksummer, as the S3 service will call them.
void AddHashBenchmarks(const std::string& buffer) {
  for (const ChecksumAlgorithm algorithm :
       {ChecksumAlgorithm::kSha1, ChecksumAlgorithm::kSha256, ChecksumAlgorithm::kMd5}) {
    std::string name(ChecksumAlgorithmName(algorithm));
    for (char& c : name) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    AddBenchmark(name + "/openssl", buffer, [algorithm](std::string_view data) {
      Checksummer checksummer(algorithm);
      checksummer.Update(data);
      return checksummer.Finish();
    });
  }
}

}  // namespace
}  // namespace stratus::io

int main(int argc, char** argv) {
  const std::string buffer = stratus::io::RandomBuffer();
  stratus::io::AddReferenceBenchmarks(buffer);
  stratus::io::AddCrcBenchmarks("crc32", stratus::io::internal::Crc32Kernels(), buffer);
  stratus::io::AddCrcBenchmarks("crc32c", stratus::io::internal::Crc32cKernels(), buffer);
  stratus::io::AddCrcBenchmarks("crc64nvme", stratus::io::internal::Crc64NvmeKernels(), buffer);
  stratus::io::AddHashBenchmarks(buffer);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
    return 1;
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
