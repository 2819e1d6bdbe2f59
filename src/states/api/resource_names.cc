#include "states/api/resource_names.h"

#include <cstdint>

namespace stratus::states::api {
namespace {

constexpr size_t kMaxNameLength = 80;
constexpr std::string_view kForbidden = " \t\n\r\f\v<>{}[]?*\"#%\\^|~`$&,;:/";

// Returns the number of code points in UTF-8 `text`.
size_t NumCodePoints(std::string_view text) {
  size_t count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) {
      ++count;
    }
  }
  return count;
}

// Returns true for U+0080-U+009F encoded as C2 80..C2 9F.
bool HasC1Control(std::string_view text) {
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    if (static_cast<unsigned char>(text[i]) == 0xC2 &&
        static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      return true;
    }
  }
  return false;
}

}  // namespace

bool IsValidResourceName(std::string_view name) {
  if (name.empty() || NumCodePoints(name) > kMaxNameLength) {
    return false;
  }
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F || kForbidden.find(c) != std::string_view::npos) {
      return false;
    }
  }
  return !HasC1Control(name);
}

bool IsValidAliasName(std::string_view name) {
  if (name.empty() || name.size() > kMaxNameLength) {
    return false;
  }
  bool has_non_digit = false;
  for (const char c : name) {
    const bool digit = c >= '0' && c <= '9';
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!digit && !letter && c != '_' && c != '-' && c != '.') {
      return false;
    }
    has_non_digit = has_non_digit || !digit;
  }
  return has_non_digit;
}

}  // namespace stratus::states::api
