// Checks the three CRCs (and each one's portable and accelerated kernels)
// against published check values, values S3 and zlib produce, and a bit-at-a-
// time reference written from the CRC definitions.
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "io/crc32.h"
#include "io/crc32c.h"
#include "io/crc64nvme.h"
#include "io/crc_kernels_internal.h"

namespace stratus::io {
namespace {

struct Crc32Traits {
  using Value = uint32_t;
  static constexpr Value kReflectedPoly = 0xEDB88320;
  static constexpr Value kCheck = 0xCBF43926;       // Of "123456789".
  static constexpr Value kHelloWorld = 0x8BD69E52;  // zlib.crc32(b"Hello world").

  static Value Extend(Value crc, std::string_view data) { return ExtendCrc32(crc, data); }

  static std::vector<internal::CrcKernel<Value>> Kernels() { return internal::Crc32Kernels(); }
};

struct Crc32cTraits {
  using Value = uint32_t;
  static constexpr Value kReflectedPoly = 0x82F63B78;
  static constexpr Value kCheck = 0xE3069283;
  static constexpr Value kHelloWorld = 0x72B51F78;

  static Value Extend(Value crc, std::string_view data) { return ExtendCrc32c(crc, data); }

  static std::vector<internal::CrcKernel<Value>> Kernels() { return internal::Crc32cKernels(); }
};

struct Crc64NvmeTraits {
  using Value = uint64_t;
  static constexpr Value kReflectedPoly = 0x9A6C9329AC4BC9B5;
  static constexpr Value kCheck = 0xAE8B14860A799888;
  static constexpr Value kHelloWorld = 0x38E259D03F312ADB;

  static Value Extend(Value crc, std::string_view data) { return ExtendCrc64Nvme(crc, data); }

  static std::vector<internal::CrcKernel<Value>> Kernels() { return internal::Crc64NvmeKernels(); }
};

// The CRC straight from its definition, one bit at a time.
template <typename Traits>
typename Traits::Value ReferenceCrc(std::string_view data) {
  using Value = typename Traits::Value;
  Value crc = ~Value{0};
  for (const char c : data) {
    crc ^= static_cast<unsigned char>(c);
    for (int bit = 0; bit < 8; ++bit) {
      crc = (crc & 1) != 0 ? static_cast<Value>((crc >> 1) ^ Traits::kReflectedPoly)
                           : static_cast<Value>(crc >> 1);
    }
  }
  return static_cast<Value>(~crc);
}

std::string RandomBytes(std::mt19937_64& random, size_t size) {
  std::string bytes(size, '\0');
  for (char& c : bytes) {
    c = static_cast<char>(random() & 0xFF);
  }
  return bytes;
}

template <typename Traits>
class CrcTest : public ::testing::Test {};

using CrcAlgorithms = ::testing::Types<Crc32Traits, Crc32cTraits, Crc64NvmeTraits>;
TYPED_TEST_SUITE(CrcTest, CrcAlgorithms);

TYPED_TEST(CrcTest, MatchesPublishedCheckValue) {
  EXPECT_EQ(TypeParam::Extend(0, "123456789"), TypeParam::kCheck);
  EXPECT_EQ(ReferenceCrc<TypeParam>("123456789"), TypeParam::kCheck);
  for (const auto& kernel : TypeParam::Kernels()) {
    EXPECT_EQ(kernel.extend(0, "123456789"), TypeParam::kCheck) << kernel.name;
  }
}

TYPED_TEST(CrcTest, PortableKernelComesFirstAndTheFastestIsUsed) {
  const auto kernels = TypeParam::Kernels();
  ASSERT_FALSE(kernels.empty());
  EXPECT_EQ(kernels.front().name, "portable");
  std::string names;
  for (const auto& kernel : kernels) {
    names += std::string(kernel.name) + " ";
  }
  ::testing::Test::RecordProperty("kernels", names);
}

TYPED_TEST(CrcTest, EmptyInputIsZeroAndLeavesAValueUnchanged) {
  EXPECT_EQ(TypeParam::Extend(0, ""), 0u);
  EXPECT_EQ(TypeParam::Extend(TypeParam::kCheck, ""), TypeParam::kCheck);
}

TYPED_TEST(CrcTest, MatchesTheValueS3ComputesForHelloWorld) {
  EXPECT_EQ(TypeParam::Extend(0, "Hello world"), TypeParam::kHelloWorld);
}

TYPED_TEST(CrcTest, EveryKernelMatchesTheReferenceForAllShortLengthsAndAlignments) {
  std::mt19937_64 random(1);
  const std::string buffer = RandomBytes(random, 300 + 16);
  const auto kernels = TypeParam::Kernels();
  for (size_t start = 0; start < 16; ++start) {
    for (size_t size = 0; size <= 300; ++size) {
      const std::string_view data(buffer.data() + start, size);
      const auto expected = ReferenceCrc<TypeParam>(data);
      ASSERT_EQ(TypeParam::Extend(0, data), expected) << "start=" << start << " size=" << size;
      for (const auto& kernel : kernels) {
        ASSERT_EQ(kernel.extend(0, data), expected)
            << kernel.name << " start=" << start << " size=" << size;
      }
    }
  }
}

TYPED_TEST(CrcTest, EveryKernelMatchesPortableOnLongInputs) {
  const uint64_t seed = 2;
  std::mt19937_64 random(seed);
  const auto kernels = TypeParam::Kernels();
  // Sizes around the three-stream blocks (3 x 256, 3 x 4096 bytes) and the folding loops.
  for (const size_t size :
       {255, 256, 257, 383, 384, 767, 768, 769, 1023, 12287, 12288, 12289, 65536 + 7, 1 << 20}) {
    const std::string data = RandomBytes(random, size);
    const auto initial = static_cast<typename TypeParam::Value>(random());
    const auto expected = kernels.front().extend(initial, data);
    for (const auto& kernel : kernels) {
      EXPECT_EQ(kernel.extend(initial, data), expected)
          << kernel.name << " seed=" << seed << " size=" << size;
    }
  }
}

TYPED_TEST(CrcTest, ExtendingPieceByPieceEqualsOneShot) {
  const uint64_t seed = 3;
  std::mt19937_64 random(seed);
  for (int round = 0; round < 200; ++round) {
    const std::string data = RandomBytes(random, random() % 40000);
    const auto one_shot = TypeParam::Extend(0, data);
    typename TypeParam::Value crc = 0;
    size_t done = 0;
    while (done < data.size()) {
      // Mostly small pieces, sometimes large ones, so that every kernel path meets a seam.
      const size_t limit = random() % 4 == 0 ? 20000 : 100;
      const size_t piece = std::min<size_t>(data.size() - done, random() % (limit + 1));
      crc = TypeParam::Extend(crc, std::string_view(data).substr(done, piece));
      done += piece;
    }
    ASSERT_EQ(crc, one_shot) << "seed=" << seed << " round=" << round;
  }
}

}  // namespace
}  // namespace stratus::io
