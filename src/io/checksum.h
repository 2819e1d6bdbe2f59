#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX, kept out of this header.

namespace stratus::io {

/// A checksum over object bytes: the five S3 offers (x-amz-checksum-*) and
/// MD5 (ETags, Content-MD5).
/// Do not reorder: values are stored on disk.
enum class ChecksumAlgorithm : uint8_t {
  kCrc32 = 0,
  kCrc32c = 1,
  kCrc64Nvme = 2,
  kSha1 = 3,
  kSha256 = 4,
  kMd5 = 5,
};

/// Returns the name as S3 spells it: "CRC32", "CRC32C", "CRC64NVME", "SHA1",
/// "SHA256", or "MD5".
std::string_view ChecksumAlgorithmName(ChecksumAlgorithm algorithm);

/// Parses an S3 checksum algorithm name (x-amz-checksum-algorithm, x-amz-sdk-
/// checksum-algorithm), ignoring case. Only the five S3 names parse: "MD5" is
/// not one of them. Errors: InvalidArgument naming the value.
Result<ChecksumAlgorithm> ParseChecksumAlgorithm(std::string_view name);

/// Returns the algorithm whose stored value is `value`. Errors: Corruption when
/// no algorithm has that value.
Result<ChecksumAlgorithm> ChecksumAlgorithmFromStoredValue(uint8_t value);

/// Returns the size of the algorithm's digest in bytes: 4 (CRC32, CRC32C),
/// 8 (CRC64NVME), 20 (SHA1), 32 (SHA256) or 16 (MD5).
size_t ChecksumSize(ChecksumAlgorithm algorithm);

/// Computes one checksum over bytes that arrive in pieces, e.g. an object body
/// as it streams in. Digests are raw bytes: CRCs big-endian, which is what S3
/// base64-encodes into x-amz-checksum-* headers (the CRC32 of "" is
/// "AAAAAA=="). CRCs use io/crc*.h; SHA1, SHA256 and MD5 use OpenSSL's EVP.
///
/// Ownership: owns its hashing state. Movable; a moved-from Checksummer may
/// only be assigned to or destroyed.
/// Thread safety: none; one thread at a time.
class Checksummer {
 public:
  explicit Checksummer(ChecksumAlgorithm algorithm);
  Checksummer(const Checksummer&) = delete;
  Checksummer& operator=(const Checksummer&) = delete;
  Checksummer(Checksummer&&) noexcept = default;
  Checksummer& operator=(Checksummer&&) noexcept = default;
  ~Checksummer() = default;

  ChecksumAlgorithm algorithm() const { return algorithm_; }

  /// Bytes passed to Update() since construction or the last Finish().
  uint64_t num_bytes() const { return num_bytes_; }

  /// Adds `data` to the checksummed bytes.
  void Update(std::string_view data);

  /// Returns the digest of the bytes since construction or the last Finish()
  /// (ChecksumSize() raw bytes), and starts over.
  std::string Finish();

  /// Returns Finish() in standard base64, the form of x-amz-checksum-* headers.
  std::string FinishBase64();

 private:
  struct EvpContextDeleter {
    void operator()(evp_md_ctx_st* context) const;
  };

  // Starts (or restarts) the EVP digest of a hash algorithm.
  void StartDigest();

  ChecksumAlgorithm algorithm_ = ChecksumAlgorithm::kCrc32;
  uint64_t crc_ = 0;  // The CRC so far, for the CRC algorithms.
  uint64_t num_bytes_ = 0;
  std::unique_ptr<evp_md_ctx_st, EvpContextDeleter> digest_;  // Null for the CRC algorithms.
};

/// Returns the raw digest of `data` (as Checksummer::Finish()).
std::string ComputeChecksum(ChecksumAlgorithm algorithm, std::string_view data);

}  // namespace stratus::io
