#include "cloudformation/api/page_token.h"

#include <charconv>
#include <utility>

#include "base/digest.h"
#include "base/format.h"
#include "cloudformation/errors.h"

namespace stratus::cloudformation::api {
namespace {

constexpr std::string_view kPrefix = "stratus-page:";

Status InvalidToken() {
  // AWS: an unknown or tampered token is a ValidationError.
  return CfnError::Validation("Invalid NextToken");
}

}  // namespace

std::string EncodePageToken(size_t position) {
  return Base64Encode(Format("{}{}", kPrefix, position));
}

Result<size_t> PageStart(const Json& input, size_t first) {
  if (!input.contains("NextToken") || input["NextToken"].is_null()) {
    return first;
  }
  if (!input["NextToken"].is_string()) {
    return InvalidToken();
  }
  std::string decoded;
  if (!Base64Decode(input["NextToken"].get<std::string>(), &decoded) ||
      !decoded.starts_with(kPrefix)) {
    return InvalidToken();
  }
  const std::string_view digits = std::string_view(decoded).substr(kPrefix.size());
  size_t position = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), position);
  if (error != std::errc() || end != digits.data() + digits.size() || digits.empty()) {
    return InvalidToken();
  }
  return position;
}

Result<Json> PageOf(const Json& input, Json items, const std::string& member, size_t page_size) {
  STRATUS_ASSIGN_OR_RETURN(const size_t start, PageStart(input, 0));
  Json page = Json::array();
  const size_t total = items.size();
  for (size_t i = start; i < total && page.size() < page_size; ++i) {
    page.push_back(std::move(items[i]));
  }
  Json out{{member, std::move(page)}};
  if (start + page_size < total) {
    out["NextToken"] = EncodePageToken(start + page_size);
  }
  return out;
}

}  // namespace stratus::cloudformation::api
