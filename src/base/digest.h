#pragma once

#include <string>
#include <string_view>

namespace stratus {

/// Returns the MD5 of `data` as 32 lowercase hex digits.
std::string Md5Hex(std::string_view data);

/// Returns the raw 32-byte SHA-256 of `data`.
std::string Sha256(std::string_view data);

/// Returns the SHA-256 of `data` as 64 lowercase hex digits.
std::string Sha256Hex(std::string_view data);

/// Returns the raw 32-byte HMAC-SHA256 of `data` under `key`.
std::string HmacSha256(std::string_view key, std::string_view data);

/// Returns `bytes` as lowercase hex.
std::string ToHex(std::string_view bytes);

/// Returns the standard (padded) base64 encoding of `bytes`.
std::string Base64Encode(std::string_view bytes);

/// Decodes standard base64 (padding optional); false on malformed input.
bool Base64Decode(std::string_view text, std::string* out);

}  // namespace stratus
