#include "lake/listing_rules.h"

namespace stratus::lake {
namespace {

// True when `after` is a common prefix of this listing, whose keys are
// passed with it.
bool UnderCommonPrefix(std::string_view entry,
                       std::string_view after,
                       std::string_view prefix,
                       std::string_view delimiter) {
  return entry.starts_with(after) && CommonPrefixOf(after, prefix, delimiter) == after;
}

}  // namespace

std::string CommonPrefixOf(std::string_view key,
                           std::string_view prefix,
                           std::string_view delimiter) {
  if (delimiter.empty() || !key.starts_with(prefix)) {
    return {};
  }
  const size_t at = key.find(delimiter, prefix.size());
  if (at == std::string_view::npos) {
    return {};
  }
  return std::string(key.substr(0, at + delimiter.size()));
}

bool KeyPassed(std::string_view key,
               std::string_view after,
               std::string_view prefix,
               std::string_view delimiter) {
  if (after.empty()) {
    return false;
  }
  return key <= after || UnderCommonPrefix(key, after, prefix, delimiter);
}

bool SubtreePassed(std::string_view start,
                   std::string_view after,
                   std::string_view prefix,
                   std::string_view delimiter) {
  if (after.empty()) {
    return false;
  }
  return (start < after && !after.starts_with(start)) ||
         UnderCommonPrefix(start, after, prefix, delimiter);
}

}  // namespace stratus::lake
