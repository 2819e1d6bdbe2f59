#include "io/checksum.h"

#include <random>
#include <string>
#include <utility>

#include <gtest/gtest.h>

#include "base/digest.h"
#include "testing/status_matchers.h"

namespace stratus::io {
namespace {

constexpr ChecksumAlgorithm kAllAlgorithms[] = {
    ChecksumAlgorithm::kCrc32, ChecksumAlgorithm::kCrc32c, ChecksumAlgorithm::kCrc64Nvme,
    ChecksumAlgorithm::kSha1,  ChecksumAlgorithm::kSha256, ChecksumAlgorithm::kMd5,
};

std::string Base64Of(ChecksumAlgorithm algorithm, std::string_view data) {
  return Base64Encode(ComputeChecksum(algorithm, data));
}

TEST(ChecksumTest, StoredValuesNeverChange) {
  EXPECT_EQ(static_cast<int>(ChecksumAlgorithm::kCrc32), 0);
  EXPECT_EQ(static_cast<int>(ChecksumAlgorithm::kCrc32c), 1);
  EXPECT_EQ(static_cast<int>(ChecksumAlgorithm::kCrc64Nvme), 2);
  EXPECT_EQ(static_cast<int>(ChecksumAlgorithm::kSha1), 3);
  EXPECT_EQ(static_cast<int>(ChecksumAlgorithm::kSha256), 4);
  EXPECT_EQ(static_cast<int>(ChecksumAlgorithm::kMd5), 5);
  for (const ChecksumAlgorithm algorithm : kAllAlgorithms) {
    ASSERT_OK_AND_ASSIGN(const ChecksumAlgorithm read,
                         ChecksumAlgorithmFromStoredValue(static_cast<uint8_t>(algorithm)));
    EXPECT_EQ(read, algorithm);
  }
  EXPECT_STATUS(StatusCode::kCorruption, ChecksumAlgorithmFromStoredValue(6));
}

TEST(ChecksumTest, ParsesTheFiveS3NamesIgnoringCase) {
  ASSERT_OK_AND_ASSIGN(ChecksumAlgorithm crc32, ParseChecksumAlgorithm("CRC32"));
  EXPECT_EQ(crc32, ChecksumAlgorithm::kCrc32);
  ASSERT_OK_AND_ASSIGN(ChecksumAlgorithm crc32c, ParseChecksumAlgorithm("crc32c"));
  EXPECT_EQ(crc32c, ChecksumAlgorithm::kCrc32c);
  ASSERT_OK_AND_ASSIGN(ChecksumAlgorithm crc64, ParseChecksumAlgorithm("Crc64Nvme"));
  EXPECT_EQ(crc64, ChecksumAlgorithm::kCrc64Nvme);
  ASSERT_OK_AND_ASSIGN(ChecksumAlgorithm sha1, ParseChecksumAlgorithm("sha1"));
  EXPECT_EQ(sha1, ChecksumAlgorithm::kSha1);
  ASSERT_OK_AND_ASSIGN(ChecksumAlgorithm sha256, ParseChecksumAlgorithm("SHA256"));
  EXPECT_EQ(sha256, ChecksumAlgorithm::kSha256);
  for (const ChecksumAlgorithm algorithm : kAllAlgorithms) {
    if (algorithm == ChecksumAlgorithm::kMd5) {
      continue;
    }
    ASSERT_OK_AND_ASSIGN(ChecksumAlgorithm parsed,
                         ParseChecksumAlgorithm(ChecksumAlgorithmName(algorithm)));
    EXPECT_EQ(parsed, algorithm);
  }
}

TEST(ChecksumTest, RejectsMd5AndUnknownNames) {
  EXPECT_STATUS(StatusCode::kInvalidArgument, ParseChecksumAlgorithm("MD5"));
  EXPECT_STATUS(StatusCode::kInvalidArgument, ParseChecksumAlgorithm("CRC64"));
  EXPECT_STATUS(StatusCode::kInvalidArgument, ParseChecksumAlgorithm(""));
  EXPECT_STATUS(StatusCode::kInvalidArgument, ParseChecksumAlgorithm("CRC32 "));
}

// Expected values from Python's zlib and hashlib and a bit-at-a-time CRC-32C and
// CRC-64/NVME, base64-encoded big-endian as S3 returns them.
TEST(ChecksumTest, EmptyInputGivesS3sValues) {
  EXPECT_EQ(Base64Of(ChecksumAlgorithm::kCrc32, ""), "AAAAAA==");
  EXPECT_EQ(Base64Of(ChecksumAlgorithm::kCrc32c, ""), "AAAAAA==");
  EXPECT_EQ(Base64Of(ChecksumAlgorithm::kCrc64Nvme, ""), "AAAAAAAAAAA=");
  EXPECT_EQ(Base64Of(ChecksumAlgorithm::kSha1, ""), "2jmj7l5rSw0yVb/vlWAYkK/YBwk=");
  EXPECT_EQ(Base64Of(ChecksumAlgorithm::kSha256, ""),
            "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  EXPECT_EQ(Base64Of(ChecksumAlgorithm::kMd5, ""), "1B2M2Y8AsgTpgAmY7PhCfg==");
}

TEST(ChecksumTest, HelloWorldGivesS3sValues) {
  EXPECT_EQ(Base64Of(ChecksumAlgorithm::kCrc32, "Hello world"), "i9aeUg==");
  EXPECT_EQ(Base64Of(ChecksumAlgorithm::kCrc32c, "Hello world"), "crUfeA==");
  EXPECT_EQ(Base64Of(ChecksumAlgorithm::kCrc64Nvme, "Hello world"), "OOJZ0D8xKts=");
  EXPECT_EQ(Base64Of(ChecksumAlgorithm::kSha1, "Hello world"), "e1AsOh9IyGCa4hLN+2Od7jlnP14=");
  EXPECT_EQ(Base64Of(ChecksumAlgorithm::kSha256, "Hello world"),
            "ZOyIygCyaOW6GjVnihtTFtIS9PNmskdyMlNKiuyjfzw=");
  EXPECT_EQ(Base64Of(ChecksumAlgorithm::kMd5, "Hello world"), "PiWWCnnbxptnTNTsZ6csYg==");
}

TEST(ChecksumTest, CheckStringGivesCatalogueValues) {
  EXPECT_EQ(ToHex(ComputeChecksum(ChecksumAlgorithm::kCrc32, "123456789")), "cbf43926");
  EXPECT_EQ(ToHex(ComputeChecksum(ChecksumAlgorithm::kCrc32c, "123456789")), "e3069283");
  EXPECT_EQ(ToHex(ComputeChecksum(ChecksumAlgorithm::kCrc64Nvme, "123456789")), "ae8b14860a799888");
}

TEST(ChecksumTest, DigestHasTheAlgorithmsSize) {
  for (const ChecksumAlgorithm algorithm : kAllAlgorithms) {
    EXPECT_EQ(ComputeChecksum(algorithm, "abc").size(), ChecksumSize(algorithm))
        << ChecksumAlgorithmName(algorithm);
  }
}

TEST(ChecksumTest, StreamingInRandomPiecesEqualsOneShotAndFinishStartsOver) {
  const uint64_t seed = 11;
  std::mt19937_64 random(seed);
  std::string data(100000, '\0');
  for (char& c : data) {
    c = static_cast<char>(random() & 0xFF);
  }
  for (const ChecksumAlgorithm algorithm : kAllAlgorithms) {
    const std::string expected = ComputeChecksum(algorithm, data);
    Checksummer checksummer(algorithm);
    for (int round = 0; round < 2; ++round) {  // The second round reuses it after Finish().
      size_t done = 0;
      while (done < data.size()) {
        const size_t piece = std::min<size_t>(data.size() - done, random() % 5000);
        checksummer.Update(std::string_view(data).substr(done, piece));
        done += piece;
      }
      EXPECT_EQ(checksummer.num_bytes(), data.size());
      EXPECT_EQ(checksummer.Finish(), expected)
          << ChecksumAlgorithmName(algorithm) << " seed=" << seed << " round=" << round;
      EXPECT_EQ(checksummer.num_bytes(), 0u);
    }
  }
}

TEST(ChecksumTest, FinishBase64EncodesTheDigestAndAMovedChecksummerKeepsItsState) {
  Checksummer first(ChecksumAlgorithm::kSha256);
  first.Update("Hello ");
  Checksummer moved = std::move(first);
  moved.Update("world");
  EXPECT_EQ(moved.algorithm(), ChecksumAlgorithm::kSha256);
  EXPECT_EQ(moved.FinishBase64(), "ZOyIygCyaOW6GjVnihtTFtIS9PNmskdyMlNKiuyjfzw=");
}

}  // namespace
}  // namespace stratus::io
