#pragma once

#include <memory>
#include <string>
#include <string_view>

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX, kept out of this header.

namespace stratus {

/// Returns the MD5 of `data` as 32 lowercase hex digits.
std::string Md5Hex(std::string_view data);

/// Returns the raw 32-byte SHA-256 of `data`.
std::string Sha256(std::string_view data);

/// Returns the SHA-256 of `data` as 64 lowercase hex digits.
std::string Sha256Hex(std::string_view data);

/// An incremental SHA-256: feed the data in pieces with Update(), then take the
/// digest with Finish(). Hashing a body as it streams in needs no copy of it.
///
/// Thread safety: none; one owner uses it at a time. Movable, not copyable.
class Sha256Hasher {
 public:
  Sha256Hasher();
  Sha256Hasher(Sha256Hasher&&) noexcept;
  Sha256Hasher& operator=(Sha256Hasher&&) noexcept;
  Sha256Hasher(const Sha256Hasher&) = delete;
  Sha256Hasher& operator=(const Sha256Hasher&) = delete;
  ~Sha256Hasher();

  /// Adds `data` to the hash.
  void Update(std::string_view data);

  /// Returns the raw 32-byte digest of everything added since construction or
  /// the last Finish(), and starts over.
  std::string Finish();

  /// Returns Finish() as 64 lowercase hex digits.
  std::string FinishHex();

 private:
  struct ContextDeleter {
    void operator()(evp_md_ctx_st* context) const;
  };

  std::unique_ptr<evp_md_ctx_st, ContextDeleter> context_;
};

/// Returns true when `a` and `b` are equal, in time that depends only on their
/// lengths (for comparing signatures and MACs).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

/// Returns the raw 20-byte HMAC-SHA1 of `data` under `key` (S3's SigV2).
std::string HmacSha1(std::string_view key, std::string_view data);

/// Returns the raw 32-byte HMAC-SHA256 of `data` under `key`.
std::string HmacSha256(std::string_view key, std::string_view data);

/// Returns `bytes` as lowercase hex.
std::string ToHex(std::string_view bytes);

/// Returns the value of one hex digit (either case), or -1.
int HexDigitValue(char c);

/// Decodes hex digits (either case) into bytes; false on an odd length or a
/// non-hex character.
bool HexDecode(std::string_view hex, std::string* out);

/// Returns the standard (padded) base64 encoding of `bytes`.
std::string Base64Encode(std::string_view bytes);

/// Decodes standard base64 (padding optional); false on malformed input.
bool Base64Decode(std::string_view text, std::string* out);

}  // namespace stratus
