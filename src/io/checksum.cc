#include "io/checksum.h"

#include <array>
#include <cctype>

#include <openssl/evp.h>

#include "base/check.h"
#include "base/digest.h"
#include "base/format.h"
#include "io/crc32.h"
#include "io/crc32c.h"
#include "io/crc64nvme.h"

namespace stratus::io {
namespace {

constexpr std::array<ChecksumAlgorithm, 5> kS3Algorithms = {
    ChecksumAlgorithm::kCrc32, ChecksumAlgorithm::kCrc32c, ChecksumAlgorithm::kCrc64Nvme,
    ChecksumAlgorithm::kSha1,  ChecksumAlgorithm::kSha256,
};

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(a[i])) !=
        std::toupper(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// Returns the OpenSSL digest of a hash algorithm; null for the CRCs.
const EVP_MD* DigestOf(ChecksumAlgorithm algorithm) {
  switch (algorithm) {
    case ChecksumAlgorithm::kSha1:
      return EVP_sha1();
    case ChecksumAlgorithm::kSha256:
      return EVP_sha256();
    case ChecksumAlgorithm::kMd5:
      return EVP_md5();
    case ChecksumAlgorithm::kCrc32:
    case ChecksumAlgorithm::kCrc32c:
    case ChecksumAlgorithm::kCrc64Nvme:
      break;
  }
  return nullptr;
}

// Returns the low `size` bytes of `value`, most significant first.
std::string BigEndian(uint64_t value, size_t size) {
  std::string bytes(size, '\0');
  for (size_t i = 0; i < size; ++i) {
    bytes[size - 1 - i] = static_cast<char>((value >> (8 * i)) & 0xFF);
  }
  return bytes;
}

}  // namespace

std::string_view ChecksumAlgorithmName(ChecksumAlgorithm algorithm) {
  switch (algorithm) {
    case ChecksumAlgorithm::kCrc32:
      return "CRC32";
    case ChecksumAlgorithm::kCrc32c:
      return "CRC32C";
    case ChecksumAlgorithm::kCrc64Nvme:
      return "CRC64NVME";
    case ChecksumAlgorithm::kSha1:
      return "SHA1";
    case ChecksumAlgorithm::kSha256:
      return "SHA256";
    case ChecksumAlgorithm::kMd5:
      return "MD5";
  }
  return "UNKNOWN";
}

Result<ChecksumAlgorithm> ParseChecksumAlgorithm(std::string_view name) {
  for (const ChecksumAlgorithm algorithm : kS3Algorithms) {
    if (EqualsIgnoringCase(name, ChecksumAlgorithmName(algorithm))) {
      return algorithm;
    }
  }
  return Status::InvalidArgument(Format("unknown checksum algorithm '{}'", name));
}

Result<ChecksumAlgorithm> ChecksumAlgorithmFromStoredValue(uint8_t value) {
  if (value > static_cast<uint8_t>(ChecksumAlgorithm::kMd5)) {
    return Status::Corruption(Format("unknown stored checksum algorithm {}", value));
  }
  return static_cast<ChecksumAlgorithm>(value);
}

size_t ChecksumSize(ChecksumAlgorithm algorithm) {
  switch (algorithm) {
    case ChecksumAlgorithm::kCrc32:
    case ChecksumAlgorithm::kCrc32c:
      return 4;
    case ChecksumAlgorithm::kCrc64Nvme:
      return 8;
    case ChecksumAlgorithm::kSha1:
      return 20;
    case ChecksumAlgorithm::kSha256:
      return 32;
    case ChecksumAlgorithm::kMd5:
      return 16;
  }
  return 0;
}

void Checksummer::EvpContextDeleter::operator()(evp_md_ctx_st* context) const {
  EVP_MD_CTX_free(context);
}

Checksummer::Checksummer(ChecksumAlgorithm algorithm) : algorithm_(algorithm) {
  if (DigestOf(algorithm_) != nullptr) {
    digest_.reset(EVP_MD_CTX_new());
    STRATUS_CHECK(digest_ != nullptr, "EVP_MD_CTX_new failed");
    StartDigest();
  }
}

void Checksummer::StartDigest() {
  // Fails only without memory or when the OpenSSL build disables the digest.
  STRATUS_CHECK(EVP_DigestInit_ex(digest_.get(), DigestOf(algorithm_), nullptr) == 1,
                "EVP_DigestInit_ex({}) failed", ChecksumAlgorithmName(algorithm_));
}

void Checksummer::Update(std::string_view data) {
  num_bytes_ += data.size();
  switch (algorithm_) {
    case ChecksumAlgorithm::kCrc32:
      crc_ = ExtendCrc32(static_cast<uint32_t>(crc_), data);
      return;
    case ChecksumAlgorithm::kCrc32c:
      crc_ = ExtendCrc32c(static_cast<uint32_t>(crc_), data);
      return;
    case ChecksumAlgorithm::kCrc64Nvme:
      crc_ = ExtendCrc64Nvme(crc_, data);
      return;
    case ChecksumAlgorithm::kSha1:
    case ChecksumAlgorithm::kSha256:
    case ChecksumAlgorithm::kMd5:
      STRATUS_CHECK(EVP_DigestUpdate(digest_.get(), data.data(), data.size()) == 1,
                    "EVP_DigestUpdate failed");
      return;
  }
}

std::string Checksummer::Finish() {
  std::string digest;
  if (digest_ == nullptr) {
    digest = BigEndian(crc_, ChecksumSize(algorithm_));
    crc_ = 0;
  } else {
    std::array<unsigned char, EVP_MAX_MD_SIZE> bytes{};
    unsigned int size = 0;
    STRATUS_CHECK(EVP_DigestFinal_ex(digest_.get(), bytes.data(), &size) == 1,
                  "EVP_DigestFinal_ex failed");
    digest.assign(reinterpret_cast<const char*>(bytes.data()), size);
    StartDigest();
  }
  num_bytes_ = 0;
  return digest;
}

std::string Checksummer::FinishBase64() {
  return Base64Encode(Finish());
}

std::string ComputeChecksum(ChecksumAlgorithm algorithm, std::string_view data) {
  Checksummer checksummer(algorithm);
  checksummer.Update(data);
  return checksummer.Finish();
}

}  // namespace stratus::io
